"""The customs messages of a paid order, as pure values: the order message (CEB311) and the
payment record (CEB411), built from plain values and checked before anything is filed.

Field names are those of the customs spec (its spelling included: ``acturalPaid``). Amounts are
CNY decimals written with two places; customs codes are the spec's: currency 142 (CNY), ID type
1 (resident identity card). The messages carry the orderer's clear ID number, which customs
requires: never log one or put it in a job's arguments (``SENSITIVE_FIELDS``).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from flask_babel import lazy_gettext as _l

from marketplace.customs.errors import AmountsDoNotAddUp, DeclarationInvalid

ORDER, PAYMENT, WAYBILL = "order", "payment", "waybill"
KINDS = (ORDER, PAYMENT, WAYBILL)
CURRENCY_CNY = "142"
ID_TYPE_RESIDENT_CARD = "1"
ORDER_TYPE_IMPORT = "I"
UNIT_PIECE = "011"  # 件: every line is sold by the piece
SENSITIVE_FIELDS = ("buyerIdNumber", "payerIdNumber")
CUSTOMS_TIMEZONE = ZoneInfo("Asia/Shanghai")
CENT = Decimal("0.01")

# Customs country codes of the origins the catalogue sells; a line from anywhere else is refused
# rather than declared with a guessed code.
ORIGIN_COUNTRIES = {
    "AU": "601", "BE": "301", "CA": "501", "CH": "331", "DE": "304", "ES": "312", "FR": "305",
    "GB": "303", "HK": "110", "IT": "307", "JP": "116", "KR": "133", "MY": "122", "NL": "309",
    "NZ": "609", "SE": "330", "SG": "132", "TH": "136", "US": "502",
}


@dataclass(frozen=True)
class GoodsLine:
    item_no: str  # the SKU code
    item_name: str
    quantity: int
    price: Decimal
    total_price: Decimal
    origin_country: str  # ISO 3166 alpha-2, as the listing gives it
    unit: str = UNIT_PIECE


@dataclass(frozen=True)
class OrderDeclaration:
    order_no: str
    ebp_code: str
    ebp_name: str
    ebc_code: str
    ebc_name: str
    goods_value: Decimal
    freight: Decimal
    discount: Decimal
    tax_total: Decimal
    actural_paid: Decimal
    buyer_reg_no: str
    buyer_name: str
    buyer_telephone: str
    buyer_id_number: str = field(repr=False)
    consignee: str
    consignee_telephone: str
    consignee_address: str
    lines: tuple[GoodsLine, ...]


@dataclass(frozen=True)
class PaymentDeclaration:
    order_no: str
    pay_code: str
    pay_name: str
    pay_transaction_id: str
    payer_name: str
    payer_id_number: str = field(repr=False)
    telephone: str
    amount_paid: Decimal
    paid_at: datetime


def order_no(order_id: int) -> str:
    """The platform's order number customs knows the order by (all three documents use it)."""
    return f"HG{order_id:010d}"


def amount(value: Decimal) -> str:
    """Two places; the amounts come in exact to the fen, so nothing is rounded away."""
    return str(Decimal(value).quantize(CENT))


def customs_time(moment: datetime) -> str:
    """yyyyMMddHHmmss in Beijing time, as the spec writes times."""
    return moment.astimezone(CUSTOMS_TIMEZONE).strftime("%Y%m%d%H%M%S")


def customs_country(iso_code: str) -> str:
    try:
        return ORIGIN_COUNTRIES[iso_code.upper()]
    except KeyError:
        raise DeclarationInvalid(str(_l("There is no customs code for the country of origin %(country)s.",
                                        country=iso_code))) from None


def _goods_line(number: int, line: GoodsLine) -> dict:
    return {"gnum": number, "itemNo": line.item_no, "itemName": line.item_name, "unit": line.unit,
            "qty": line.quantity, "price": amount(line.price), "totalPrice": amount(line.total_price),
            "currency": CURRENCY_CNY, "country": customs_country(line.origin_country)}


