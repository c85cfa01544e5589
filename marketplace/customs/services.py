"""The tax table: the admin creates and edits tax categories; the tax engine reads them.

An edit changes the rates quotes use from then on. Placed orders keep the tax amounts computed
when they were placed, so no change here reaches them."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.audit import services as audit
from marketplace.core.checks import FieldErrors, add_unique, clean_decimal, clean_text
from marketplace.core.errors import Conflict, NotFound
from marketplace.customs.models import TaxCategory
from marketplace.extensions import db

TAX_CODE_PATTERN = r"[a-z0-9_]+"
RATE_FIELDS = ("vat_rate", "consumption_tax_rate", "tariff_rate", "postal_rate")
NAME_COLUMNS = (("zh_CN", "name_zh"), ("en", "name_en"))
RATE_PLACES = 4


def tax_categories() -> list[TaxCategory]:
    return list(db.session.scalars(select(TaxCategory).order_by(TaxCategory.code)))


def tax_category_by_code(code: str) -> TaxCategory | None:
    return db.session.scalar(select(TaxCategory).where(TaxCategory.code == code))


def get_tax_category(code: str) -> TaxCategory:
    row = tax_category_by_code(code)
    if row is None:
        raise NotFound(str(_l("There is no tax category with this code.")))
    return row


def tax_category_state(row: TaxCategory) -> dict:
    state = {"code": row.code, "name": {"zh_CN": row.name_zh, "en": row.name_en},
             "on_positive_list": row.on_positive_list}
    state.update({name: getattr(row, name) for name in RATE_FIELDS})
    return audit.as_json(state)


def _clean_values(errors: FieldErrors, values: dict, *, partial: bool) -> dict:
    """Column values from the API-shaped ``values``; with ``partial`` only the keys given."""
    cleaned = {}
    names = values.get("name") or {}
    for locale, column in NAME_COLUMNS:
        if not partial or locale in names:
            cleaned[column] = clean_text(errors, f"name.{locale}", names.get(locale), max_length=80)
    for name in RATE_FIELDS:
        if not partial or name in values:
            cleaned[name] = clean_decimal(errors, name, values.get(name), places=RATE_PLACES,
                                          below=Decimal(1))
    if "on_positive_list" in values:
        cleaned["on_positive_list"] = bool(values["on_positive_list"])
    return cleaned


def _tax_category_exists() -> Conflict:
    message = str(_l("A tax category with this code already exists."))
    return Conflict(message, code="tax_category_exists", fields={"code": [message]})


def create_tax_category(actor, *, code, values: dict, now: datetime) -> TaxCategory:
    """``values``: ``name`` ({zh_CN, en}), the four rates (0 <= rate < 1), ``on_positive_list``."""
    errors = FieldErrors()
    code = clean_text(errors, "code", code, max_length=40, pattern=TAX_CODE_PATTERN,
                      pattern_message=_l("Use lowercase letters, digits and underscores."))
    cleaned = _clean_values(errors, values, partial=False)
    errors.raise_if_any()
    if tax_category_by_code(code) is not None:
        raise _tax_category_exists()
    row = TaxCategory(code=code, **cleaned)
    add_unique(row, _tax_category_exists())
    audit.record(actor, "tax_category.created", "tax_category", code, after=tax_category_state(row), now=now)
    return row


def update_tax_category(actor, code: str, *, values: dict, now: datetime) -> TaxCategory:
    """Change only the fields given; an edit that changes nothing writes no audit event."""
    row = get_tax_category(code)
    errors = FieldErrors()
    cleaned = _clean_values(errors, values, partial=True)
    errors.raise_if_any()
    before = tax_category_state(row)
    for column, value in cleaned.items():
        setattr(row, column, value)
    db.session.flush()
    after = tax_category_state(row)
    if after != before:
        audit.record(actor, "tax_category.updated", "tax_category", code, before=before, after=after, now=now)
    return row
