"""A listing's pictures (1 to 9, the first is the cover) and its authenticity proof.

Uploads are cleaned (``images.clean_image``) before anything is stored. A picture added to a
published listing waits, hidden from shoppers, for the listing's revision to be approved;
reordering and removing reviewed pictures apply at once.
"""
from __future__ import annotations

import uuid
from datetime import datetime

from flask_babel import lazy_gettext as _l

from marketplace.audit import services as audit
from marketplace.catalog import revisions
from marketplace.catalog.errors import ListingLocked, invalid
from marketplace.catalog.models import Listing, ListingImage
from marketplace.catalog.states import EDITABLE, PUBLISHED
from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.jobs.services import enqueue
from marketplace.storage import get_storage
from marketplace.storage.images import clean_image
from marketplace.storage.tasks import delete_after_commit

MAX_IMAGES = 9


def _check_editable(listing: Listing) -> None:
    if listing.status not in EDITABLE + PUBLISHED:
        raise ListingLocked()


def add_image(actor, shop, listing: Listing, data: bytes, *, now: datetime) -> ListingImage:
    """Store a cleaned picture last in the gallery; thumbnails follow from a background job."""
    _check_editable(listing)
    if len(listing.images) >= MAX_IMAGES:
        raise invalid("file", _l("A listing has at most %(count)d pictures.", count=MAX_IMAGES),
                      code="too_many_images")
    picture = clean_image(data)
    key = f"public/listings/{listing.id}/{uuid.uuid4().hex}.{picture.extension}"
    get_storage().put(key, picture.data, picture.content_type)
    image = ListingImage(shop_id=shop.id, position=len(listing.images), storage_key=key, width=picture.width,
                         height=picture.height, thumbnails={}, pending=listing.status in PUBLISHED)
    listing.images.append(image)
    db.session.flush()
    if image.pending:
        revisions.hold(actor, listing, now)
    listing.updated_at = now
    enqueue("catalog.make_thumbnails", image.id, owner=actor, shop=shop)
    audit.record(actor, "listing.image_added", "listing", listing.id, after={"image": image.id}, now=now)
    return image


def reorder_images(actor, shop, listing: Listing, order: list[int], *, now: datetime) -> list[ListingImage]:
    """``order`` lists every image id of the listing once; the first becomes the cover."""
    _check_editable(listing)
    by_id = {image.id: image for image in listing.images}
    if sorted(order) != sorted(by_id):
        raise invalid("order", _l("List every picture of this listing exactly once."))
    for position, image_id in enumerate(order):
        by_id[image_id].position = position
    listing.images.sort(key=lambda image: image.position)
    listing.updated_at = now
    audit.record(actor, "listing.images_reordered", "listing", listing.id, after={"order": order}, now=now)
    db.session.flush()
    return listing.images


def delete_image(actor, shop, listing: Listing, image_id: int, *, now: datetime) -> None:
    _check_editable(listing)
    image = next((image for image in listing.images if image.id == image_id), None)
    if image is None:
        raise NotFound(str(_l("There is no such picture.")))
    reviewed = [other for other in listing.images if not other.pending and other is not image]
    if listing.status in PUBLISHED and not image.pending and not reviewed:
        raise invalid("image", _l("A published listing keeps at least one picture."))
    listing.images.remove(image)
    delete_after_commit([image.storage_key, *image.thumbnails.values()])
    for position, remaining in enumerate(listing.images):
        remaining.position = position
    listing.updated_at = now
    audit.record(actor, "listing.image_removed", "listing", listing.id, after={"image": image_id}, now=now)
    db.session.flush()


def attach_proof(actor, shop, listing: Listing, data: bytes, *, now: datetime) -> Listing:
    """The authenticity proof: a receipt photo, cleaned like any picture and kept private."""
    if listing.status in ("pending_review", "suspended"):
        raise ListingLocked()
    picture = clean_image(data)
    key = f"private/listings/{listing.id}/proof-{uuid.uuid4().hex}.{picture.extension}"
    get_storage().put(key, picture.data, picture.content_type)
    listing.proof_key, listing.updated_at = key, now
    audit.record(actor, "listing.proof_attached", "listing", listing.id, now=now)
    db.session.flush()
    return listing
