"""The buyer's listings: create, edit, submit for review, delist, stock.

Services take the shop and the actor explicitly and flush; the caller commits. Edits of a
draft (or a rejected listing) write to the listing; edits of a published listing go through a
revision (``revisions``), except stock, and price changes within half the day's lowest price,
which apply at once.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, exists, or_, select
from sqlalchemy.orm import joinedload, selectinload

from marketplace.audit import services as audit
from marketplace.catalog import revisions
from marketplace.catalog.content import (
    content_of,
    is_price_jump,
    set_price,
    sku_structure,
    sync_skus,
    write_content,
)
from marketplace.catalog.errors import ListingLocked
from marketplace.catalog.listing_checks import clean_content, clean_skus
from marketplace.catalog.models import Listing, Sku
from marketplace.catalog.states import ADMIN, BUYER, EDITABLE, LISTING, PUBLISHED
from marketplace.core.checks import FieldErrors
from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.moderation import services as moderation


def get_listing(shop, listing_id: int) -> Listing:
    """The shop's listing; another shop's answers exactly as a missing one does."""
    listing = db.session.scalar(select(Listing).where(Listing.id == listing_id, Listing.shop_id == shop.id))
    if listing is None:
        raise NotFound(str(_l("There is no such listing.")))
    return listing


def get_sku(shop, sku_id: int) -> Sku:
    sku = db.session.scalar(select(Sku).where(Sku.id == sku_id, Sku.shop_id == shop.id))
    if sku is None:
        raise NotFound(str(_l("There is no such SKU.")))
    return sku


def shop_listings(shop, *, status: str | None = None, q: str | None = None) -> Select:
    """The shop's listings, newest change first; ``q`` matches a title or a SKU code."""
    statement = select(Listing).where(Listing.shop_id == shop.id)
    if status:
        statement = statement.where(Listing.status == status)
    if q and q.strip():
        pattern = f"%{q.strip()}%"
        sku_match = exists().where(Sku.listing_id == Listing.id, Sku.code.ilike(pattern))
        statement = statement.where(or_(Listing.title_zh.ilike(pattern), Listing.title_en.ilike(pattern),
                                        Listing.title_local.ilike(pattern), sku_match))
    return statement.order_by(Listing.updated_at.desc(), Listing.id.desc())


def shop_listing_table(shop, *, status: str | None = None, q: str | None = None) -> Select:
    """``shop_listings`` with what the buyer's table shows loaded: SKUs with stock, pictures."""
    return shop_listings(shop, status=status, q=q).options(
        selectinload(Listing.skus).selectinload(Sku.stock_levels), selectinload(Listing.images))


def create_listing(actor, shop, body: dict, *, now: datetime) -> Listing:
    """A draft listing from a whole body (``ListingBodySchema``)."""
    errors = FieldErrors()
    content = clean_content(errors, body)
    rows = clean_skus(errors, shop, body["skus"], None)
    errors.raise_if_any()
    listing = Listing(shop_id=shop.id, shop=shop, status="draft", routes=[], created_at=now, updated_at=now)
    write_content(listing, content)
    db.session.add(listing)
    db.session.flush()
    sync_skus(listing, rows, now)
    audit.record(actor, "listing.created", "listing", listing.id, after={"status": "draft", **content},
                 now=now)
    return listing


def update_listing(actor, shop, listing: Listing, body: dict, *, now: datetime) -> Listing:
    """Apply a partial body: in place while unpublished, through a revision once published."""
    if listing.status not in EDITABLE + PUBLISHED:
        raise ListingLocked()
    errors = FieldErrors()
    content = clean_content(errors, body)
    rows = clean_skus(errors, shop, body["skus"], listing) if "skus" in body else None
    errors.raise_if_any()
    if listing.status in PUBLISHED:
        _update_published(actor, listing, content, rows, now)
    else:
        before = content_of(listing)
        write_content(listing, content)
        if rows is not None:
            sync_skus(listing, rows, now)
        audit.record(actor, "listing.updated", "listing", listing.id, now=now,
                     before={name: before[name] for name in content}, after=content)
    listing.updated_at = now
    db.session.flush()
    return listing


def _update_published(actor, listing: Listing, content: dict, rows: list[dict] | None, now: datetime) -> None:
    current = content_of(listing)
    changed = {name: value for name, value in content.items() if current[name] != value}
    held_skus, held_prices = None, {}
    if rows is not None:
        if sku_structure(rows) != sku_structure([_row(sku) for sku in listing.skus]):
            held_skus = [{**row, "price": str(row["price"])} for row in rows]
        else:
            held_prices = _apply_prices(listing, rows, now)
        _apply_stock(listing, rows)
    if changed or held_skus is not None or held_prices:
        revisions.hold(actor, listing, now, content=changed, skus=held_skus, prices=held_prices)


