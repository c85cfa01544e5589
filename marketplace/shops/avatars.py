"""The shop's avatar: an uploaded picture, checked by its content (never its name) like every
picture on the site, cut to a square and re-encoded without metadata."""
from __future__ import annotations

import io
import uuid
from datetime import datetime

from PIL import Image, ImageOps

from marketplace.audit import services as audit
from marketplace.extensions import db
from marketplace.shops.models import Shop
from marketplace.storage.images import clean_image

AVATAR_PIXELS = 400


def avatar_jpeg(data: bytes) -> bytes:
    """A square JPEG of ``AVATAR_PIXELS`` from an uploaded picture; 422 (``image_refused``) if
    the bytes are not an acceptable picture, with the listing images' rules."""
    picture = Image.open(io.BytesIO(clean_image(data).data))
    if picture.mode in ("RGBA", "LA", "P"):
        picture = picture.convert("RGBA")
        background = Image.new("RGB", picture.size, "white")
        background.paste(picture, mask=picture.getchannel("A"))
        picture = background
    square = ImageOps.fit(picture.convert("RGB"), (AVATAR_PIXELS, AVATAR_PIXELS))
    output = io.BytesIO()
    square.save(output, "JPEG", quality=88)
    return output.getvalue()


def set_avatar(shop: Shop, data: bytes, *, storage, actor, now: datetime) -> str:
    """Store a new avatar as a public file and point the shop at it; returns its key. The old
    file is kept: a rolled-back transaction must not leave the shop pointing at nothing."""
    picture = avatar_jpeg(data)
    key = f"public/shops/{shop.id}/avatar-{uuid.uuid4().hex[:16]}.jpg"
    storage.put(key, picture, "image/jpeg")
    before = shop.avatar_key
    shop.avatar_key = key
    db.session.flush()
    audit.record(actor, "shop.avatar_changed", "shop", shop.id, before={"avatar": before},
                 after={"avatar": key}, now=now)
    return key
