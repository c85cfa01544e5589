"""The search document: one row per live listing, everything a result card, a filter, a facet or
a sort needs, so a search never joins the catalogue tables.

PostgreSQL keeps a stored ``tsvector`` of the segmented text (a generated column, GIN-indexed)
and a trigram index for fuzzy brand and title matches. SQLite keeps the segmented text in an FTS5
table beside this one (see ``ddl``). Not ``ShopOwned``: it is the public catalogue, read the same
by everyone; the listing it copies is the shop's.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Boolean, Computed, Float, ForeignKey, Index, Integer, String, Text, TypeDecorator
from sqlalchemy.dialects.postgresql import TSVECTOR
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Mapped, deferred, mapped_column

from marketplace.core.types import Amount, UTCDateTime
from marketplace.extensions import db


class TextVector(TypeDecorator):
    """``tsvector`` on PostgreSQL; an unused nullable TEXT elsewhere (SQLite searches FTS5)."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect):
        return dialect.type_descriptor(TSVECTOR() if dialect.name == "postgresql" else Text())


class PostgresComputed(Computed):
    """A generated column on PostgreSQL; a plain column on other engines, where the expression
    (``to_tsvector``) does not exist."""

    inherit_cache = True


@compiles(PostgresComputed)
def _computed_default(element, compiler, **kwargs):
    return compiler.visit_computed_column(element, **kwargs)


@compiles(PostgresComputed, "sqlite")
def _computed_sqlite(element, compiler, **kwargs):
    return ""


VECTOR_EXPRESSION = "to_tsvector('simple'::regconfig, search_text)"
PATH_TYPE = String(200).with_variant(String(200, collation="C"), "postgresql")


class SearchDocument(db.Model):
    __tablename__ = "search_documents"
    __table_args__ = (
        Index("ix_search_documents_vector", "search_vector",
              postgresql_using="gin").ddl_if(dialect="postgresql"),
        Index("ix_search_documents_fuzzy", "fuzzy_text", postgresql_using="gin",
              postgresql_ops={"fuzzy_text": "gin_trgm_ops"}).ddl_if(dialect="postgresql"),
        # Browsing a category counts facets over its whole subtree: these four columns in one
        # index let PostgreSQL count from the index alone (an index-only scan).
        Index("ix_search_documents_facets", "category_path", "origin_country", "route_direct_mail",
              "route_bonded"),
        Index("ix_search_documents_price", "price_cny", "listing_id"),
        Index("ix_search_documents_published", "published_at", "listing_id"),
        Index("ix_search_documents_sales", "sales_count", "listing_id"),
    )

    listing_id: Mapped[int] = mapped_column(ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True,
                                            autoincrement=False)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True,
                                         nullable=False)
    shop_slug: Mapped[str] = mapped_column(String(64), nullable=False)
    shop_name: Mapped[str] = mapped_column(String(120), nullable=False)
    title_zh: Mapped[str] = mapped_column(String(200), nullable=False)
    title_en: Mapped[str | None] = mapped_column(String(200))
    brand: Mapped[str] = mapped_column(String(80), nullable=False)
    # Space-separated tokens from ``segment``: titles, brand and category names.
    search_text: Mapped[str] = mapped_column(Text, nullable=False)
    # Lower-cased brand and English title, for trigram (typo-tolerant) matching on PostgreSQL.
    fuzzy_text: Mapped[str] = mapped_column(Text, nullable=False)
    search_vector = deferred(mapped_column(TextVector(), PostgresComputed(VECTOR_EXPRESSION, persisted=True)))
    category_id: Mapped[int] = mapped_column(ForeignKey("categories.id"), nullable=False)
    # "/1/7/": the ids from the root down to the listing's category; a subtree is a prefix, read
    # as a range. Byte order ("C") on PostgreSQL, whatever the database's collation, so the range
    # means the prefix (SQLite compares bytes anyway).
    category_path: Mapped[str] = mapped_column(PATH_TYPE, nullable=False)
    origin_country: Mapped[str] = mapped_column(String(2), index=True, nullable=False)
    route_direct_mail: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    route_bonded: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    # The lowest SKU price converted at the FX rates in force when indexed (``reprice`` follows
    # rate changes), and that SKU's own price.
    price_cny: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    source_price: Mapped[Decimal] = mapped_column(Amount(), nullable=False)
    source_currency: Mapped[str] = mapped_column(String(3), nullable=False)
    in_stock: Mapped[bool] = mapped_column(Boolean, default=False, nullable=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sales_count: Mapped[int] = mapped_column(Integer, default=0, nullable=False)
    # 0..1 from the sales count on a log scale: the relevance boost for what sells. A ranking
    # weight, not money, so a float is right here.
    popularity: Mapped[float] = mapped_column(Float, default=0.0, nullable=False)
    cover_key: Mapped[str | None] = mapped_column(String(255))
    indexed_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)


# The extension, FTS table and triggers that go with this table on create and drop.
from marketplace.search import ddl  # noqa: E402,F401
