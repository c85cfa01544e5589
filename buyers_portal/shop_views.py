"""The shop's settings page and its inbound notices. A valid submit commits, flashes and
redirects (PRG); an invalid one shows the service's problems next to the fields, status 422."""
from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from buyers_portal import bp
from buyers_portal.shop_forms import (
    INBOUND_STATUS_LABELS,
    SETTINGS_FIELDS,
    InboundForm,
    ShopSettingsForm,
)
from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError
from marketplace.core.pagination import paginate
from marketplace.extensions import db
from marketplace.fulfilment import inbounds
from marketplace.shops import avatars, settings
from marketplace.storage import get_storage
from marketplace.warehouses import services as warehousing
from marketplace.web import access
from marketplace.web.forms import show_errors


def refused_status() -> int:
    """A form page reached by POST was refused: a valid submit redirects."""
    return 422 if request.method == "POST" else 200


def settings_data(shop) -> dict:
    direct_mail = settings.settings_state(shop)["shipping"]["direct_mail"]
    return {"name": shop.name, "description": shop.description, "base": direct_mail["base"],
            "per_kg": direct_mail["per_kg"], "free_over": direct_mail["free_over"] or "",
            "regime": direct_mail["regime"], "no_reason": shop.returns_no_reason}


def save_settings(form: ShopSettingsForm, shop) -> bool:
    """Settings first, then the avatar, in one transaction: a refused picture keeps the rest."""
    now = utcnow()
    try:
        settings.update_settings(shop, form.changes(), actor=g.actor, now=now)
        if form.avatar.data:
            avatars.set_avatar(shop, form.avatar.data.read(), storage=get_storage(), actor=g.actor, now=now)
    except DomainError as error:
        db.session.rollback()
        show_errors(form, error, SETTINGS_FIELDS)
        return False
    db.session.commit()
    return True


@bp.route("/settings", methods=["GET", "POST"])
@access.buyer
def shop_settings():
    form = ShopSettingsForm(data=settings_data(g.shop))
    if form.validate_on_submit() and save_settings(form, g.shop):
        flash(_("The shop settings were saved."), "success")
        return redirect(url_for("buyers.shop_settings"))
    avatar_url = get_storage().public_url(g.shop.avatar_key) if g.shop.avatar_key else None
    return render_template("buyers/settings.html", form=form, avatar_url=avatar_url), refused_status()


# --- Inbound notices -----------------------------------------------------------------------------

def filled_lines(form: InboundForm) -> list[tuple[int, dict]]:
    """(form row, service line) for every row with anything typed in it."""
    rows = []
    for index, entry in enumerate(form.lines.entries):
        code, quantity = (entry.form.sku_code.data or "").strip(), (entry.form.quantity.data or "").strip()
        if code or quantity:
            rows.append((index, {"sku_code": code, "quantity": quantity}))
    return rows


def show_line_errors(form: InboundForm, error: DomainError, rows: list[tuple[int, dict]]) -> None:
    """``lines.<n>.<field>`` of the service names the n-th filled row; the rest go above the form."""
    for name, messages in error.fields.items():
        parts = name.split(".")
        if parts[0] == "lines" and len(parts) == 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
            entry = form.lines.entries[rows[int(parts[1])][0]].form
            target = entry.quantity if parts[2] == "quantity" else entry.sku_code
            target.errors = [*target.errors, *messages]
        elif name == "warehouse":
            form.warehouse.errors = [*form.warehouse.errors, *messages]
        else:
            form.form_errors.extend(messages)
    if not error.fields:
        form.form_errors.append(error.message)


def announce(form: InboundForm) -> bool:
    rows = filled_lines(form)
    try:
        inbounds.announce_inbound(g.shop, warehouse_code=form.warehouse.data,
                                  lines=[line for _, line in rows], actor=g.actor, now=utcnow())
    except DomainError as error:
        db.session.rollback()
        show_line_errors(form, error, rows)
        return False
    db.session.commit()
    return True


@bp.route("/inbounds", methods=["GET", "POST"])
@access.buyer
def shop_inbounds():
    form = InboundForm()
    form.warehouse.choices = [(row.code, f"{row.name} ({row.city})") for row in warehousing.warehouses()]
    if form.validate_on_submit() and announce(form):
        flash(_("The inbound notice was sent to the warehouse."), "success")
        return redirect(url_for("buyers.shop_inbounds"))
    page = paginate(inbounds.shop_inbounds(g.shop), request.args.get("page", 1, type=int), 20)
    return render_template("buyers/inbounds.html", form=form, page=page,
                           status_labels=INBOUND_STATUS_LABELS), refused_status()
