"""Query parameters of the browsing pages (search, category, country, shop), read leniently:
parameters the page does not know are ignored (tracking tags, old links), known ones are
validated by the search schema, and the first value of a repeated one counts."""
from __future__ import annotations

from marketplace.search.schemas import SearchQuerySchema

BROWSE_PARAMETERS = ("q", "category", "min_price", "max_price", "country", "route", "in_stock", "sort",
                     "page")
PER_PAGE = 24
MAX_QUERY_CHARS = 200  # the search reads no more than this; longer text is cut, not refused


def browse_params(args, *, fixed: dict | None = None) -> dict:
    """The loaded parameters, with ``fixed`` (the page's own category or country) on top;
    ``marshmallow.ValidationError`` with per-field messages for bad values."""
    raw = {name: args.get(name) for name in BROWSE_PARAMETERS if args.get(name) not in (None, "")}
    if "q" in raw:
        raw["q"] = raw["q"][:MAX_QUERY_CHARS]
    params = SearchQuerySchema().load({**raw, "per_page": PER_PAGE})
    params.update(fixed or {})
    return params


def page_number(args) -> int:
    """The ``page`` parameter alone (shop pages); ValidationError when it is not 1..100,000."""
    raw = args.get("page")
    return SearchQuerySchema(only=("page",)).load({"page": raw} if raw not in (None, "") else {})["page"]


def whole_number(text) -> int | None:
    """A form's or a link's whole number (``"12"``, ``"-1"``), or None for anything else; ids and
    quantities have fewer than 12 digits, so nothing longer reaches the database."""
    text = str(text or "").strip()
    digits = text[1:] if text.startswith("-") else text
    return int(text) if digits.isascii() and digits.isdigit() and len(digits) < 12 else None


def form_number(form, name: str, default: int | None = None):
    """The field as a whole number; the text itself when it is not one, so the service's own
    check says what is wrong with it in the shopper's language."""
    text = form.get(name, "").strip()
    if not text:
        return default
    number = whole_number(text)
    return text if number is None else number
