"""Shoppers following buyers' shops: one row per (user, shop), counted on the shop's card and
listed in the shopper's account. Following twice or unfollowing a shop one does not follow
changes nothing, so a repeated click or request is harmless."""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, UniqueConstraint, delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.core.errors import Conflict, NotFound
from marketplace.core.types import UTCDateTime
from marketplace.extensions import db
from marketplace.shops.models import Shop

MAX_FOLLOWED_LISTED = 500
MAX_SLUG_CHARS = 64


class ShopFollow(db.Model):
    __tablename__ = "shop_follows"
    __table_args__ = (UniqueConstraint("user_id", "shop_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), nullable=False)
    shop_id: Mapped[int] = mapped_column(ForeignKey("shops.id", ondelete="CASCADE"), index=True,
                                         nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), nullable=False)

    shop = relationship("Shop")


class OwnShop(Conflict):
    code = "own_shop"


def shop_by_slug(slug: str) -> Shop:
    # PostgreSQL refuses NUL in a string parameter; no slug holds one (or anything unprintable).
    usable = isinstance(slug, str) and 0 < len(slug) <= MAX_SLUG_CHARS and slug.isprintable()
    shop = db.session.scalar(select(Shop).where(Shop.slug == slug)) if usable else None
    if shop is None:
        raise NotFound(str(_l("There is no such shop.")))
    return shop


def _existing(user, shop: Shop) -> ShopFollow | None:
    return db.session.scalar(select(ShopFollow).where(ShopFollow.user_id == user.id,
                                                      ShopFollow.shop_id == shop.id))


def follow(user, shop: Shop, *, now: datetime) -> ShopFollow:
    """Follow ``shop``; following again returns the existing row."""
    if shop.owner_id == user.id:
        raise OwnShop(str(_l("This is your own shop.")))
    existing = _existing(user, shop)
    if existing is not None:
        return existing
    row = ShopFollow(user_id=user.id, shop_id=shop.id, created_at=now)
    try:
        with db.session.begin_nested():  # a concurrent duplicate click: the other one won
            db.session.add(row)
    except IntegrityError:  # the unique constraint: the row exists either way
        return _existing(user, shop)
    return row


def unfollow(user, shop: Shop) -> bool:
    """Stop following; False when the user did not follow the shop."""
    result = db.session.execute(delete(ShopFollow).where(ShopFollow.user_id == user.id,
                                                         ShopFollow.shop_id == shop.id))
    db.session.flush()
    return result.rowcount > 0


def is_following(user, shop_id: int) -> bool:
    if user is None:
        return False
    statement = select(ShopFollow.id).where(ShopFollow.user_id == user.id, ShopFollow.shop_id == shop_id)
    return db.session.scalar(statement) is not None


def follower_counts(shop_ids: list[int]) -> dict[int, int]:
    """Followers per shop, for any number of shops in one query (shops without any give 0)."""
    if not shop_ids:
        return {}
    statement = (select(ShopFollow.shop_id, func.count()).where(ShopFollow.shop_id.in_(shop_ids))
                 .group_by(ShopFollow.shop_id))
    counts = dict.fromkeys(shop_ids, 0)
    counts.update(dict(db.session.execute(statement).all()))
    return counts


def follower_count(shop_id: int) -> int:
    return follower_counts([shop_id])[shop_id]


def followed_shops(user) -> list[tuple[Shop, datetime]]:
    """The shops ``user`` follows, most recently followed first, with when."""
    statement = (select(Shop, ShopFollow.created_at).join(ShopFollow, ShopFollow.shop_id == Shop.id)
                 .where(ShopFollow.user_id == user.id)
                 .order_by(ShopFollow.created_at.desc(), ShopFollow.id.desc()).limit(MAX_FOLLOWED_LISTED))
    return [(shop, followed_at) for shop, followed_at in db.session.execute(statement)]


def followed_shop_ids(user) -> list[int]:
    statement = select(ShopFollow.shop_id).where(ShopFollow.user_id == user.id)
    return list(db.session.scalars(statement))
