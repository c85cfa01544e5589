"""Checking a listing body beyond its shape: references that must exist, the SKU matrix, prices
in the shop's currency. Every problem of a body is collected and raised at once, before anything
is written, so a refused request changes nothing."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

from babel import Locale
from babel.numbers import get_currency_precision
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.catalog.models import ROUTES, Listing, Sku
from marketplace.catalog.services import category_by_slug
from marketplace.core.checks import FieldErrors
from marketplace.customs.services import tax_category_by_code
from marketplace.extensions import db

LANGUAGES = ("zh_CN", "en", "local")
CONTENT_FIELDS = ("category", "brand", "title", "description", "origin_country", "tax_category", "routes")


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    return frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())


def clean_content(errors: FieldErrors, body: dict) -> dict:
    """The content fields present in ``body``, trimmed and checked, in their API form."""
    content = {}
    for name in CONTENT_FIELDS:
        if name in body:
            content[name] = CLEANERS[name](errors, body[name])
    return content


def _category(errors: FieldErrors, slug: str) -> str:
    if category_by_slug(slug.strip()) is None:
        errors.add("category", _l("There is no category with this slug."))
    return slug.strip()


def _tax_category(errors: FieldErrors, code: str) -> str:
    if tax_category_by_code(code.strip()) is None:
        errors.add("tax_category", _l("There is no tax category with this code."))
    return code.strip()


def _brand(errors: FieldErrors, brand: str) -> str:
    if not brand.strip():
        errors.add("brand", _l("This field is required."))
    return brand.strip()


def _country(errors: FieldErrors, code: str) -> str:
    if code.upper() not in country_codes():
        errors.add("origin_country", _l("Give a two-letter country code, such as US or JP."))
    return code.upper()


def _texts(name: str):
    def clean(errors: FieldErrors, texts: dict) -> dict:
        cleaned = {language: (texts.get(language) or "").strip() or None for language in LANGUAGES}
        if cleaned["zh_CN"] is None:
            errors.add(f"{name}.zh_CN", _l("The Simplified Chinese text is required."))
        return cleaned

    return clean


def _routes(errors: FieldErrors, routes: list) -> list:
    return [route for route in ROUTES if route in routes]


CLEANERS = {"category": _category, "tax_category": _tax_category, "brand": _brand,
            "origin_country": _country, "title": _texts("title"), "description": _texts("description"),
            "routes": _routes}


def clean_skus(errors: FieldErrors, shop, skus: list[dict], listing: Listing | None) -> list[dict]:
    """The SKU list with prices as Decimals; codes unique in the shop, one set of option axes,
    no two SKUs with the same options."""
    rows = [_clean_sku(errors, shop, index, sku) for index, sku in enumerate(skus)]
    _check_codes(errors, shop, rows, listing)
    _check_matrix(errors, rows)
    return rows


def _clean_sku(errors: FieldErrors, shop, index: int, sku: dict) -> dict:
    prefix = f"skus.{index}"
    price = sku["price"]
    if price["currency"] != shop.currency:
        errors.add(f"{prefix}.price.currency", _l("Prices are in the shop's currency, %(currency)s.",
                                                   currency=shop.currency))
    amount = price["amount"]
    if amount <= 0:
        errors.add(f"{prefix}.price.amount", _l("The price must be greater than zero."))
    elif -amount.normalize().as_tuple().exponent > get_currency_precision(shop.currency):
        errors.add(f"{prefix}.price.amount", _l("At most %(places)s decimal places.",
                                                 places=get_currency_precision(shop.currency)))
    elif amount >= Decimal(10) ** 12:
        errors.add(f"{prefix}.price.amount", _l("This price is too high."))
    options = {key.strip(): value.strip() for key, value in sku["options"].items()}
    return {"code": sku["code"].strip(), "options": options, "price": amount, "weight_g": sku["weight_g"],
            "stock": sku["stock"]}


def _check_codes(errors: FieldErrors, shop, rows: list[dict], listing: Listing | None) -> None:
    seen = set()
    for index, row in enumerate(rows):
        if row["code"] in seen:
            errors.add(f"skus.{index}.code", _l("Two SKUs have the same code."))
        seen.add(row["code"])
    statement = select(Sku.code).where(Sku.shop_id == shop.id, Sku.code.in_(seen))
    if listing is not None and listing.id is not None:
        statement = statement.where(Sku.listing_id != listing.id)
    taken = set(db.session.scalars(statement))
    for index, row in enumerate(rows):
        if row["code"] in taken:
            errors.add(f"skus.{index}.code", _l("Another listing of this shop uses this SKU code."))


def _check_matrix(errors: FieldErrors, rows: list[dict]) -> None:
    axes = set(rows[0]["options"]) if rows else set()
    combinations = set()
    for index, row in enumerate(rows):
        if set(row["options"]) != axes:
            errors.add(f"skus.{index}.options", _l("Every SKU must have the same option names."))
        combination = tuple(sorted(row["options"].items()))
        if combination in combinations:
            errors.add(f"skus.{index}.options", _l("Two SKUs have the same options."))
        combinations.add(combination)
