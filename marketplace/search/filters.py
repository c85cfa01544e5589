"""Filters, facet counts and sort orders over search documents: the parts both backends share.

Facets are counted the way shoppers expect from a shop's filter panel: each dimension's counts
ignore that dimension's own filter (choosing "JP" still shows how many are from "US"), and a
category counts everything in its subtree. When no dimension is filtered, one grouped query gives
the total and all three facets.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, and_, false, func, select, true

from marketplace.catalog.models import Category
from marketplace.extensions import db
from marketplace.search.models import SearchDocument as Doc

FACETS = ("category", "country", "route")
SORTS = ("relevance", "price_asc", "price_desc", "newest", "best_selling")
ROUTE_COLUMNS = {"direct_mail": Doc.route_direct_mail, "bonded": Doc.route_bonded}


@dataclass(frozen=True)
class Categories:
    """The category tree as the search needs it: slugs by id, and each slug's subtree prefix."""

    slugs: dict[int, str]
    paths: dict[str, str]

    @classmethod
    def load(cls) -> Categories:
        rows = db.session.execute(select(Category.id, Category.slug, Category.parent_id)).all()
        parents = {row.id: row.parent_id for row in rows}
        return cls({row.id: row.slug for row in rows},
                   {row.slug: category_path(row.id, parents) for row in rows})


def category_path(category_id: int, parents: dict[int, int | None]) -> str:
    """``"/1/7/"`` for category 7 under 1. Stops at a cycle rather than looping."""
    chain: list[int] = []
    current: int | None = category_id
    while current is not None and current not in chain:
        chain.append(current)
        current = parents.get(current)
    return "/" + "".join(f"{number}/" for number in reversed(chain))


def subtree(prefix: str) -> ColumnElement:
    """Paths starting with ``prefix`` ("/1/"), as a range an index can serve: from the prefix up
    to the prefix with its last character raised by one ("/10")."""
    upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(Doc.category_path >= prefix, Doc.category_path < upper)


def dimension_conditions(query, categories: Categories) -> dict[str, ColumnElement]:
    """The filters that are also facets, by facet name (only those the query sets)."""
    conditions = {}
    if query.category is not None:
        prefix = categories.paths.get(query.category)
        conditions["category"] = subtree(prefix) if prefix else false()
    if query.country is not None:
        conditions["country"] = Doc.origin_country == query.country
    if query.route is not None:
        conditions["route"] = ROUTE_COLUMNS[query.route].is_(true())
    return conditions


def other_conditions(query) -> list[ColumnElement]:
    conditions = []
    if query.min_price is not None:
        conditions.append(Doc.price_cny >= query.min_price)
    if query.max_price is not None:
        conditions.append(Doc.price_cny <= query.max_price)
    if query.in_stock:
        conditions.append(Doc.in_stock.is_(true()))
    return conditions


def _grouped(base: Select) -> list:
    columns = (Doc.category_path, Doc.origin_country, Doc.route_direct_mail, Doc.route_bonded)
    statement = base.with_only_columns(*columns, func.count().label("hits")).group_by(*columns).order_by(None)
    return db.session.execute(statement).all()


def _counts(rows, facet: str, categories: Categories) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for row in rows:
        if facet == "category":
            for number in row.category_path.strip("/").split("/"):
                if number and int(number) in categories.slugs:
                    counts[categories.slugs[int(number)]] += row.hits
        elif facet == "country":
            counts[row.origin_country] += row.hits
        else:
            for route, flag in (("direct_mail", row.route_direct_mail), ("bonded", row.route_bonded)):
                if flag:
                    counts[route] += row.hits
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def total_and_facets(matched: Select, dimensions: dict[str, ColumnElement],
                     categories: Categories) -> tuple[int, dict[str, dict[str, int]]]:
    """``matched`` is the documents matching the text and the non-facet filters."""
    rows = _grouped(matched.where(*dimensions.values()))
    facets = {}
    for facet in FACETS:
        if facet in dimensions:
            others = [condition for name, condition in dimensions.items() if name != facet]
            facets[facet] = _counts(_grouped(matched.where(*others)), facet, categories)
        else:
            facets[facet] = _counts(rows, facet, categories)
    return sum(row.hits for row in rows), facets


def order_by(sort: str, score) -> tuple:
    orders = {
        "price_asc": (Doc.price_cny.asc(), Doc.listing_id.asc()),
        "price_desc": (Doc.price_cny.desc(), Doc.listing_id.desc()),
        "newest": (Doc.published_at.desc().nulls_last(), Doc.listing_id.desc()),
        "best_selling": (Doc.sales_count.desc(), Doc.listing_id.desc()),
    }
    if score is None:  # no words to rank by
        return orders.get(sort) or orders["best_selling"]
    return orders.get(sort) or (score.desc(), Doc.listing_id.desc())
