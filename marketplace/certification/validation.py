"""The rules for an application's fields, shared by the API and the pages: each cleaner returns
the clean value or records the problem under the API's field name."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from babel import Locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.catalog.models import Category
from marketplace.core.checks import FieldErrors, clean_text
from marketplace.extensions import db

REQUIRED_FIELDS = ("legal_name", "country", "city", "categories", "bio")
MAX_LANGUAGES, MAX_CATEGORIES, MAX_SOCIAL_LINKS, MAX_LINK_LENGTH = 10, 10, 5, 300
# Babel's territory list also holds regions and placeholders that are nobody's residence.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"})
# Buyers source abroad: a residence in mainland China is what the certification rules out.
HOME_MARKET = "CN"
_ENGLISH = Locale("en")
COUNTRIES = frozenset(code for code in _ENGLISH.territories
                      if re.fullmatch(r"[A-Z]{2}", code) and code not in NOT_COUNTRIES)
LANGUAGES = frozenset(_ENGLISH.languages)


def _text(limit: int):
    def clean(errors: FieldErrors, name: str, value):
        return clean_text(errors, name, value, max_length=limit)

    return clean


def clean_optional_text(errors: FieldErrors, name: str, value, limit: int = 120) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return clean_text(errors, name, value, max_length=limit)


def clean_country(errors: FieldErrors, name: str, value) -> str | None:
    code = value.strip().upper() if isinstance(value, str) else ""
    if not code:
        errors.add(name, _l("This field is required."))
    elif code == HOME_MARKET:
        errors.add(name, _l("Buyers live outside mainland China."))
    elif code not in COUNTRIES:
        errors.add(name, _l("Not a known country code (ISO 3166, such as US or JP)."))
    else:
        return code
    return None


def _clean_list(errors: FieldErrors, name: str, value, limit: int) -> list[str] | None:
    """A list of distinct, trimmed, non-empty strings in the given order, at most ``limit``."""
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        errors.add(name, _l("Give a list of texts here."))
        return None
    items = list(dict.fromkeys(item.strip() for item in value if item.strip()))
    if len(items) > limit:
        errors.add(name, _l("At most %(count)d entries.", count=limit))
        return None
    return items


def clean_languages(errors: FieldErrors, name: str, value) -> list[str] | None:
    codes = _clean_list(errors, name, value, MAX_LANGUAGES)
    unknown = [code for code in codes or () if code not in LANGUAGES]
    if unknown:
        errors.add(name, _l("Unknown language codes: %(codes)s", codes=", ".join(unknown)))
        return None
    return codes


def clean_categories(errors: FieldErrors, name: str, value) -> list[str] | None:
    """Optional (API.md's clients may send none), but every slug given must exist."""
    slugs = _clean_list(errors, name, value, MAX_CATEGORIES)
    if not slugs:
        return slugs
    known = set(db.session.scalars(select(Category.slug).where(Category.slug.in_(slugs))))
    unknown = [slug for slug in slugs if slug not in known]
    if unknown:
        errors.add(name, _l("Unknown categories: %(slugs)s", slugs=", ".join(unknown)))
        return None
    return slugs


def is_web_address(link: str) -> bool:
    parts = urlsplit(link)
    return (parts.scheme in ("http", "https") and bool(parts.hostname) and "." in parts.hostname
            and not re.search(r"\s", link))


def clean_social_links(errors: FieldErrors, name: str, value) -> list[str] | None:
    links = _clean_list(errors, name, value, MAX_SOCIAL_LINKS)
    if links is None:
        return None
    bad = [link for link in links if len(link) > MAX_LINK_LENGTH or not is_web_address(link)]
    if bad:
        errors.add(name, _l("Give web addresses starting with http:// or https:// (at most %(max)d "
                            "characters each).", max=MAX_LINK_LENGTH))
        return None
    return links


CLEANERS = {
    "legal_name": _text(120), "country": clean_country, "city": _text(80),
    "languages": clean_languages, "categories": clean_categories, "bio": _text(2000),
    "social_links": clean_social_links, "shop_name": clean_optional_text,
}


def clean_application(values: dict, *, partial: bool) -> dict:
    """The clean values of the fields given; every problem at once as one ``ValidationFailed``.
    Without ``partial`` the required fields must all be there."""
    errors = FieldErrors()
    cleaned = {}
    for name, clean in CLEANERS.items():
        if name not in values:
            if not partial and name in REQUIRED_FIELDS:
                errors.add(name, _l("This field is required."))
            continue
        value = clean(errors, name, values[name])
        if name not in errors.fields:
            cleaned[name] = value
    errors.raise_if_any()
    return cleaned
