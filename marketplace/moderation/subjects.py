"""What the review queue knows about a subject, read through the owning domain's models: one
small adapter per task kind, so pre-screening, four-eyes and the task page never touch another
domain's tables directly, and integration changes stay in this file.

A listing task's subject is the listing; if it has a pending revision, the proposed content is
what is reviewed and the live content is kept alongside for the diff. An application task's
subject is the buyer application with its documents.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from sqlalchemy import select

from marketplace.catalog.models import Category, Listing
from marketplace.certification.models import BuyerApplication
from marketplace.customs.models import TaxCategory
from marketplace.extensions import db
from marketplace.money.money import Money
from marketplace.money.services import current_rates

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


# --- listings ---------------------------------------------------------------------------------

def _listing_content(listing: Listing) -> dict:
    content = {name: getattr(listing, name, None) for name in CONTENT_FIELDS[:8]}
    content["category"] = listing.category.slug if listing.category else None
    content["tax_category"] = listing.tax_category.code if listing.tax_category else None
    content["routes"] = list(listing.routes or [])
    return content


def _revision_content(revision, live: dict) -> dict:
    """The proposed content of a revision, in the live content's shape (API body or columns)."""
    proposed = dict(live)
    data = dict(getattr(revision, "content", None) or getattr(revision, "proposed", None) or {})
    for name, languages in (("title", ("zh_CN", "en", "local")), ("description", ("zh_CN", "en", "local"))):
        for language, suffix in zip(languages, ("zh", "en", "local"), strict=True):
            if isinstance(data.get(name), dict) and language in data[name]:
                proposed[f"{name}_{suffix}"] = data[name][language]
    for name in CONTENT_FIELDS:
        if name in data and not isinstance(data[name], dict):
            proposed[name] = data[name]
    return proposed


def pending_revision(listing: Listing):
    from marketplace.catalog import revisions  # it imports this package: import when used

    return revisions.pending_revision(listing) if listing.status == "live" else None


def _reviewed_prices(listing: Listing, revision) -> list[Money]:
    """SKU prices as they would be after approval: a revision's new SKU list or price changes."""
    if revision is not None and revision.skus:
        return [Money(Decimal(str(sku["price"]["amount"])), sku["price"]["currency"]) for sku in revision.skus
                if isinstance(sku.get("price"), dict)]
    changed = (revision.prices or {}) if revision is not None else {}
    return [Money(Decimal(str(changed.get(sku.code, sku.price))), sku.currency) for sku in listing.skus]


def _prices_cny(prices: list[Money], rates: dict) -> list[Money]:
    return [Money(price.amount * rates[price.currency], "CNY").rounded() for price in prices
            if price.currency in rates]


def listing_subject(listing_id: int, rates: dict | None = None) -> ListingSubject | None:
    listing = db.session.get(Listing, listing_id)
    if listing is None:
        return None
    revision = pending_revision(listing)
    live = _listing_content(listing)
    content = _revision_content(revision, live) if revision is not None else live
    live = live if revision is not None else None
    category = db.session.scalar(select(Category).where(Category.slug == content["category"]))
    tax = db.session.scalar(select(TaxCategory).where(TaxCategory.code == content["tax_category"]))
    prices = _reviewed_prices(listing, revision)
    images = list(listing.images)
    return ListingSubject(
        id=listing.id, shop_id=listing.shop_id, owner_id=listing.shop.owner_id if listing.shop else None,
        content=content, live_content=live, category_id=category.id if category else None,
        category_slug=content["category"], tax_code=content["tax_category"],
        tax_on_positive_list=bool(tax.on_positive_list) if tax else False, prices=prices,
        prices_cny=_prices_cny(prices, rates if rates is not None else current_rates()),
        image_keys=[image.storage_key for image in images],
        image_hashes=[image.phash for image in images if image.phash],
        proof_key=listing.proof_key, status=listing.status)




# --- buyer applications -----------------------------------------------------------------------

APPLICATION_FIELDS = ("legal_name", "country", "city", "languages", "categories", "bio", "social_links",
                      "shop_name")


def _document(row) -> Document:
    return Document(kind=row.kind, content_type=row.content_type, size=row.size, storage_key=row.storage_key,
                    filename=row.filename)


def application_subject(application_id: int) -> ApplicationSubject | None:
    application = db.session.get(BuyerApplication, application_id)
    if application is None:
        return None
    return ApplicationSubject(
        id=application.id, applicant_id=application.applicant_id,
        fields={name: getattr(application, name) for name in APPLICATION_FIELDS},
        documents=[_document(row) for row in application.documents], status=application.status)


LOADERS = {"listing": listing_subject, "buyer_application": application_subject}


def load(kind: str, subject_id: int):
    return LOADERS[kind](subject_id)


def diff(subject) -> list[tuple[str, object, object]]:
    """``(field, live, proposed)`` for every field a revision changes."""
    live = getattr(subject, "live_content", None)
    if not live:
        return []
    return [(name, live.get(name), subject.content.get(name)) for name in CONTENT_FIELDS
            if live.get(name) != subject.content.get(name)]
