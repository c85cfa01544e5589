"""The shopper's orderer identities (API.md "Cart, identities, checkout"). The ID number goes in
once and never comes back out: responses carry ``id_number_masked`` only."""
from dataclasses import replace

from flask import g

from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.core.pagination import paginate
from marketplace.core.schemas import PageQuery
from marketplace.orderers import services as orderers
from marketplace.orderers.schemas import IdentityCreateSchema, IdentitySchema
from marketplace.web.access import SHOPPER

TAG = "Identities and addresses"


@endpoint("/identities", "POST", access=SHOPPER, body=IdentityCreateSchema, response=IdentitySchema,
          status=201, errors=(409, 422), tag=TAG,
          summary="Add a real-name orderer: Chinese name and resident ID number (checked per GB 11643, "
                  "stored encrypted); the same number twice is 409 identity_exists")
def add_identity(body):
    # No consent checkbox on the API: the authenticated POST is the consent (see the schema).
    identity = orderers.add_identity(g.actor, real_name=body["real_name"], id_number=body["id_number"],
                                     consent=body["consent"], channel="api", now=utcnow())
    return orderers.identity_state(identity)


@endpoint("/identities", access=SHOPPER, query=PageQuery, response=IdentitySchema, paginated=True,
          errors=(422,), tag=TAG,
          summary="The caller's identities, newest first")
def list_identities(query):
    page = paginate(orderers.identities_of(g.actor), query["page"], query["per_page"])
    return replace(page, items=[orderers.identity_state(identity) for identity in page.items])


@endpoint("/identities/<int:identity_id>", access=SHOPPER, response=IdentitySchema, errors=(404,), tag=TAG,
          summary="One of the caller's identities")
def get_identity(identity_id):
    return orderers.identity_state(orderers.owned_identity(g.actor, identity_id))


@endpoint("/identities/<int:identity_id>", "DELETE", access=SHOPPER, status=204, errors=(404, 409), tag=TAG,
          summary="Remove an identity; 409 identity_in_use while an open order uses it")
def delete_identity(identity_id):
    orderers.delete_identity(g.actor, identity_id, now=utcnow())
