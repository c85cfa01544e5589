"""The customs order message and payment record are pure values: field names and codes as the
spec writes them, and a message whose amounts do not add up is refused before it is filed."""
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from marketplace.customs import declarations
from marketplace.customs.declarations import GoodsLine, OrderDeclaration, PaymentDeclaration
from marketplace.customs.errors import AmountsDoNotAddUp, DeclarationInvalid

NUMBER = "11010519491231002X"
CREAM = GoodsLine(item_no="CREAM-50", item_name="面霜 50ml", quantity=2, price=Decimal("720.00"),
                  total_price=Decimal("1440.00"), origin_country="US")
SERUM = GoodsLine(item_no="SERUM-30", item_name="精华 30ml", quantity=1, price=Decimal("300.00"),
                  total_price=Decimal("300.00"), origin_country="jp")
ORDER = OrderDeclaration(
    order_no="HG0000000042", ebp_code="DEVEBP0001", ebp_name="海购", ebc_code="EBC0000007",
    ebc_name="Shop", goods_value=Decimal("1740"), freight=Decimal("40"), discount=Decimal("10"),
    tax_total=Decimal("162.02"), actural_paid=Decimal("1932.02"), buyer_reg_no="5", buyer_name="王小明",
    buyer_telephone="13800138000", buyer_id_number=NUMBER, consignee="王小明",
    consignee_telephone="13800138000", consignee_address="浙江省杭州市西湖区文三路 100 号",
    lines=(CREAM, SERUM))
PAYMENT = PaymentDeclaration(
    order_no="HG0000000042", pay_code="sandbox", pay_name="sandbox", pay_transaction_id="pay_abc",
    payer_name="王小明", payer_id_number=NUMBER, telephone="13800138000", amount_paid=Decimal("1932.02"),
    paid_at=datetime(2025, 3, 1, 16, 30, 5, tzinfo=UTC))


def test_the_order_message_has_the_ceb311_fields():
    message = declarations.build_order_message(ORDER)
    assert message == {
        "orderType": "I", "orderNo": "HG0000000042", "ebpCode": "DEVEBP0001", "ebpName": "海购",
        "ebcCode": "EBC0000007", "ebcName": "Shop", "goodsValue": "1740.00", "freight": "40.00",
        "discount": "10.00", "taxTotal": "162.02", "acturalPaid": "1932.02", "currency": "142",
        "buyerRegNo": "5", "buyerName": "王小明", "buyerTelephone": "13800138000", "buyerIdType": "1",
        "buyerIdNumber": NUMBER, "consignee": "王小明", "consigneeTelephone": "13800138000",
        "consigneeAddress": "浙江省杭州市西湖区文三路 100 号",
        "goods": [
            {"gnum": 1, "itemNo": "CREAM-50", "itemName": "面霜 50ml", "unit": "011", "qty": 2,
             "price": "720.00", "totalPrice": "1440.00", "currency": "142", "country": "502"},
            {"gnum": 2, "itemNo": "SERUM-30", "itemName": "精华 30ml", "unit": "011", "qty": 1,
             "price": "300.00", "totalPrice": "300.00", "currency": "142", "country": "116"}]}


def test_the_payment_record_declares_the_payer_and_the_amount():
    message = declarations.build_payment_message(PAYMENT)
    assert message == {
        "orderNo": "HG0000000042", "payCode": "sandbox", "payName": "sandbox",
        "payTransactionId": "pay_abc", "payerIdType": "1", "payerIdNumber": NUMBER, "payerName": "王小明",
        "telephone": "13800138000", "amountPaid": "1932.02", "currency": "142",
        "payTime": "20250302003005"}  # Beijing time
    declarations.check_payment_matches(declarations.build_order_message(ORDER), message)


@pytest.mark.parametrize("tampered", [
    {"actural_paid": Decimal("1932.01")},  # paid ≠ goods + freight + tax − discount
    {"discount": Decimal("0")},
    {"tax_total": Decimal("0")},
    {"goods_value": Decimal("1750"), "actural_paid": Decimal("1942.02")},  # adds up, lines do not
    {"lines": (replace(CREAM, total_price=Decimal("1439.99")), SERUM)},
    {"lines": ()},
])
def test_amounts_that_do_not_add_up_are_refused(tampered):
    with pytest.raises(AmountsDoNotAddUp) as raised:
        declarations.build_order_message(replace(ORDER, **tampered))
    assert raised.value.code == "customs_amounts_do_not_add_up"


def test_a_stored_message_is_checked_again_before_filing():
    message = declarations.build_order_message(ORDER)
    declarations.check_message("order", message)
    with pytest.raises(AmountsDoNotAddUp):
        declarations.check_message("order", {**message, "acturalPaid": "0.01"})


def test_a_payment_record_for_another_amount_is_refused():
    order = declarations.build_order_message(ORDER)
    payment = declarations.build_payment_message(replace(PAYMENT, amount_paid=Decimal("1932.00")))
    with pytest.raises(AmountsDoNotAddUp):
        declarations.check_payment_matches(order, payment)
    with pytest.raises(DeclarationInvalid):
        declarations.build_payment_message(replace(PAYMENT, amount_paid=Decimal("0")))


def test_an_origin_without_a_customs_code_is_refused_not_guessed():
    with pytest.raises(DeclarationInvalid):
        declarations.build_order_message(replace(ORDER, lines=(replace(SERUM, origin_country="XX"), CREAM)))


def test_the_id_number_stays_out_of_the_declarations_repr():
    assert NUMBER not in repr(ORDER) and NUMBER not in repr(PAYMENT)
    assert declarations.order_no(42) == "HG0000000042"
