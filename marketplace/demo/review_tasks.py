"""Demo review tasks: a handful of open tasks with realistic flags, for the seed command.

``seed_review_tasks(now)`` submits a few new listings modelled on the demo catalogue's live ones
(a "replica" title, a suspicious price, a missing receipt, one photo, an absolute claim, a copied
photo) plus any listing already waiting for review, and pre-screens them at once so the queue
shows real flags without a job runner. Call it after the catalogue is seeded; it adds nothing
when there is no live listing to model on."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import select

from marketplace.catalog.models import Listing, ListingImage, Sku
from marketplace.extensions import db
from marketplace.moderation import services
from marketplace.moderation.models import ReviewTask

# (title prefix, price factor, keep the receipt, images kept, copy another shop's first photo)
VARIANTS = [
    ("高仿 replica ", Decimal(1), True, 3, False),
    ("", Decimal("0.1"), True, 3, False),
    ("", Decimal(1), False, 3, False),
    ("", Decimal(1), True, 1, False),
    ("全网第一 最好的 ", Decimal(1), True, 3, False),
    ("", Decimal(1), True, 3, True),
]


def _copy(model: Listing, prefix: str, factor: Decimal, proof: bool, images: int, photo_from, number: int):
    listing = Listing(
        shop_id=model.shop_id,
        status="pending_review",
        category_id=model.category_id,
        tax_category_id=model.tax_category_id,
        brand=model.brand,
        title_zh=prefix + model.title_zh,
        title_en=model.title_en,
        description_zh=model.description_zh,
        origin_country=model.origin_country,
        routes=list(model.routes),
        proof_key=model.proof_key if proof else None,
    )
    for sku in model.skus[:1]:
        listing.skus.append(
            Sku(
                shop_id=model.shop_id,
                code=f"{sku.code}-R{number}",
                options=dict(sku.options),
                price=(sku.price * factor).quantize(Decimal("0.01")),
                currency=sku.currency,
                weight_g=sku.weight_g,
            )
        )
    sources = ([photo_from] if photo_from is not None else []) + list(model.images)
    for position, image in enumerate(sources[:images]):
        listing.images.append(
            ListingImage(
                shop_id=model.shop_id,
                position=position,
                storage_key=image.storage_key,
                width=image.width,
                height=image.height,
                thumbnails=dict(image.thumbnails),
                phash=image.phash,
            )
        )
    db.session.add(listing)
    db.session.flush()
    return listing


def _demo_listings() -> list[Listing]:
    live = list(
        db.session.scalars(select(Listing).where(Listing.status == "live").order_by(Listing.id).limit(20))
    )
    if not live:
        return []
    created, numbers = [], itertools.count(1)
    for (prefix, factor, proof, images, copied), model in zip(VARIANTS, itertools.cycle(live), strict=False):
        other = next((item for item in live if item.shop_id != model.shop_id and item.images), None)
        photo = other.images[0] if copied and other is not None else None
        created.append(_copy(model, prefix, factor, proof, images, photo, next(numbers)))
    return created


def seed_review_tasks(now: datetime) -> list[ReviewTask]:
    waiting = list(db.session.scalars(select(Listing).where(Listing.status == "pending_review")))
    tasks = []
    for age, listing in enumerate(waiting + _demo_listings()):
        task = services.open_task(
            "listing",
            listing.id,
            submitted_by=listing.shop.owner,
            shop_id=listing.shop_id,
            now=now - timedelta(hours=3 * age + 1),
        )
        services.prescreen(task.id, now)  # at once: the seed may run without a job runner
        tasks.append(task)
    return tasks
