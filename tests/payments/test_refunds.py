"""Refunds: recorded, sent to the provider by a job after commit, settled once, never more than
was paid; a success notified after a refund does not bring the payment back."""
from __future__ import annotations

from decimal import Decimal

import pytest

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.payments import services
from marketplace.payments.errors import RefundNotAllowed, RefundTooLarge
from marketplace.payments.models import SandboxCharge
from tests.payments.conftest import EN, NOTIFY, sandbox_event, sandbox_headers


@pytest.fixture
def paid(client, pay):
    """``paid("88.00")``: a payment the payer completed on the sandbox's page."""
    def make(amount: str = "88.00") -> str:
        payment_id = pay(amount)
        answer = client.post(f"/sandbox/payments/{payment_id}/complete", json={"payer_name": "张三"})
        assert answer.status_code == 202
        return payment_id

    return make


def refund(app, payment_id: str, amount: str, reason: str = "the checkout had expired"):
    with app.app_context():
        row = services.refund(services.get_payment(payment_id), Decimal(amount), reason, utcnow())
        db.session.commit()  # the refund job runs after this
        return row.public_id


def test_refunds_through_the_sandbox_in_parts_and_in_full(app, paid, look, refunded):
    payment_id = paid("88.00")
    refund(app, payment_id, "30.00")
    assert look(payment_id)["status"] == "partially_refunded"
    assert look(payment_id)["refunds"] == [(Decimal("30.00"), "succeeded")]
    refund(app, payment_id, "58.00")
    assert look(payment_id)["status"] == "refunded"
    assert refunded == [(payment_id, "partially_refunded", Decimal("30.00")),
                        (payment_id, "refunded", Decimal("58.00"))]
    with app.app_context():
        assert db.session.query(SandboxCharge).one().refunded == Decimal("88.00")


def test_a_refund_job_run_twice_refunds_once(app, paid, look, refunded):
    payment_id = paid()
    with app.app_context():
        row = services.refund(services.get_payment(payment_id), Decimal("10.00"), "test", utcnow())
        db.session.commit()
        services.send_refund(row.id, utcnow())
        db.session.commit()
        assert db.session.query(SandboxCharge).one().refunded == Decimal("10.00")
    assert len(refunded) == 1


@pytest.mark.parametrize("amount", ["88.01", "0", "-1.00", "10.001"])
def test_a_refund_is_more_than_zero_and_at_most_what_was_paid(app, paid, look, amount):
    payment_id = paid("88.00")
    with app.app_context(), pytest.raises(RefundTooLarge):
        services.refund(services.get_payment(payment_id), Decimal(amount), "test", utcnow())
    assert look(payment_id)["refunds"] == []


def test_refunds_in_progress_count_towards_the_limit(app, paid):
    payment_id = paid("88.00")
    with app.app_context():
        payment = services.get_payment(payment_id)
        services.refund(payment, Decimal("50.00"), "first", utcnow())
        with pytest.raises(RefundTooLarge):
            services.refund(payment, Decimal("40.00"), "second", utcnow())
        assert services.refundable(payment) == Decimal("38.00")
        db.session.rollback()


def test_only_a_paid_payment_is_refunded(app, pay, look):
    payment_id = pay()
    with app.app_context(), pytest.raises(RefundNotAllowed) as refused:
        services.refund(services.get_payment(payment_id), Decimal("1.00"), "test", utcnow())
    assert refused.value.status == 409


def test_a_refund_the_sandbox_refuses_fails_without_touching_the_payment(app, paid, look, refunded):
    payment_id = paid("88.00")
    with app.app_context():
        db.session.query(SandboxCharge).update({"refunded": Decimal("80.00")})  # refunded elsewhere
        db.session.commit()
    refund(app, payment_id, "20.00")
    assert look(payment_id)["refunds"] == [(Decimal("20.00"), "failed")]
    assert look(payment_id)["status"] == "succeeded"
    assert refunded == []


def test_a_success_notified_after_a_refund_does_not_resurrect_the_payment(client, app, paid, look,
                                                                          succeeded):
    payment_id = paid("88.00")
    refund(app, payment_id, "88.00")
    body = sandbox_event(payment_id, event_id="evt_late_success")
    answer = client.post(NOTIFY, data=body, headers=sandbox_headers(body))
    assert (answer.status_code, answer.get_json()["outcome"]) == (200, "ignored")
    assert look(payment_id)["status"] == "refunded"
    assert len(succeeded) == 1  # the first, real success


def test_refund_errors_are_worded_for_the_reader(app, pay):
    payment_id = pay()
    with app.test_request_context(headers=EN), pytest.raises(RefundNotAllowed) as refused:
        services.refund(services.get_payment(payment_id), Decimal("1.00"), "test", utcnow())
    assert refused.value.message == "Only a paid payment can be refunded."
