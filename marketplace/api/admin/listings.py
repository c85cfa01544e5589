"""Listing moderation (role admin): take any shop's listing off sale and put it back."""
from flask import g
from flask_babel import lazy_gettext as _l
from marshmallow import fields, validate

from marketplace.api.routing import endpoint
from marketplace.catalog import listings
from marketplace.core.clock import utcnow
from marketplace.core.schemas import ApiSchema
from marketplace.web.access import ADMIN

OPERATION_PREFIX = "admin"
TAG = "Platform administration"


class ModerationNoteSchema(ApiSchema):
    note = fields.String(load_default=None, allow_none=True,
                         validate=validate.Length(max=2000, error=_l("At most {max} characters.")))


class ListingStatusSchema(ApiSchema):
    id = fields.Integer()
    status = fields.String()


@endpoint("/admin/listings/<int:listing_id>/suspend", "POST", access=ADMIN, body=ModerationNoteSchema,
          response=ListingStatusSchema, summary="Take any shop's live or delisted listing off sale",
          tag=TAG, errors=(404, 409, 422))
def suspend_listing(listing_id, body):
    return listings.suspend_listing(g.actor, listings.listing_for_admin(listing_id), now=utcnow(),
                                    note=body["note"])


@endpoint("/admin/listings/<int:listing_id>/reinstate", "POST", access=ADMIN, body=ModerationNoteSchema,
          response=ListingStatusSchema, summary="Put a suspended listing back on sale", tag=TAG,
          errors=(404, 409, 422))
def reinstate_listing(listing_id, body):
    return listings.reinstate_listing(g.actor, listings.listing_for_admin(listing_id), now=utcnow(),
                                      note=body["note"])
