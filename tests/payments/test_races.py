"""PostgreSQL only: many deliveries of one notification at once apply it once, and refunds
racing for one payment never give back more than was paid. Each thread has its own app
context, session and connection; the data is committed for real."""
from __future__ import annotations

import threading
from decimal import Decimal

import pytest

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.payments import services
from marketplace.payments.providers.sandbox import SandboxProvider
from tests.conftest import DATABASE_URL
from tests.payments.conftest import DEV_SECRET, sandbox_event, sandbox_headers

pytestmark = [pytest.mark.postgres,
              pytest.mark.skipif(not DATABASE_URL.startswith("postgresql"),
                                 reason="PostgreSQL backend: set TEST_DATABASE_URL")]

RACERS = 8


def race(app, racers: int, work) -> list:
    start, outcomes = threading.Barrier(racers), []

    def run(number: int) -> None:
        with app.app_context():
            start.wait()
            try:
                outcomes.append(work(number))
                db.session.commit()
            except Exception as error:  # the outcome is what the test compares
                db.session.rollback()
                outcomes.append(getattr(error, "code", repr(error)))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(number,)) for number in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_one_notification_delivered_many_times_at_once_applies_once(app, committed_db, pay, look, succeeded):
    payment_id = pay()
    body = sandbox_event(payment_id, event_id="evt_raced")
    headers = sandbox_headers(body)
    outcomes = race(app, RACERS, lambda _: services.receive_notification(
        SandboxProvider(DEV_SECRET), headers, body, utcnow()).outcome)
    assert sorted(outcomes) == ["applied"] + ["duplicate"] * (RACERS - 1)
    assert (look(payment_id)["status"], look(payment_id)["notifications"]) == ("succeeded", 1)
    assert succeeded == [(payment_id, "succeeded")]


def test_refunds_racing_for_one_payment_never_exceed_it(app, committed_db, client, pay, look):
    payment_id = pay("88.00")
    client.post(f"/sandbox/payments/{payment_id}/complete", json={"payer_name": "张三"})

    def refund_half(_):
        services.refund(services.get_payment(payment_id), Decimal("50.00"), "raced", utcnow())
        return "refunded"

    outcomes = race(app, RACERS, refund_half)
    assert sorted(outcomes) == ["refund_exceeds_payment"] * (RACERS - 1) + ["refunded"]
    assert look(payment_id)["refunds"] == [(Decimal("50.00"), "succeeded")]
