"""The checkout as pages: choose (or add) the orderer and the address, see the quote order by
order with every tax component and problem in words, place it and pay on the provider's page,
then the result and the shopper's orders."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from consumer_site import bp
from consumer_site.params import form_number, whole_number
from marketplace.checkout import services as checkout
from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError
from marketplace.core.pagination import paginate
from marketplace.extensions import db
from marketplace.orderers import services as orderers
from marketplace.orders import presenters
from marketplace.orders import services as orders
from marketplace.web import access
from marketplace.web.i18n import current_locale

ADDRESS_FIELDS = ("recipient", "phone", "province", "city", "district", "line1", "postcode")
METHODS = ("card", "alipay", "wechat")


def _chosen(rows, wanted):
    wanted = whole_number(wanted)
    return next((row for row in rows if row.id == wanted), rows[0] if rows else None)


def _choices():
    shopper = g.actor
    identities = list(db.session.scalars(orderers.identities_of(shopper)))
    addresses = list(db.session.scalars(orderers.addresses_of(shopper)))
    return identities, addresses


def _page(errors: dict | None = None, status: int = 200, form: dict | None = None):
    identities, addresses = _choices()
    identity = _chosen(identities, request.values.get("identity_id"))
    address = _chosen(addresses, request.values.get("address_id"))
    quoted = None
    if identity is not None and address is not None:
        quoted = checkout.quote_for(g.actor, identity.id, address.id, locale=current_locale(), now=utcnow())
    names = {row.id: orderers.real_name_of(row) for row in identities}
    return render_template("consumer/checkout.html", identities=identities, addresses=addresses,
                           identity=identity, address=address, quote=quoted, methods=METHODS,
                           method=request.values.get("payment_method", "alipay"), errors=errors or {},
                           form=form or {}, names=names), status


@bp.route("/checkout")
@access.shopper
def checkout_page():
    return _page()


def _add(action, form: dict):
    try:
        row = action()
    except DomainError as error:
        db.session.rollback()
        fields = {name: [str(message) for message in messages] for name, messages in error.fields.items()}
        return _page(fields or {"form": [error.message]}, 422, form)
    db.session.commit()
    return row


@bp.route("/checkout/identities", methods=["POST"])
@access.shopper
def add_checkout_identity():
    form = {"real_name": request.form.get("real_name", ""), "id_number": request.form.get("id_number", "")}
    added = _add(lambda: orderers.add_identity(
        g.actor, real_name=form["real_name"], id_number=form["id_number"],
        consent=request.form.get("consent") == "yes", channel="web", now=utcnow()), form)
    if isinstance(added, tuple):
        return added
    flash(_("The orderer is saved."), "success")
    return redirect(url_for("consumer.checkout_page", identity_id=added.id,
                            address_id=request.form.get("address_id", "")), 303)


@bp.route("/checkout/addresses", methods=["POST"])
@access.shopper
def add_checkout_address():
    form = {name: request.form.get(name, "") for name in ADDRESS_FIELDS}
    added = _add(lambda: orderers.add_address(g.actor, dict(form), now=utcnow()), form)
    if isinstance(added, tuple):
        return added
    flash(_("The address is saved."), "success")
    return redirect(url_for("consumer.checkout_page", address_id=added.id,
                            identity_id=request.form.get("identity_id", "")), 303)


@bp.route("/checkout", methods=["POST"])
@access.shopper
def place_checkout():
    shopper_id = g.actor.id
    db.session.commit()  # end the request's reads: placing starts with its lock (SQLite needs that)
    checkout.begin_placing(shopper_id, utcnow())
    try:
        placed, payment = checkout.place(
            g.actor, identity_id=form_number(request.form, "identity_id"),
            address_id=form_number(request.form, "address_id"),
            payment_method=request.form.get("payment_method"), locale=current_locale(), now=utcnow(),
            return_url=lambda row: url_for("consumer.checkout_result", checkout_id=row.id))
    except DomainError as error:
        db.session.rollback()
        if not isinstance(error, checkout.CheckoutRefused):  # the quote shows those problems
            flash(error.message, "error")
        return _page(status=422)
    db.session.commit()
    return redirect(payment.redirect_url, 303)


@bp.route("/checkout/<int:checkout_id>")
@access.shopper
def checkout_result(checkout_id):
    placed = orders.checkout_of(g.actor, checkout_id)
    shown = [presenters.order_view(order, locale=current_locale()) for order in placed.orders]
    return render_template("consumer/checkout_result.html", checkout=placed, orders=shown)


@bp.route("/orders")
@access.shopper
def my_orders():
    page = paginate(orders.shopper_orders(g.actor), request.args.get("page", 1, type=int) or 1, 20)
    shown = [presenters.order_view(order, locale=current_locale()) for order in page.items]
    return render_template("consumer/orders.html", page=page, orders=shown)


@bp.route("/orders/<int:order_id>")
@access.shopper
def order_page(order_id):
    order = presenters.order_view(orders.shopper_order(g.actor, order_id), locale=current_locale())
    return render_template("consumer/order.html", order=order)
