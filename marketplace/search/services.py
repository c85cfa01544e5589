"""The catalogue search: one interface, ``search(SearchQuery) -> SearchResult``, for the API and
the pages. It reads only the search documents (see ``indexing`` for how they are kept current),
so a search costs two or three queries whatever it matches, on either engine.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from sqlalchemy import Select, select

from marketplace.catalog.models import Listing
from marketplace.core.clock import utcnow
from marketplace.core.pagination import MAX_PER_PAGE
from marketplace.extensions import db
from marketplace.money.money import BASE_CURRENCY, Money
from marketplace.search import filters
from marketplace.search.backends import backend_for
from marketplace.search.models import SearchDocument as Doc
from marketplace.search.segment import query_tokens
from marketplace.storage import get_storage

MAX_FILTER_CHARS = 64


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    category: str | None = None  # a slug; its subcategories are included
    min_price: Decimal | None = None  # CNY
    max_price: Decimal | None = None
    country: str | None = None
    route: str | None = None
    in_stock: bool = False  # True: only listings with stock; False: all
    sort: str = "relevance"
    page: int = 1
    per_page: int = 20
    locale: str = "zh_CN"

    @classmethod
    def from_params(cls, params: dict, locale: str) -> SearchQuery:
        """From ``SearchQuerySchema``'s loaded parameters."""
        return cls(text=params.get("q") or "", category=params.get("category"),
                   min_price=params.get("min_price"), max_price=params.get("max_price"),
                   country=params.get("country"), route=params.get("route"),
                   in_stock=bool(params.get("in_stock")), sort=params.get("sort") or "relevance",
                   page=params.get("page", 1), per_page=params.get("per_page", 20), locale=locale)


@dataclass(frozen=True)
class SearchHit:
    id: int
    title: str
    cover_key: str | None
    price: Money  # CNY, the lowest SKU's price at the rates in force when indexed
    source_price: Money
    shop_slug: str
    shop_name: str
    origin_country: str
    routes: list[str]
    in_stock: bool

    @property
    def cover_url(self) -> str | None:
        return get_storage().public_url(self.cover_key) if self.cover_key else None

    @property
    def shop(self) -> dict:
        return {"slug": self.shop_slug, "name": self.shop_name}


@dataclass(frozen=True)
class SearchResult:
    items: list[SearchHit]
    total: int
    page: int
    per_page: int
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def _filter_value(value: str | None, *, upper: bool = False) -> str | None:
    """A slug or code as given, minus what no slug contains (NUL and other control characters,
    which PostgreSQL would refuse); ``None`` when nothing is asked."""
    if value is None:
        return None
    cleaned = "".join(c for c in str(value)[:MAX_FILTER_CHARS] if c.isprintable()).strip()
    return cleaned.upper() if upper else cleaned


def normalised(query: SearchQuery) -> SearchQuery:
    return SearchQuery(
        text=query.text or "", category=_filter_value(query.category), min_price=query.min_price,
        max_price=query.max_price, country=_filter_value(query.country, upper=True), route=query.route,
        in_stock=query.in_stock, sort=query.sort if query.sort in filters.SORTS else "relevance",
        page=max(1, query.page), per_page=max(1, min(query.per_page, MAX_PER_PAGE)), locale=query.locale)


def search(query: SearchQuery, *, now: datetime | None = None) -> SearchResult:
    query, now = normalised(query), now or utcnow()
    categories = filters.Categories.load()
    dimensions = filters.dimension_conditions(query, categories)
    matched, score = _matched(query, now)
    total, facets = filters.total_and_facets(matched, dimensions, categories)
    # A second, typo-tolerant try only when the words alone found nothing: with filters set, no
    # results usually means the filters, and trigram matching is the costly part of a search.
    unfiltered = not dimensions and not filters.other_conditions(query)
    if total == 0 and unfiltered and (fuzzy := _matched(query, now, fuzzy=True)) is not None:
        matched, score = fuzzy
        total, facets = filters.total_and_facets(matched, dimensions, categories)
    page = page_statement(query, matched.where(*dimensions.values()), score)
    items = _hits(list(db.session.scalars(page)), query.locale)
    return SearchResult(items, total, query.page, query.per_page, facets)


def page_statement(query: SearchQuery, matched: Select, score) -> Select:
    return (matched.order_by(*filters.order_by(query.sort, score))
            .limit(query.per_page).offset((query.page - 1) * query.per_page))


def items_statement(query: SearchQuery, *, now: datetime, fuzzy: bool = False) -> Select:
    """The statement that reads one page of results (for EXPLAIN in tests and benchmarks)."""
    query = normalised(query)
    matched, score = _matched(query, now, fuzzy=fuzzy)
    dimensions = filters.dimension_conditions(query, filters.Categories.load())
    return page_statement(query, matched.where(*dimensions.values()), score)


def _matched(query: SearchQuery, now: datetime, *, fuzzy: bool = False) -> tuple[Select, object] | None:
    """The documents matching the text and the filters that are not facets, with their score;
    ``fuzzy``: by the backend's typo-tolerant matching instead (``None`` when it has none)."""
    statement = select(Doc).where(*filters.other_conditions(query))
    tokens = query_tokens(query.text)
    if not tokens:
        # Browsing without words: no text relevance to boost, so best sellers first, in an
        # order an index serves (scoring every document of a large category costs a full sort).
        return None if fuzzy else (statement, None)
    backend = backend_for(db.session.get_bind().dialect.name)
    return backend.fuzzy_match(statement, tokens, now) if fuzzy else backend.match(statement, tokens, now)


def _still_live(listing_ids: list[int]) -> set[int]:
    """The index follows status changes through a job; until it has run, this keeps a listing
    that has just been taken down off the page (a primary-key lookup of one page of ids)."""
    if not listing_ids:
        return set()
    statement = select(Listing.id).where(Listing.id.in_(listing_ids), Listing.status == "live")
    return set(db.session.scalars(statement))


def _hits(documents: list[Doc], locale: str) -> list[SearchHit]:
    live = _still_live([document.listing_id for document in documents])
    return [_hit(document, locale) for document in documents if document.listing_id in live]


def _hit(document: Doc, locale: str) -> SearchHit:
    english = str(locale).startswith("en")
    title = document.title_en if english and document.title_en else document.title_zh
    routes = [route for route, column in filters.ROUTE_COLUMNS.items() if getattr(document, column.key)]
    return SearchHit(
        id=document.listing_id, title=title, cover_key=document.cover_key,
        price=Money(document.price_cny, BASE_CURRENCY).rounded(),
        source_price=Money(document.source_price, document.source_currency).rounded(),
        shop_slug=document.shop_slug, shop_name=document.shop_name, origin_country=document.origin_country,
        routes=routes, in_stock=document.in_stock)