def _row(sku: Sku) -> dict:
    return {"code": sku.code, "options": sku.options, "weight_g": sku.weight_g}


def _apply_prices(listing: Listing, rows: list[dict], now: datetime) -> dict:
    """Set prices that moved by at most half the day's lowest; return the others, to hold."""
    skus, held = {sku.code: sku for sku in listing.skus}, {}
    for row in rows:
        sku = skus[row["code"]]
        if row["price"] == sku.price:
            continue
        if is_price_jump(sku, row["price"], now):
            held[sku.code] = str(row["price"])
        else:
            set_price(sku, row["price"], now)
    return held


def _apply_stock(listing: Listing, rows: list[dict]) -> None:
    skus = {sku.code: sku for sku in listing.skus}
    for index, row in enumerate(rows):
        if row["code"] in skus:
            inventory.set_own_stock(skus[row["code"]], row["stock"], field=f"skus.{index}.stock")


def submit_listing(actor, shop, listing: Listing, *, now: datetime) -> Listing:
    """Send a draft (or a reworked listing) to the review queue: it needs pictures and proof."""
    if listing.status not in EDITABLE:
        raise ListingLocked()
    errors = FieldErrors()
    if not [image for image in listing.images if not image.pending]:
        errors.add("images", _l("Add at least one picture."))
    if not listing.proof_key:
        errors.add("proof", _l("Upload the authenticity proof (a photo of the receipt)."))
    errors.raise_if_any()
    LISTING.move(listing, "pending_review", actor=actor, who=BUYER, now=now)
    listing.review_reasons, listing.review_note, listing.updated_at = [], None, now
    moderation.open_task("listing", listing.id, submitted_by=actor, shop_id=shop.id, now=now)
    return listing


def delist_listing(actor, shop, listing: Listing, *, now: datetime) -> Listing:
    LISTING.move(listing, "delisted", actor=actor, who=BUYER, now=now)
    listing.updated_at = now
    return listing


def relist_listing(actor, shop, listing: Listing, *, now: datetime) -> Listing:
    """Back on sale at once: a delisted listing's content is still the approved content."""
    LISTING.move(listing, "live", actor=actor, who=BUYER, now=now)
    listing.updated_at = now
    return listing


def suspend_listing(admin, listing: Listing, *, now: datetime, note: str | None = None) -> Listing:
    LISTING.move(listing, "suspended", actor=admin, who=ADMIN, now=now, note=note)
    listing.updated_at = now
    return listing


def reinstate_listing(admin, listing: Listing, *, now: datetime, note: str | None = None) -> Listing:
    """Back on sale after a suspension: its content is the approved content."""
    LISTING.move(listing, "live", actor=admin, who=ADMIN, now=now, note=note)
    listing.updated_at = now
    return listing


def listing_for_admin(listing_id: int) -> Listing:
    """Any shop's listing: platform staff act across tenants, outside any shop scope."""
    listing = db.session.get(Listing, listing_id)
    if listing is None:
        raise NotFound(str(_l("There is no such listing.")))
    return listing


def set_stock(actor, shop, sku: Sku, quantity: int, *, now: datetime) -> Sku:
    """The shop's own (direct-mail) stock of a SKU, at once, whatever the listing's status."""
    before = {"quantity": inventory.own_stock(sku)}
    inventory.set_own_stock(sku, quantity)
    audit.record(actor, "sku.stock_set", "sku", sku.id, before=before, after={"quantity": quantity}, now=now)
    return sku


def skus_with_listings(sku_ids) -> dict[int, Sku]:
    """SKUs by id with their listing, shop, tax category and stock loaded (any listing status:
    the caller says what a listing off sale means to it). Unknown ids are left out."""
    ids = [sku_id for sku_id in set(sku_ids) if isinstance(sku_id, int) and 0 < sku_id < 2**63]
    if not ids:
        return {}
    statement = select(Sku).where(Sku.id.in_(ids)).options(
        selectinload(Sku.stock_levels),
        selectinload(Sku.listing).options(joinedload(Listing.shop), joinedload(Listing.tax_category)))
    return {sku.id: sku for sku in db.session.scalars(statement)}


def public_listing(listing_id: int) -> Listing:
    """A live listing, for anyone; any other status is as absent as a missing id."""
    listing = db.session.scalar(select(Listing).where(Listing.id == listing_id, Listing.status == "live"))
    if listing is None:
        raise NotFound(str(_l("There is no such listing.")))
    return listing
