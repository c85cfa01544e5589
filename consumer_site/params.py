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