def build_order_message(declaration: OrderDeclaration) -> dict:
    """The CEB311 order message, refused (``AmountsDoNotAddUp``) if its amounts do not add up."""
    message = {
        "orderType": ORDER_TYPE_IMPORT, "orderNo": declaration.order_no,
        "ebpCode": declaration.ebp_code, "ebpName": declaration.ebp_name,
        "ebcCode": declaration.ebc_code, "ebcName": declaration.ebc_name,
        "goodsValue": amount(declaration.goods_value), "freight": amount(declaration.freight),
        "discount": amount(declaration.discount), "taxTotal": amount(declaration.tax_total),
        "acturalPaid": amount(declaration.actural_paid), "currency": CURRENCY_CNY,
        "buyerRegNo": declaration.buyer_reg_no, "buyerName": declaration.buyer_name,
        "buyerTelephone": declaration.buyer_telephone, "buyerIdType": ID_TYPE_RESIDENT_CARD,
        "buyerIdNumber": declaration.buyer_id_number, "consignee": declaration.consignee,
        "consigneeTelephone": declaration.consignee_telephone,
        "consigneeAddress": declaration.consignee_address,
        "goods": [_goods_line(number, line) for number, line in enumerate(declaration.lines, start=1)],
    }
    check_order_message(message)
    return message


def build_payment_message(declaration: PaymentDeclaration) -> dict:
    """The CEB411 payment record of one order: who paid how much, under which transaction."""
    message = {
        "orderNo": declaration.order_no, "payCode": declaration.pay_code, "payName": declaration.pay_name,
        "payTransactionId": declaration.pay_transaction_id, "payerIdType": ID_TYPE_RESIDENT_CARD,
        "payerIdNumber": declaration.payer_id_number, "payerName": declaration.payer_name,
        "telephone": declaration.telephone, "amountPaid": amount(declaration.amount_paid),
        "currency": CURRENCY_CNY, "payTime": customs_time(declaration.paid_at),
    }
    check_payment_message(message)
    return message


def _not_adding_up() -> AmountsDoNotAddUp:
    return AmountsDoNotAddUp(str(_l("The customs order message does not add up: the amount paid must be "
                                    "goods + freight + tax − discount, and the goods lines must add up "
                                    "to the goods value.")))


def check_order_message(message: dict) -> None:
    """acturalPaid = goodsValue + freight + taxTotal − discount, and the lines' totalPrice add
    up to goodsValue; exact decimals, nothing rounded."""
    goods, freight = Decimal(message["goodsValue"]), Decimal(message["freight"])
    tax, discount = Decimal(message["taxTotal"]), Decimal(message["discount"])
    lines = message["goods"]
    if not lines or Decimal(message["acturalPaid"]) != goods + freight + tax - discount:
        raise _not_adding_up()
    if sum((Decimal(line["totalPrice"]) for line in lines), Decimal(0)) != goods:
        raise _not_adding_up()


def check_payment_message(message: dict) -> None:
    if Decimal(message["amountPaid"]) <= 0:
        raise DeclarationInvalid(str(_l("The customs payment record must have an amount paid.")))


def check_payment_matches(order_message: dict, payment_message: dict) -> None:
    """The payment record declares what the order message says was paid, for the same order."""
    if (payment_message["orderNo"] != order_message["orderNo"]
            or Decimal(payment_message["amountPaid"]) != Decimal(order_message["acturalPaid"])):
        raise AmountsDoNotAddUp(str(_l("The customs payment record does not match its order message.")))


CHECKS = {ORDER: check_order_message, PAYMENT: check_payment_message}


def check_message(kind: str, message: dict) -> None:
    """Run the kind's check again just before filing (a stored message may have been altered)."""
    check = CHECKS.get(kind)
    if check is not None:
        check(message)
