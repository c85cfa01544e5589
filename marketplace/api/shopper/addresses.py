"""The shopper's delivery addresses (API.md "Cart, identities, checkout")."""
from flask import g

from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.core.pagination import paginate
from marketplace.core.schemas import PageQuery
from marketplace.orderers import services as orderers
from marketplace.orderers.schemas import AddressCreateSchema, AddressPatchSchema, AddressSchema
from marketplace.web.access import SHOPPER

TAG = "Identities and addresses"


@endpoint("/addresses", "POST", access=SHOPPER, body=AddressCreateSchema, response=AddressSchema, status=201,
          errors=(422,), tag=TAG,
          summary="Add a mainland delivery address; the first one, or one sent with is_default, "
                  "becomes the default")
def add_address(body):
    return orderers.add_address(g.actor, body, now=utcnow())


@endpoint("/addresses", access=SHOPPER, query=PageQuery, response=AddressSchema, paginated=True,
          errors=(422,), tag=TAG,
          summary="The caller's addresses, the default first, then newest first")
def list_addresses(query):
    return paginate(orderers.addresses_of(g.actor), query["page"], query["per_page"])


@endpoint("/addresses/<int:address_id>", access=SHOPPER, response=AddressSchema, errors=(404,), tag=TAG,
          summary="One of the caller's addresses")
def get_address(address_id):
    return orderers.owned_address(g.actor, address_id)


@endpoint("/addresses/<int:address_id>", "PATCH", access=SHOPPER, body=AddressPatchSchema, lookup_first=True,
          response=AddressSchema, errors=(404, 422), tag=TAG,
          summary="Change an address's fields, or make it the default; absent fields stay as they are")
def update_address(address_id, body):
    orderers.owned_address(g.actor, address_id)
    return orderers.update_address(g.actor, address_id, body(), now=utcnow())


@endpoint("/addresses/<int:address_id>", "DELETE", access=SHOPPER, status=204, errors=(404,), tag=TAG,
          summary="Remove an address; if it was the default, the newest remaining one becomes it")
def delete_address(address_id):
    orderers.delete_address(g.actor, address_id)
