"""A paid checkout files, per order, the customs order message and payment record with the
sandbox gateway, which answers with a receipt; the orderer's clear ID number goes to the gateway
only, never to the jobs table, the logs, the audit log or a file name; a repeated notification
files nothing twice; a message that does not add up is refused before filing."""
import json
import logging
from decimal import Decimal

import pytest
from sqlalchemy import select

from marketplace.audit.models import AuditEvent
from marketplace.checkout.declarations import declare_paid_checkout
from marketplace.core.clock import utcnow
from marketplace.customs import filings
from marketplace.customs.models import CustomsFiling
from marketplace.extensions import db
from marketplace.jobs.models import JobRecord
from marketplace.orders.models import Checkout, Order, OrderLine
from marketplace.payments import tasks as payment_tasks
from marketplace.payments.models import Payment, SandboxCharge
from tests.checkout.conftest import VALID_ID
from tests.checkout.test_api import CHECKOUT, body, complete, fill


@pytest.fixture
def outbox(app, tmp_path, monkeypatch):
    path = tmp_path / "customs"
    monkeypatch.setitem(app.config, "CUSTOMS_OUTBOX_PATH", str(path))
    return path


@pytest.fixture
def placed(store, shopper):
    """A checkout of two orders: one by direct mail, one from the bonded warehouse."""
    fill(shopper.client, store.cream, 2)
    fill(shopper.client, store.cream_bonded, 1, "bonded")
    response = shopper.client.post(CHECKOUT, json=body(shopper, payment_method="card"))
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def filed_files(outbox):
    return {path.name: json.loads(path.read_text(encoding="utf-8")) for path in sorted(outbox.glob("*.json"))}


def states(app, order_id):
    with app.app_context():
        return [filings.filing_state(filing) for filing in filings.filings_for(order_id)]


def test_each_paid_order_files_its_order_message_and_payment_record(app, client, outbox, placed):
    assert complete(client, placed["payment"]["id"], "王小明").status_code == 202
    files = filed_files(outbox)
    assert len(files) == 4 and not list(outbox.glob("*.tmp"))
    with app.app_context():
        payment = db.session.get(Payment, db.session.scalar(select(Payment.id)))
        for order in db.session.scalars(select(Order).order_by(Order.id)):
            [order_filing, payment_filing] = filings.filings_for(order.id)
            assert [(filing.kind, filing.status) for filing in (order_filing, payment_filing)] == [
                ("order", "filed"), ("payment", "filed")]
            assert order_filing.receipt_number.startswith("SBX") and order_filing.filed_at is not None
            order_message = files[f"order-{order_filing.id}.json"]["message"]
            payment_message = files[f"payment-{payment_filing.id}.json"]["message"]
            assert_order_message(order_message, order)
            assert payment_message["orderNo"] == order_message["orderNo"] == f"HG{order.id:010d}"
            assert (payment_message["amountPaid"], payment_message["payerIdNumber"]) == (
                AMOUNTS[order.route][-1], VALID_ID)
            assert payment_message["payTransactionId"] == payment.provider_reference
    [first, *_] = placed["orders"]
    assert [state["status"] for state in states(app, first["id"])] == ["filed", "filed"]


# goodsValue, freight, taxTotal, discount, acturalPaid of each order (tests/checkout/test_api.py):
# 2 × 720 by direct mail, 40 shipping, VAT 134.68; 1 × 1080 bonded, 10 shipping, VAT 99.19.
AMOUNTS = {"direct_mail": ("1440.00", "40.00", "134.68", "0.00", "1614.68"),
           "bonded": ("1080.00", "10.00", "99.19", "0.00", "1189.19")}


def assert_order_message(message, order):
    names = ("goodsValue", "freight", "taxTotal", "discount", "acturalPaid")
    assert tuple(message[name] for name in names) == AMOUNTS[order.route]
    assert (message["ebpCode"], message["ebcCode"]) == ("DEVEBP0001", f"EBC{order.shop_id:07d}")
    buyer = (message["buyerName"], message["buyerIdType"], message["buyerIdNumber"])
    assert buyer == ("王小明", "1", VALID_ID)
    assert (message["consignee"], message["consigneeTelephone"]) == ("王小明", "13800138000")
    assert message["consigneeAddress"] == "浙江省杭州市西湖区文三路 100 号"
    goods = [(line["gnum"], line["qty"], line["totalPrice"], line["country"]) for line in message["goods"]]
    assert goods == [(number, line.quantity, f"{line.goods:.2f}", "502")
                     for number, line in enumerate(order.lines, start=1)]


