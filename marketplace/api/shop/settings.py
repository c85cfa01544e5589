"""The buyer's shop settings: profile, direct-mail rate card, customs regime, return policy."""
from flask import g, request

from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.shops import avatars, settings
from marketplace.shops.schemas import ShopPatchSchema, ShopSchema
from marketplace.storage import get_storage
from marketplace.web.access import BUYER

TAG = "The buyer's shop"


def shop_body(shop) -> dict:
    storage = get_storage()
    avatar_url = storage.public_url(shop.avatar_key) if shop.avatar_key else None
    return {**settings.shop_profile(shop), "avatar_url": avatar_url}


@endpoint("/shop", access=BUYER, response=ShopSchema, tag=TAG,
          summary="The caller's shop with its rate card and return policy")
def get_shop():
    return shop_body(g.shop)


@endpoint("/shop", "PATCH", access=BUYER, body=ShopPatchSchema, response=ShopSchema, errors=(422,), tag=TAG,
          summary="Change the shop's name, description, direct-mail rate card (CNY), customs regime "
                  "or return policy; absent fields stay as they are")
def update_shop(body):
    settings.update_settings(g.shop, body, actor=g.actor, now=utcnow())
    return shop_body(g.shop)


@endpoint("/shop/avatar", "POST", access=BUYER, response=ShopSchema, errors=(422,), tag=TAG,
          multipart={"file": {"type": "string", "format": "binary"}},
          summary="Upload the shop's avatar (JPEG, PNG or WebP, up to 10 MB; cut to a square)")
def upload_avatar():
    upload = request.files.get("file")
    data = upload.read() if upload is not None else b""
    avatars.set_avatar(g.shop, data, storage=get_storage(), actor=g.actor, now=utcnow())
    return shop_body(g.shop)
