"""The sandbox payment provider's pages, standing in for a provider's site in development and
tests; in production they do not exist (404).

``GET /sandbox/payments/<id>`` is the hosted payment page: the amount, and a form for the
payer's name (never a card number). ``POST /sandbox/payments/<id>/complete {payer_name}`` (JSON,
or that form) is the payer confirming; ``.../decline`` the payer giving up. Either way the
sandbox then sends its signed notification to ``/api/v1/payments/sandbox/notify`` from a job.
"""
from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from marshmallow import ValidationError

from marketplace.api import bp as api
from marketplace.api.routing import json_body
from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError
from marketplace.core.schemas import ApiSchema, Text
from marketplace.extensions import csrf, db
from marketplace.money.money import Money
from marketplace.payments import providers
from marketplace.payments import services as payments
from marketplace.web import errors, json_errors
from marketplace.web.access import public
from marketplace.web.i18n import current_locale
from marketplace.web.security import same_origin_post

pages = Blueprint("sandbox", __name__, url_prefix="/sandbox", template_folder="templates")


class CompleteSchema(ApiSchema):
    payer_name = Text(60)


@api.record_once
def _register_in_development(state) -> None:
    """The sandbox's pages come with the API, where the sandbox is enabled. Its forms post to
    the sandbox, as a provider's own page would, so our CSRF tokens do not apply; form posts
    must come from this site instead."""
    if providers.sandbox_enabled(state.app.config):
        csrf.exempt(pages)
        state.app.register_blueprint(pages)


def _page(payment, status: int = 200, error: str | None = None):
    charge = payments.sandbox_charge(payment)
    amount = Money(payment.amount, payment.currency).format(current_locale())
    return render_template("sandbox/payment.html", payment=payment, charge=charge, amount=amount,
                           error=error), status


def _payer_name() -> str:
    if request.is_json:
        data = json_body()
    elif same_origin_post():
        data = {"payer_name": request.form.get("payer_name", "")}
    else:
        abort(400)
    if isinstance(data.get("payer_name"), str):
        data["payer_name"] = data["payer_name"].strip()
    return CompleteSchema().load(data)["payer_name"]


def _confirmed(payment_id: str, payer_name: str | None, declined: bool):
    charge = payments.confirm_sandbox_payment(payment_id, payer_name, utcnow(), declined=declined)
    db.session.commit()  # the notification job runs after this
    payment = payments.get_payment(payment_id)
    if request.is_json:
        return {"payment_id": payment.public_id, "outcome": charge.outcome,
                "reference": charge.reference}, 202
    return redirect(payment.return_url or url_for("sandbox.payment_page", payment_id=payment_id), 303)


@pages.get("/payments/<payment_id>")
@public
def payment_page(payment_id):
    return _page(payments.get_payment(payment_id))


@pages.post("/payments/<payment_id>/complete")
@public
def complete(payment_id):
    payment = payments.get_payment(payment_id)
    try:
        payer_name = _payer_name()
    except ValidationError as error:
        if request.is_json:
            raise
        return _page(payment, 422, " ".join(error.messages.get("payer_name", [])))
    return _confirmed(payment.public_id, payer_name, declined=False)


@pages.post("/payments/<payment_id>/decline")
@public
def decline(payment_id):
    payment = payments.get_payment(payment_id)
    if not request.is_json and not same_origin_post():
        abort(400)
    return _confirmed(payment.public_id, None, declined=True)


@pages.errorhandler(DomainError)
def _domain_error(error: DomainError):
    """JSON callers get the API's error shape; the payer at the page gets a page."""
    if not request.is_json:
        return errors.handle_domain_error(error)
    db.session.rollback()
    return json_errors.domain_response(error)


@pages.errorhandler(ValidationError)
def _validation_error(error: ValidationError):
    if not request.is_json:
        return errors.handle_validation_error(error)
    db.session.rollback()
    return json_errors.validation_response(error)
