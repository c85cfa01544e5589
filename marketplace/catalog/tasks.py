"""Catalogue jobs: thumbnails and the perceptual hash of a listing image."""
from __future__ import annotations

import io

from PIL import Image

from marketplace.catalog.models import ListingImage
from marketplace.extensions import db
from marketplace.jobs.registry import task
from marketplace.storage import get_storage
from marketplace.storage.images import THUMBNAIL_WIDTHS, difference_hash, thumbnail_jpeg


def thumbnail_key(storage_key: str, width: int) -> str:
    return f"{storage_key.rsplit('.', 1)[0]}-{width}.jpg"


@task("catalog.make_thumbnails", queue="low")
def make_thumbnails(job, image_id: int) -> dict:
    """Safe to run twice: it rewrites the same keys. An image deleted meanwhile is skipped."""
    row = db.session.get(ListingImage, image_id)
    if row is None:
        return {"image_id": image_id, "skipped": True}
    storage = get_storage()
    with Image.open(io.BytesIO(storage.open(row.storage_key))) as image:
        image.load()
        thumbnails = {}
        for width in THUMBNAIL_WIDTHS:
            key = thumbnail_key(row.storage_key, width)
            storage.put(key, thumbnail_jpeg(image, width), "image/jpeg")
            thumbnails[str(width)] = key
        row.phash = difference_hash(image)
    row.thumbnails = thumbnails
    db.session.flush()
    return {"image_id": image_id, "phash": row.phash}
