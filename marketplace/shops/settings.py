"""A shop's settings: name, description, avatar, direct-mail rate card, customs regime and
return policy. The API and the settings page both call ``update_settings``, so they refuse
exactly the same values; every change is audited."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l

from marketplace.audit import services as audit
from marketplace.core.checks import FieldErrors, clean_decimal, clean_text
from marketplace.extensions import db
from marketplace.money.money import BASE_CURRENCY, round_half_up
from marketplace.shops.models import CUSTOMS_REGIMES, Shop

NAME_MAX = 120
DESCRIPTION_MAX = 2000
# A parcel fee of a hundred thousand yuan is a typing error, not a rate card.
FEE_LIMIT = Decimal(100_000)
FREE_OVER_LIMIT = Decimal(10_000_000)

# Service field name (the API's dotted path) -> Shop attribute.
RATE_FIELDS = {"shipping.direct_mail.base": "direct_mail_base",
               "shipping.direct_mail.per_kg": "direct_mail_per_kg"}


def _cny(amount: Decimal | None) -> str | None:
    return None if amount is None else str(round_half_up(Decimal(amount), BASE_CURRENCY))


def settings_state(shop: Shop) -> dict:
    """The settings as the API shows them: amounts as CNY decimal strings."""
    return {
        "name": shop.name,
        "description": shop.description,
        "shipping": {"direct_mail": {
            "base": _cny(shop.direct_mail_base), "per_kg": _cny(shop.direct_mail_per_kg),
            "free_over": _cny(shop.direct_mail_free_over), "regime": shop.customs_regime}},
        "returns": {"no_reason": shop.returns_no_reason},
    }


def shop_profile(shop: Shop) -> dict:
    return {"id": shop.id, "slug": shop.slug, "currency": shop.currency, "country": shop.country,
            "level": shop.level, **settings_state(shop)}


def _clean_texts(errors: FieldErrors, changes: dict, values: dict) -> None:
    if "name" in changes:
        values["name"] = clean_text(errors, "name", changes["name"], max_length=NAME_MAX)
    if "description" in changes:
        description = changes["description"]
        if description is not None and not isinstance(description, str):
            errors.add("description", _l("Give text here."))
        elif len((description or "").strip()) > DESCRIPTION_MAX:
            errors.add("description", _l("At most %(max)d characters.", max=DESCRIPTION_MAX))
        else:
            values["description"] = (description or "").strip()


def _clean_rate_card(errors: FieldErrors, direct_mail: dict, values: dict) -> None:
    for name, attribute in RATE_FIELDS.items():
        key = name.rsplit(".", 1)[1]
        if key in direct_mail:
            values[attribute] = clean_decimal(errors, name, direct_mail[key], places=2, below=FEE_LIMIT)
    if "free_over" in direct_mail:
        free_over = direct_mail["free_over"]
        values["direct_mail_free_over"] = None if free_over in (None, "") else clean_decimal(
            errors, "shipping.direct_mail.free_over", free_over, places=2, below=FREE_OVER_LIMIT)
    if "regime" in direct_mail:
        if direct_mail["regime"] in CUSTOMS_REGIMES:
            values["customs_regime"] = direct_mail["regime"]
        else:
            errors.add("shipping.direct_mail.regime", _l("Choose cbec or postal."))


def _clean_returns(errors: FieldErrors, returns: dict, values: dict) -> None:
    if "no_reason" in returns:
        if isinstance(returns["no_reason"], bool):
            values["returns_no_reason"] = returns["no_reason"]
        else:
            errors.add("returns.no_reason", _l("Give true or false here."))


def clean_settings(changes: dict) -> dict:
    """Shop attributes to set, from a partial body shaped like the API's; ``ValidationFailed``
    with every problem, by the API's field names, otherwise."""
    errors, values = FieldErrors(), {}
    _clean_texts(errors, changes, values)
    _clean_rate_card(errors, (changes.get("shipping") or {}).get("direct_mail") or {}, values)
    _clean_returns(errors, changes.get("returns") or {}, values)
    errors.raise_if_any()
    return values


def update_settings(shop: Shop, changes: dict, *, actor, now: datetime) -> Shop:
    """Apply a partial change (keys absent from ``changes`` stay as they are) and audit it."""
    values = clean_settings(changes)
    before = settings_state(shop)
    for attribute, value in values.items():
        setattr(shop, attribute, value)
    db.session.flush()
    after = settings_state(shop)
    if after != before:
        audit.record(actor, "shop.settings_updated", "shop", shop.id, before=before, after=after, now=now)
    return shop
