"""The customs messages of a paid checkout: per order, the order message (CEB311) and the
payment record (CEB411), built from the order as it was placed and queued for filing in the
payment notification's transaction (the jobs go out after it commits).

A message that does not add up is refused before anything is filed: the order keeps a failed
filing that says why, for staff, and the payment stands. The waybill follows on shipment.
"""
from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import select

from marketplace.catalog.models import Listing
from marketplace.customs import declarations, filings
from marketplace.customs.errors import DeclarationInvalid
from marketplace.extensions import db
from marketplace.orderers import services as orderers


def declare_paid_checkout(checkout, payment, now: datetime) -> list:
    """Queue each order's order message and payment record; orders already declared are skipped,
    so a repeated call files nothing twice."""
    queued = []
    for order in checkout.orders:
        if filings.filing_of(order.id, declarations.ORDER) is None:
            queued.extend(declare_order(order, payment, now))
    return queued


def declare_order(order, payment, now: datetime) -> list:
    cipher = orderers.data_cipher()
    name = cipher.decrypt(order.orderer_name_encrypted)
    number = cipher.decrypt(order.orderer_id_number_encrypted)
    try:
        order_message = declarations.build_order_message(order_declaration(order, name, number))
        payment_message = declarations.build_payment_message(
            payment_declaration(order, payment, name, number, now))
        declarations.check_payment_matches(order_message, payment_message)
    except DeclarationInvalid as error:
        return [filings.record_refusal(order.id, order.shop_id, declarations.ORDER, error, now)]
    return [filings.queue_filing(order.id, order.shop_id, declarations.ORDER, order_message, now),
            filings.queue_filing(order.id, order.shop_id, declarations.PAYMENT, payment_message, now)]


def ebc_code(shop_id: int) -> str:
    # Derived from the shop's id until shops record their own customs registration code (ebcCode).
    return f"EBC{shop_id:07d}"


def _origins(order) -> dict[int, str]:
    ids = {line.listing_id for line in order.lines}
    query = select(Listing.id, Listing.origin_country).where(Listing.id.in_(ids))
    return dict(db.session.execute(query).all())


def goods_lines(order) -> tuple[declarations.GoodsLine, ...]:
    origins = _origins(order)
    return tuple(declarations.GoodsLine(item_no=line.sku_code, item_name=line.title_zh,
                                        quantity=line.quantity, price=line.unit_price,
                                        total_price=line.goods, origin_country=origins[line.listing_id])
                 for line in order.lines)


def order_declaration(order, buyer_name: str, buyer_id_number: str) -> declarations.OrderDeclaration:
    config = current_app.config
    return declarations.OrderDeclaration(
        order_no=declarations.order_no(order.id), ebp_code=config["CUSTOMS_EBP_CODE"],
        ebp_name=config["CUSTOMS_EBP_NAME"], ebc_code=ebc_code(order.shop_id), ebc_name=order.shop.name,
        goods_value=order.goods, freight=order.shipping, discount=order.discount, tax_total=order.tax,
        actural_paid=order.total, buyer_reg_no=str(order.user_id), buyer_name=buyer_name,
        # The orderer's own phone is not collected: the consignee's is the contact on the order.
        buyer_telephone=order.consignee_phone, buyer_id_number=buyer_id_number,
        consignee=order.consignee, consignee_telephone=order.consignee_phone,
        consignee_address=f"{order.province}{order.city}{order.district}{order.address_line}",
        lines=goods_lines(order))


def payment_declaration(order, payment, payer_name: str, payer_id_number: str,
                        now: datetime) -> declarations.PaymentDeclaration:
    # One payment pays the whole checkout; each order's record declares that order's share of it.
    # payCode is the provider's name until the payment companies' customs codes are configured.
    return declarations.PaymentDeclaration(
        order_no=declarations.order_no(order.id), pay_code=payment.provider, pay_name=payment.provider,
        pay_transaction_id=payment.provider_reference or payment.public_id, payer_name=payer_name,
        payer_id_number=payer_id_number, telephone=order.consignee_phone, amount_paid=order.total,
        paid_at=payment.paid_at or now)
