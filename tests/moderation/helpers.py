"""Review-queue test helpers: submitted listings with images and proof, and FX rates."""

from __future__ import annotations

import itertools
from decimal import Decimal

from sqlalchemy import select

from marketplace.catalog.models import ListingImage
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.moderation import services
from marketplace.moderation.models import ReviewTask
from marketplace.money import services as money
from tests import catalog_builders

HASH = "f0e1d2c3b4a59687"
_numbers = itertools.count(1)


def rates(**values: str) -> None:
    for currency, rate in (values or {"USD": "7.10"}).items():
        money.set_rate(currency, Decimal(rate), now=utcnow())


def listing(
    shop_id: int,
    *,
    title: str = "Acme 保湿面霜",
    price: str = "25.00",
    currency: str = "USD",
    images: int = 3,
    hashes: tuple[str | None, ...] = (),
    proof: bool = True,
    status: str = "pending_review",
    brand: str = "Acme",
):
    # The builder names the SKU after the title: a counter keeps SKU codes unique in the shop.
    item = catalog_builders.listing(
        shop_id, title=f"{title}#{next(_numbers)}", price=price, currency=currency, status=status
    )
    item.title_zh, item.brand = title, brand
    item.images.clear()
    for position in range(images):
        phash = hashes[position] if position < len(hashes) else None
        item.images.append(
            ListingImage(
                shop_id=shop_id,
                position=position,
                storage_key=f"public/l/{position}.jpg",
                width=1200,
                height=1200,
                phash=phash,
            )
        )
    item.proof_key = "proofs/receipt.jpg" if proof else None  # the Buyers issue adds the column
    db.session.flush()
    return item


def submit(item, user, now=None):
    """Put a listing in the queue and commit, so the pre-screen job runs (inline in tests)."""
    task = services.open_task(
        "listing", item.id, submitted_by=user, shop_id=item.shop_id, now=now or utcnow()
    )
    db.session.commit()
    return db.session.get(ReviewTask, task.id, populate_existing=True)


def task_row(task_id: int) -> ReviewTask:
    return db.session.get(ReviewTask, task_id, populate_existing=True)


def snapshot(task_id: int) -> tuple:
    task = task_row(task_id)
    return (
        task.status,
        task.claimed_by_id,
        task.claim_expires_at,
        task.first_reviewer_id,
        task.decision,
        list(task.reasons),
        task.note,
        task.decided_by_id,
        task.decided_at,
    )


def tasks() -> list[ReviewTask]:
    return list(db.session.scalars(select(ReviewTask).order_by(ReviewTask.id)))
