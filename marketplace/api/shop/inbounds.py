"""The buyer's inbound notices: stock sent into a bonded warehouse."""
from dataclasses import replace

from flask import g

from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.core.pagination import paginate
from marketplace.fulfilment import inbounds
from marketplace.fulfilment.schemas import InboundCreateSchema, InboundQuerySchema, InboundSchema
from marketplace.web.access import BUYER

TAG = "The buyer's shop"


@endpoint("/shop/inbounds", "POST", access=BUYER, body=InboundCreateSchema, response=InboundSchema,
          status=201, errors=(422,), tag=TAG,
          summary="Announce stock sent into a bonded warehouse (the shop's own SKUs, each once, "
                  "1 to 100,000 units)")
def announce_inbound(body):
    notice = inbounds.announce_inbound(g.shop, warehouse_code=body["warehouse"], lines=body["lines"],
                                       actor=g.actor, now=utcnow())
    return inbounds.inbound_state(notice)


@endpoint("/shop/inbounds", access=BUYER, query=InboundQuerySchema, response=InboundSchema, paginated=True,
          tag=TAG, summary="The shop's inbound notices, newest first")
def list_inbounds(query):
    page = paginate(inbounds.shop_inbounds(g.shop, query["status"]), query["page"], query["per_page"])
    return replace(page, items=[inbounds.inbound_state(notice) for notice in page.items])


@endpoint("/shop/inbounds/<int:inbound_id>", access=BUYER, response=InboundSchema, errors=(404,), tag=TAG,
          summary="One inbound notice with its lines")
def get_inbound(inbound_id):
    return inbounds.inbound_state(inbounds.shop_inbound(g.shop, inbound_id))


@endpoint("/shop/inbounds/<int:inbound_id>/cancel", "POST", access=BUYER, response=InboundSchema,
          errors=(404, 409), tag=TAG, summary="Cancel an inbound notice the warehouse has not received")
def cancel_inbound(inbound_id):
    notice = inbounds.shop_inbound(g.shop, inbound_id)
    return inbounds.inbound_state(inbounds.cancel_inbound(g.shop, notice, actor=g.actor, now=utcnow()))
