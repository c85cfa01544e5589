"""The admin's reference data pages: categories, the tax table, FX rates and warehouses. Each
list page carries its add form; a valid submit commits, flashes and redirects (PRG), an invalid
one shows the service's errors next to the fields with status 422."""
from __future__ import annotations

from functools import partial

from flask import flash, g, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from marketplace.audit import services as audit
from marketplace.catalog import services as catalog
from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError
from marketplace.core.numbers import plain_decimal
from marketplace.customs import services as customs
from marketplace.extensions import db
from marketplace.money import services as money
from marketplace.ops import bp, forms
from marketplace.warehouses import services as warehousing
from marketplace.web import access
from marketplace.web.forms import show_errors

RATE_FIELDS = customs.RATE_FIELDS


def submitted(form, change, fields: dict[str, str] | None = None) -> bool:
    """On a valid POST run ``change`` (a service call) and commit; False, with the errors on the
    form, when the service refuses."""
    if not form.validate_on_submit():
        return False
    try:
        change()
    except DomainError as error:
        db.session.rollback()
        show_errors(form, error, fields)
        return False
    db.session.commit()
    return True


def page(template: str, form, **context):
    return render_template(template, form=form, **context), 422 if form.errors else 200


def done(message: str, endpoint: str, **values):
    flash(message, "success")
    return redirect(url_for(endpoint, **values))


def parent_choices(forest, prefix: str = "") -> list[tuple[str, str]]:
    """Categories that may take children, indented by depth."""
    choices = [("", _("None (top level)"))] if not prefix else []
    for node in forest:
        if node.depth < catalog.MAX_CATEGORY_DEPTH:
            choices.append((node.category.slug, f"{prefix}{node.category.name(str(get_locale()))}"))
            choices.extend(parent_choices(node.children, prefix + "— "))
    return choices


@bp.route("/categories", methods=["GET", "POST"])
@access.admin
def categories():
    form, forest = forms.CategoryForm(), catalog.category_forest()
    form.parent.choices = parent_choices(forest)
    names = {"zh_CN": form.name_zh.data, "en": form.name_en.data}
    create = partial(catalog.create_category, g.actor, slug=form.slug.data, names=names,
                     parent=form.parent.data or None, now=utcnow())
    if submitted(form, create, forms.CATEGORY_FIELDS):
        return done(_("The category %(slug)s was added.", slug=form.slug.data.strip()), "ops.categories")
    return page("ops/categories.html", form, forest=forest)


@bp.route("/tax-categories", methods=["GET", "POST"])
@access.admin
def tax_categories():
    form = forms.TaxCategoryForm(data={"on_positive_list": True})
    create = partial(customs.create_tax_category, g.actor, code=form.code.data, values=form.values(),
                     now=utcnow())
    if submitted(form, create, forms.TAX_CATEGORY_FIELDS):
        code = form.code.data.strip()
        return done(_("The tax category %(code)s was added.", code=code), "ops.tax_categories")
    return page("ops/tax_categories.html", form, rows=customs.tax_categories(), rate_fields=RATE_FIELDS)


def _tax_form_data(row) -> dict:
    data = {"name_zh": row.name_zh, "name_en": row.name_en, "on_positive_list": row.on_positive_list}
    data.update({name: plain_decimal(getattr(row, name)) for name in RATE_FIELDS})
    return data


@bp.route("/tax-categories/<code>", methods=["GET", "POST"])
@access.admin
def edit_tax_category(code):
    row = customs.get_tax_category(code)
    form = forms.TaxCategoryEditForm(data=_tax_form_data(row))
    update = partial(customs.update_tax_category, g.actor, code, values=form.values(), now=utcnow())
    if submitted(form, update, forms.TAX_CATEGORY_FIELDS):
        return done(_("The tax category %(code)s was saved.", code=code), "ops.tax_categories")
    return page("ops/tax_category_edit.html", form, row=row, history=audit.events_for("tax_category", code))


@bp.route("/fx-rates", methods=["GET", "POST"])
@access.admin
def fx_rates():
    form = forms.FxRateForm()
    if submitted(form, partial(money.change_rate, g.actor, form.currency.data, form.rate.data, now=utcnow())):
        return done(_("The rate for %(currency)s was set.", currency=form.currency.data.strip().upper()),
                    "ops.fx_rates")
    return page("ops/fx_rates.html", form, rates=money.rates_in_force(utcnow()))


@bp.route("/fx-rates/<currency>")
@access.admin
def fx_rate_history(currency):
    currency = money.admin_currency(currency)
    return render_template("ops/fx_rate_history.html", currency=currency, rows=money.rate_history(currency))


@bp.route("/warehouses", methods=["GET", "POST"])
@access.admin
def warehouses():
    form = forms.WarehouseForm()
    shipping = {"base": form.shipping_base.data, "per_kg": form.shipping_per_kg.data}
    create = partial(warehousing.create_warehouse, g.actor, code=form.code.data, name=form.name.data,
                     city=form.city.data, shipping=shipping, now=utcnow())
    if submitted(form, create, forms.WAREHOUSE_FIELDS):
        return done(_("The warehouse %(code)s was added.", code=form.code.data.strip()), "ops.warehouses")
    return page("ops/warehouses.html", form, rows=warehousing.warehouses())


@bp.context_processor
def helpers() -> dict:
    return {"plain_decimal": plain_decimal, "audit_changes": audit.changes}
