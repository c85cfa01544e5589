"""A shop's public profile, and following it (a signed-in shopper)."""
from __future__ import annotations

from marshmallow import fields

from marketplace.api.routing import endpoint
from marketplace.catalog import storefront
from marketplace.core.clock import utcnow
from marketplace.core.schemas import ApiSchema
from marketplace.shops import follows
from marketplace.web.access import PUBLIC, SHOPPER, current_actor

TAG = "Catalogue"


class PublicShopProfileSchema(ApiSchema):
    slug = fields.String()
    name = fields.String()
    description = fields.String()
    country = fields.String()
    level = fields.Integer()
    followers = fields.Integer()
    rating = fields.Decimal(as_string=True, allow_none=True,
                            metadata={"description": "Average review rating; null until reviews exist"})


class FollowSchema(ApiSchema):
    shop = fields.String(metadata={"description": "The shop's slug"})
    following = fields.Boolean()
    followers = fields.Integer()


@endpoint("/catalog/shops/<slug>", access=PUBLIC, response=PublicShopProfileSchema, errors=(404,),
          summary="A shop's public profile with its level, rating and followers", tag=TAG)
def public_shop(slug):
    return storefront.shop_by_slug(slug)


def _follow_state(shop) -> dict:
    return {"shop": shop.slug, "following": follows.is_following(current_actor(), shop.id),
            "followers": follows.follower_count(shop.id)}


@endpoint("/shops/<slug>/follow", "POST", access=SHOPPER, response=FollowSchema, errors=(404, 409),
          summary="Follow a shop (following twice changes nothing)", tag=TAG)
def follow_shop(slug):
    shop = follows.shop_by_slug(slug)
    follows.follow(current_actor(), shop, now=utcnow())
    return _follow_state(shop)


@endpoint("/shops/<slug>/follow", "DELETE", access=SHOPPER, response=FollowSchema, errors=(404,),
          summary="Stop following a shop", tag=TAG)
def unfollow_shop(slug):
    shop = follows.shop_by_slug(slug)
    follows.unfollow(current_actor(), shop)
    return _follow_state(shop)
