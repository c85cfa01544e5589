"""The buyer's listings (role buyer, scoped to the caller's shop): create, edit, pictures, proof,
submit for review, delist, and the shop's own stock per SKU.

Handlers that take an id find the shop's object before they read the body, so another shop's id
answers 404 whatever was sent.
"""
from __future__ import annotations

from flask import current_app, g, request
from flask_babel import lazy_gettext as _l
from marshmallow import fields

from marketplace.api.routing import endpoint
from marketplace.catalog import listing_images, listings, revisions
from marketplace.catalog.content import content_of
from marketplace.catalog.errors import invalid
from marketplace.catalog.schemas import (
    ImageOrderSchema,
    ListingBodySchema,
    ListingPatchSchema,
    ListingQuerySchema,
    StockBodySchema,
)
from marketplace.core.clock import utcnow
from marketplace.core.pagination import paginate
from marketplace.core.schemas import ApiSchema
from marketplace.inventory.services import own_level, own_stock
from marketplace.money.money import Money
from marketplace.storage import get_storage
from marketplace.storage.images import MAX_IMAGE_BYTES
from marketplace.web.access import BUYER

TAG = "The buyer's shop"
FILE_PART = {"file": {"type": "string", "format": "binary"}}


def uploaded_bytes() -> bytes:
    upload = request.files.get("file")
    if upload is None:
        raise invalid("file", _l("Choose a file to upload."))
    return upload.read(MAX_IMAGE_BYTES + 1)


def image_urls(image) -> dict:
    storage = get_storage()
    return {width: storage.public_url(key) for width, key in image.thumbnails.items()}


class ImageSchema(ApiSchema):
    id = fields.Integer()
    position = fields.Integer()
    url = fields.Function(lambda image: get_storage().public_url(image.storage_key),
                          metadata={"type": "string"})
    thumbnails = fields.Function(image_urls, metadata={"type": "object"})
    width = fields.Integer()
    height = fields.Integer()
    pending = fields.Boolean()


class ShopSkuSchema(ApiSchema):
    id = fields.Integer()
    code = fields.String()
    options = fields.Dict()
    price = fields.Function(lambda sku: Money(sku.price, sku.currency).as_json(), metadata={"type": "object"})
    weight_g = fields.Integer()
    stock = fields.Function(own_stock, metadata={"type": "integer"})


def _content(name: str):
    return fields.Function(lambda listing: content_of(listing)[name], metadata={"type": "object"})


class ShopListingSchema(ApiSchema):
    id = fields.Integer()
    status = fields.String()
    pending_revision = fields.Function(lambda listing: revisions.pending_revision(listing) is not None,
                                       metadata={"type": "boolean"})
    category = _content("category")
    brand = fields.String()
    title = _content("title")
    description = _content("description")
    origin_country = fields.String()
    tax_category = _content("tax_category")
    routes = fields.List(fields.String())
    skus = fields.List(fields.Nested(ShopSkuSchema))
    images = fields.List(fields.Nested(ImageSchema))
    proof = fields.Function(lambda listing: listing.proof_key is not None, metadata={"type": "boolean"})
    reasons = fields.List(fields.String(), attribute="review_reasons")
    note = fields.String(attribute="review_note", allow_none=True)
    revision = fields.Function(lambda listing: revisions.revision_state(revisions.pending_revision(listing)),
                               metadata={"type": "object", "nullable": True})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ProofSchema(ApiSchema):
    id = fields.Integer()
    proof = fields.Boolean()
    url = fields.String(metadata={"description": "A short-lived signed link for the buyer"})


class StockSchema(ApiSchema):
    sku_id = fields.Integer()
    quantity = fields.Integer()
    available = fields.Integer()


def _listing(listing_id: int):
    return listings.get_listing(g.shop, listing_id)


@endpoint("/shop/listings", "POST", access=BUYER, body=ListingBodySchema, response=ShopListingSchema,
          status=201, summary="Create a listing as a draft", tag=TAG, errors=(422,))
def create_listing(body):
    return listings.create_listing(g.actor, g.shop, body, now=utcnow())


@endpoint("/shop/listings", access=BUYER, query=ListingQuerySchema, response=ShopListingSchema,
          paginated=True, summary="The shop's listings, by status or by a title or SKU code search", tag=TAG,
          errors=(422,))
