"""What the review queue knows about a subject: the shapes pre-screening, four-eyes and the task
page read, and the loaders that fill them. The queue sits below the domains it reviews, so it
never reads their tables: each owning domain provides the loader of its kind (the catalogue for
``listing``, certification for ``buyer_application``), connected by the app factory.

A listing task's subject is the listing; if it has a pending revision, the proposed content is
what is reviewed and the live content is kept alongside for the diff. An application task's
subject is the buyer application with its documents.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from marketplace.money.money import Money

# The listing fields a reviewer compares between the live and the proposed version.
CONTENT_FIELDS = ("brand", "title_zh", "title_en", "title_local", "description_zh", "description_en",
                  "description_local", "origin_country", "category", "tax_category", "routes")


@dataclass
class ListingSubject:
    id: int
    shop_id: int
    owner_id: int | None
    content: dict  # the version under review, CONTENT_FIELDS
    live_content: dict | None  # the live version when a revision of a live listing is reviewed
    category_id: int | None
    category_slug: str | None
    tax_code: str | None
    tax_on_positive_list: bool
    prices: list[Money]
    prices_cny: list[Money]
    image_keys: list[str]
    image_hashes: list[str]
    proof_key: str | None
    status: str

    kind = "listing"

    def texts(self) -> list[str]:
        return self.titles() + [self.content.get(name) or "" for name in
                                ("description_zh", "description_en", "description_local")]

    def titles(self) -> list[str]:
        return [self.content.get(name) or "" for name in ("title_zh", "title_en", "title_local")]

    @property
    def top_price_cny(self) -> Decimal | None:
        return max((price.amount for price in self.prices_cny), default=None)

    @property
    def lowest_price_cny(self) -> Decimal | None:
        return min((price.amount for price in self.prices_cny), default=None)

    # Look-ups beyond the subject itself, answered by the catalogue's subclass.
    def category_median_cny(self, *, minimum_sample: int) -> Decimal | None:
        """The median SKU price (CNY) of other live listings in the category; None if too few."""
        raise NotImplementedError

    def image_used_by_another_shop(self, max_distance: int) -> int | None:
        """Another shop's listing with a picture within ``max_distance`` bits, or None."""
        raise NotImplementedError


@dataclass
class Document:
    kind: str
    content_type: str | None
    size: int | None
    storage_key: str | None
    filename: str | None = None


@dataclass
class ApplicationSubject:
    id: int
    applicant_id: int | None
    fields: dict  # legal_name, country, city, categories, bio, ...
    documents: list[Document] = field(default_factory=list)
    status: str | None = None

    kind = "buyer_application"

    def texts(self) -> list[str]:
        return [self.fields.get("bio") or ""]


_loaders: dict[str, Callable[[int], object]] = {}


class UnknownSubjectKind(LookupError):
    """A task kind no domain has provided a loader for: a wiring error, never a silent skip."""


def register(kind: str, loader: Callable[[int], object]) -> None:
    """``loader(subject_id)`` returns the kind's subject, or None when it is gone."""
    _loaders[kind] = loader


def registered_kinds() -> set[str]:
    return set(_loaders)


def load(kind: str, subject_id: int):
    try:
        loader = _loaders[kind]
    except KeyError:
        raise UnknownSubjectKind(kind) from None
    return loader(subject_id)


def diff(subject) -> list[tuple[str, object, object]]:
    """``(field, live, proposed)`` for every field a revision changes."""
    live = getattr(subject, "live_content", None)
    if not live:
        return []
    return [(name, live.get(name), subject.content.get(name)) for name in CONTENT_FIELDS
            if live.get(name) != subject.content.get(name)]