def test_the_clear_id_number_reaches_the_gateway_only(app, client, outbox, placed, caplog):
    caplog.set_level(logging.DEBUG)
    complete(client, placed["payment"]["id"], "王小明")
    assert all(VALID_ID not in name for name in filed_files(outbox))
    assert VALID_ID not in caplog.text
    with app.app_context():
        jobs = db.session.scalars(select(JobRecord)).all()
        assert {job.task for job in jobs} >= {"customs.file"}
        assert all(VALID_ID not in json.dumps([job.args, job.result, job.error], default=str) for job in jobs)
        stored = db.session.scalars(select(CustomsFiling)).all()
        assert len(stored) == 4 and all(VALID_ID not in json.dumps(row.message) for row in stored)
        # Encrypted at rest, and decrypted for the gateway only.
        clear = [filings.unseal(row.message) for row in stored]
        numbers = [message.get("buyerIdNumber") or message["payerIdNumber"] for message in clear]
        assert numbers == [VALID_ID] * 4
        events = db.session.scalars(select(AuditEvent)).all()
        assert any(event.action == "customs.filed" for event in events)
        assert all(VALID_ID not in json.dumps([event.before, event.after, event.note], default=str)
                   for event in events)


def test_a_second_notification_files_nothing_twice(app, client, outbox, placed):
    complete(client, placed["payment"]["id"], "王小明")
    first = filed_files(outbox)
    with app.app_context():
        before = [filings.filing_state(row) for row in db.session.scalars(select(CustomsFiling))]
        audited = db.session.query(AuditEvent).count()
        charge = db.session.scalar(select(SandboxCharge))
        assert payment_tasks.deliver_sandbox_notification(None, charge.id)["delivered"] is True
        checkout, payment = db.session.scalar(select(Checkout)), db.session.scalar(select(Payment))
        declare_paid_checkout(checkout, payment, utcnow())
        for row in db.session.scalars(select(CustomsFiling)):
            filings.file_filing(row.id, utcnow())
        db.session.commit()
        assert [filings.filing_state(row) for row in db.session.scalars(select(CustomsFiling))] == before
        assert db.session.query(AuditEvent).count() == audited
        assert db.session.query(JobRecord).filter(JobRecord.task == "customs.file").count() == 4
    assert filed_files(outbox) == first


def test_a_tampered_line_total_is_refused_before_filing(app, client, outbox, placed, shopper):
    tampered, other = placed["orders"]
    with app.app_context():
        db.session.execute(OrderLine.__table__.update().where(OrderLine.order_id == tampered["id"])
                           .values(goods=OrderLine.goods + Decimal("1")))
        db.session.commit()
    complete(client, placed["payment"]["id"], "王小明")
    [refused] = states(app, tampered["id"])
    assert (refused["kind"], refused["status"], refused["receipt_number"]) == ("order", "failed", None)
    assert refused["error"] == ("海关订单报文金额不符：实际支付金额应等于商品价格 + 运费 + 税款 − 优惠金额，"
                                "且各商品行总价之和应等于商品价格。")
    assert [state["status"] for state in states(app, other["id"])] == ["filed", "filed"]
    assert len(filed_files(outbox)) == 2
    assert {file["message"]["orderNo"] for file in filed_files(outbox).values()} == {f"HG{other['id']:010d}"}
    # The payment stands: the order is paid, and staff see why its messages were not filed.
    assert shopper.client.get(f"/api/v1/orders/{tampered['id']}").get_json()["status"] == "paid"


def test_production_refuses_the_sandbox_gateway(app, client, outbox, placed, monkeypatch):
    monkeypatch.setitem(app.config, "APP_ENV", "production")
    with app.app_context():
        order = db.session.get(Order, placed["orders"][0]["id"])
        checkout, payment = order.checkout, db.session.scalar(select(Payment))
        queued = declare_paid_checkout(checkout, payment, utcnow())
        filing = filings.file_filing(queued[0].id, utcnow())
        assert (filing.status, filing.receipt_number) == ("failed", None)
        assert filing.error
    assert not outbox.exists()