def list_listings(query):
    statement = listings.shop_listings(g.shop, status=query.pop("status"), q=query.pop("q"))
    return paginate(statement, **query)


@endpoint("/shop/listings/<int:listing_id>", access=BUYER, response=ShopListingSchema,
          summary="One listing, with its pending revision and the reviewer's reasons", tag=TAG, errors=(404,))
def get_listing(listing_id):
    return _listing(listing_id)


@endpoint("/shop/listings/<int:listing_id>", "PATCH", access=BUYER, body=ListingPatchSchema,
          lookup_first=True, response=ShopListingSchema, tag=TAG, errors=(404, 409, 422),
          summary="Change any listing field; content edits of a live listing make a pending revision")
def update_listing(listing_id, body):
    listing = _listing(listing_id)
    return listings.update_listing(g.actor, g.shop, listing, body(), now=utcnow())


@endpoint("/shop/listings/<int:listing_id>/images", "POST", access=BUYER, response=ImageSchema, status=201,
          multipart=FILE_PART, summary="Add a picture (JPEG, PNG or WebP, at most 10 MB; nine at most)",
          tag=TAG, errors=(404, 409, 413, 422))
def add_image(listing_id):
    listing = _listing(listing_id)
    return listing_images.add_image(g.actor, g.shop, listing, uploaded_bytes(), now=utcnow())


@endpoint("/shop/listings/<int:listing_id>/images", "PATCH", access=BUYER, body=ImageOrderSchema,
          lookup_first=True, response=ShopListingSchema, tag=TAG, errors=(404, 409, 422),
          summary="Reorder the pictures; the first is the cover")
def reorder_images(listing_id, body):
    listing = _listing(listing_id)
    order = body()["order"]
    listing_images.reorder_images(g.actor, g.shop, listing, order, now=utcnow())
    return listing


@endpoint("/shop/listings/<int:listing_id>/images/<int:image_id>", "DELETE", access=BUYER, status=204,
          summary="Remove a picture", tag=TAG, errors=(404, 409, 422))
def delete_image(listing_id, image_id):
    listing_images.delete_image(g.actor, g.shop, _listing(listing_id), image_id, now=utcnow())


@endpoint("/shop/listings/<int:listing_id>/proof", "POST", access=BUYER, response=ProofSchema, status=201,
          multipart=FILE_PART, summary="Upload the authenticity proof (a receipt photo; private)", tag=TAG,
          errors=(404, 409, 413, 422))
def attach_proof(listing_id):
    listing = _listing(listing_id)
    listing_images.attach_proof(g.actor, g.shop, listing, uploaded_bytes(), now=utcnow())
    url = get_storage().signed_url(listing.proof_key, expires_in=current_app.config["SIGNED_URL_SECONDS"])
    return {"id": listing.id, "proof": True, "url": url}


@endpoint("/shop/listings/<int:listing_id>/submit", "POST", access=BUYER, response=ShopListingSchema,
          summary="Submit for review: needs at least one picture and the proof", tag=TAG,
          errors=(404, 409, 422))
def submit_listing(listing_id):
    return listings.submit_listing(g.actor, g.shop, _listing(listing_id), now=utcnow())


@endpoint("/shop/listings/<int:listing_id>/delist", "POST", access=BUYER, response=ShopListingSchema,
          summary="Take a live listing off sale", tag=TAG, errors=(404, 409))
def delist_listing(listing_id):
    return listings.delist_listing(g.actor, g.shop, _listing(listing_id), now=utcnow())


@endpoint("/shop/listings/<int:listing_id>/relist", "POST", access=BUYER, response=ShopListingSchema,
          summary="Put a delisted listing back on sale (its approved content, no new review)", tag=TAG,
          errors=(404, 409))
def relist_listing(listing_id):
    return listings.relist_listing(g.actor, g.shop, _listing(listing_id), now=utcnow())


@endpoint("/shop/skus/<int:sku_id>/stock", "PUT", access=BUYER, body=StockBodySchema, lookup_first=True,
          response=StockSchema, tag=TAG, errors=(404, 422),
          summary="Set the shop's own stock of a SKU (shipped by direct mail); applies at once")
def set_stock(sku_id, body):
    sku = listings.get_sku(g.shop, sku_id)
    sku = listings.set_stock(g.actor, g.shop, sku, body()["quantity"], now=utcnow())
    level = own_level(sku)
    return {"sku_id": sku.id, "quantity": level.on_hand, "available": level.available}
