"""The admin's user pages: find a person by email and set their staff roles."""
from __future__ import annotations

from functools import partial

from flask import g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from marketplace.accounts import services as accounts
from marketplace.accounts.models import STAFF_ROLES
from marketplace.core.clock import utcnow
from marketplace.ops import bp, forms
from marketplace.ops.reference_views import done, page, submitted
from marketplace.warehouses import services as warehousing
from marketplace.web import access

ROLE_LABELS = {"shopper": _l("Shopper"), "buyer": _l("Buyer"), "reviewer": _l("Reviewer"),
               "warehouse": _l("Warehouse operator"), "admin": _l("Administrator")}
SEARCH_MAX = 254


@bp.route("/users")
@access.admin
def users():
    query = request.args.get("email", "").strip()[:SEARCH_MAX]
    return render_template("ops/users.html", query=query, found=accounts.find_users(query) if query else [],
                           role_labels=ROLE_LABELS)


def _roles_form(user) -> forms.RolesForm:
    state = accounts.role_state(user)
    form = forms.RolesForm(data={"roles": [role for role in state["roles"] if role in STAFF_ROLES],
                                 "warehouse": state["warehouse"] or ""})
    form.roles.choices = [(role, str(ROLE_LABELS[role])) for role in STAFF_ROLES]
    form.warehouse.choices = [("", _("No warehouse"))] + [
        (warehouse.code, f"{warehouse.code} · {warehouse.name}") for warehouse in warehousing.warehouses()]
    return form


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@access.admin
def user_roles(user_id):
    user = accounts.get_user(user_id)
    form = _roles_form(user)
    change = partial(accounts.change_roles, g.actor, user_id, form.roles.data or [],
                     warehouse_code=form.warehouse.data or None, now=utcnow())
    if submitted(form, change):
        message = _("The roles of %(email)s were saved.", email=user.email)
        return done(message, "ops.user_roles", user_id=user_id)
    return page("ops/user_roles.html", form, user=user, role_labels=ROLE_LABELS)
