"""The category tree (reading it, and the admin adding to it) and a shop's listing counts.
Shoppers' listing pages read through ``storefront`` and the search service."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from marketplace.audit import services as audit
from marketplace.catalog.models import LISTING_STATUSES, Category, Listing
from marketplace.core.checks import FieldErrors, add_unique, clean_text
from marketplace.core.errors import Conflict, ValidationFailed
from marketplace.extensions import db


def category_tree() -> list[Category]:
    """Top-level categories with their children loaded, in display order."""
    statement = (select(Category).where(Category.parent_id.is_(None)).order_by(Category.position, Category.id)
                 .options(selectinload(Category.children)))
    return list(db.session.scalars(statement))


def category_by_slug(slug: str) -> Category | None:
    return db.session.scalar(select(Category).where(Category.slug == slug))


def listing_counts_by_status(shop) -> dict[str, int]:
    rows = db.session.execute(select(Listing.status, func.count()).where(Listing.shop_id == shop.id)
                              .group_by(Listing.status))
    counts = dict.fromkeys(LISTING_STATUSES, 0)
    counts.update(dict(rows.all()))
    return counts


# --- Category administration -------------------------------------------------------------------

CATEGORY_SLUG_PATTERN = r"[a-z0-9][a-z0-9-]*"
MAX_CATEGORY_DEPTH = 3


@dataclass(frozen=True)
class CategoryNode:
    category: Category
    depth: int
    children: list[CategoryNode] = field(default_factory=list)


def category_forest() -> list[CategoryNode]:
    """Every category as a tree, in display order, from one query (the table is small)."""
    by_parent: dict[int | None, list[Category]] = defaultdict(list)
    for category in db.session.scalars(select(Category).order_by(Category.position, Category.id)):
        by_parent[category.parent_id].append(category)

    def node(category: Category, depth: int) -> CategoryNode:
        return CategoryNode(category, depth, [node(child, depth + 1) for child in by_parent[category.id]])

    return [node(category, 1) for category in by_parent[None]]


def category_depth(category: Category) -> int:
    depth = 1
    while category.parent is not None:
        category, depth = category.parent, depth + 1
    return depth


def category_state(category: Category) -> dict:
    return {"slug": category.slug, "name": {"zh_CN": category.name_zh, "en": category.name_en},
            "parent": category.parent.slug if category.parent is not None else None}


def _category_parent(parent_slug: str | None) -> Category | None:
    if parent_slug is None or parent_slug == "":
        return None
    parent = category_by_slug(parent_slug)
    if parent is None:
        message = str(_l("There is no category with this slug."))
        raise ValidationFailed(message, code="unknown_parent", fields={"parent": [message]})
    if category_depth(parent) >= MAX_CATEGORY_DEPTH:
        message = str(_l("Categories go at most %(depth)d levels deep.", depth=MAX_CATEGORY_DEPTH))
        raise ValidationFailed(message, code="category_too_deep", fields={"parent": [message]})
    return parent


def _category_exists() -> Conflict:
    message = str(_l("A category with this slug already exists."))
    return Conflict(message, code="category_exists", fields={"slug": [message]})


def create_category(actor, *, slug, names: dict, parent: str | None, now: datetime) -> Category:
    """A new category under ``parent`` (a slug, or None for the top level), placed last."""
    errors = FieldErrors()
    slug = clean_text(errors, "slug", slug, max_length=64, pattern=CATEGORY_SLUG_PATTERN,
                      pattern_message=_l("Use lowercase letters, digits and hyphens."))
    name_zh = clean_text(errors, "name.zh_CN", names.get("zh_CN"), max_length=80)
    name_en = clean_text(errors, "name.en", names.get("en"), max_length=80)
    errors.raise_if_any()
    parent_row = _category_parent(parent)
    if category_by_slug(slug) is not None:
        raise _category_exists()
    siblings = select(func.max(Category.position)).where(
        Category.parent_id == parent_row.id if parent_row else Category.parent_id.is_(None))
    category = Category(slug=slug, name_zh=name_zh, name_en=name_en, parent_id=parent_row and parent_row.id,
                        position=(db.session.scalar(siblings) or 0) + 1)
    add_unique(category, _category_exists())
    audit.record(actor, "category.created", "category", slug, after=category_state(category), now=now)
    return category
