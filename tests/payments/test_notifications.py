"""Notifications are verified (signature, freshness, amount), applied once, and never move a
payment backwards; anything refused answers 400 and changes nothing."""
from __future__ import annotations

import pytest

from marketplace.core.clock import utcnow
from tests.payments.conftest import EN, NOTIFY, sandbox_event, sandbox_headers

ZH = {"Accept-Language": "zh-CN"}


def post(client, body: bytes, headers: dict | None = None, **extra_headers):
    return client.post(NOTIFY, data=body, headers={**(headers or sandbox_headers(body)), **extra_headers})


def test_a_signed_notification_settles_the_payment_once(client, pay, look, succeeded):
    payment_id = pay()
    body = sandbox_event(payment_id, event_id="evt_once")
    first = post(client, body)
    assert first.status_code == 200
    assert first.get_json() == {"received": True, "outcome": "applied", "payment_id": payment_id,
                                "status": "succeeded"}
    replayed = post(client, body)
    assert (replayed.status_code, replayed.get_json()["outcome"]) == (200, "duplicate")
    state = look(payment_id)
    assert (state["status"], state["payer_name"], state["notifications"]) == ("succeeded", "张三", 1)
    assert succeeded == [(payment_id, "succeeded")]


def test_another_success_event_for_a_paid_payment_changes_nothing(client, pay, look, succeeded):
    payment_id = pay()
    post(client, sandbox_event(payment_id, event_id="evt_a", payer_name="张三"))
    second = post(client, sandbox_event(payment_id, event_id="evt_b", payer_name="李四"))
    assert second.get_json()["outcome"] == "ignored"
    assert look(payment_id)["payer_name"] == "张三"
    assert look(payment_id)["notifications"] == 2
    assert len(succeeded) == 1


@pytest.mark.parametrize("seconds", [-301, 301, -3600])
def test_a_notification_outside_five_minutes_is_refused(client, pay, look, seconds):
    payment_id = pay()
    body = sandbox_event(payment_id)
    answer = post(client, body, sandbox_headers(body, now() + seconds))
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "stale_notification")
    assert look(payment_id)["status"] == "created" and look(payment_id)["notifications"] == 0


def test_a_notification_within_the_window_is_taken(client, pay, look):
    payment_id = pay()
    body = sandbox_event(payment_id)
    assert post(client, body, sandbox_headers(body, now() - 290)).status_code == 200


def now() -> int:
    return int(utcnow().timestamp())


def signature(body: bytes) -> str:
    return sandbox_headers(body)["X-Sandbox-Signature"]


@pytest.mark.parametrize("signed", [
    lambda body: sandbox_headers(body, secret="not-the-shared-secret"),
    lambda body: {"X-Sandbox-Signature": signature(body).replace("v1=", "v0=")},
    lambda body: {"X-Sandbox-Signature": f"t={now()}"},
    lambda body: {"X-Sandbox-Signature": signature(body).split(",")[1]},
    lambda body: {"X-Sandbox-Signature": "t=soon," + signature(body).split(",")[1]},
    lambda body: {},
], ids=["other secret", "unknown scheme", "no digest", "no time", "bad time", "unsigned"])
def test_a_wrong_or_missing_signature_is_refused(client, pay, look, signed):
    payment_id = pay()
    body = sandbox_event(payment_id)
    answer = post(client, body, {"Content-Type": "application/json", **signed(body)})
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "invalid_signature")
    assert look(payment_id)["status"] == "created" and look(payment_id)["notifications"] == 0


def test_a_body_changed_after_signing_is_refused(client, pay, look):
    payment_id = pay("88.00")
    headers = sandbox_headers(sandbox_event(payment_id, "88.00"))
    answer = post(client, sandbox_event(payment_id, "8.00"), headers)
    assert answer.get_json()["error"]["code"] == "invalid_signature"
    assert look(payment_id)["status"] == "created"


@pytest.mark.parametrize(("amount", "currency"), [("1.00", "CNY"), ("88.01", "CNY"), ("88.00", "USD")])
def test_a_signed_notification_for_another_amount_or_currency_is_refused(client, pay, look, succeeded,
                                                                         amount, currency):
    payment_id = pay("88.00")
    answer = post(client, sandbox_event(payment_id, amount, currency))
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "amount_mismatch")
    assert look(payment_id)["status"] == "created" and look(payment_id)["notifications"] == 0
    assert succeeded == []


def test_the_same_amount_written_differently_is_the_same_amount(client, pay, look):
    payment_id = pay("88.00")
    assert post(client, sandbox_event(payment_id, "88.0")).status_code == 200
    assert look(payment_id)["status"] == "succeeded"


def test_a_notification_for_an_unknown_payment_is_404(client):
    answer = post(client, sandbox_event("pay_000000000000000000000000"))
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (404, "payment_not_found")


@pytest.mark.parametrize("body", [
    b"", b"not json", b"[]", b'{"id": "evt_1"}', "\u5f20".encode("utf-16"),
    b'{"id": 7, "type": "payment.succeeded", "data": {"payment_id": "p", "reference": "r",'
    b' "amount": {"amount": "1.00", "currency": "CNY"}}}',
    b'{"id": "e", "type": "payment.succeeded", "data": {"payment_id": "p", "reference": "r",'
    b' "amount": {"amount": 88.0, "currency": "CNY"}}}',
    b'{"id": "e", "type": "payment.succeeded", "data": {"payment_id": "p", "reference": "r",'
    b' "amount": {"amount": "lots", "currency": "CNY"}}}',
], ids=["empty", "text", "list", "no data", "utf-16", "numeric id", "float amount", "not a number"])
def test_a_signed_but_malformed_body_is_refused(client, body):
    answer = post(client, body)
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "malformed_notification")


def test_a_refusal_is_worded_in_the_callers_language(client, pay):
    payment_id = pay()
    body = sandbox_event(payment_id)
    headers = sandbox_headers(body, secret="not-the-shared-secret")
    assert post(client, body, headers, **EN).get_json()["error"]["message"] == \
        "The notification's signature does not match."
    assert post(client, body, headers, **ZH).get_json()["error"]["message"] == "通知的签名不匹配。"
    assert post(client, body, headers).get_json()["error"]["message"] == "通知的签名不匹配。"


def test_an_unknown_provider_is_404(client):
    answer = client.post("/api/v1/payments/paypal/notify", data=b"{}")
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (404, "not_found")


def test_a_failure_after_a_success_does_not_undo_it(client, pay, look):
    payment_id = pay()
    post(client, sandbox_event(payment_id, event_id="evt_paid"))
    late = post(client, sandbox_event(payment_id, event_id="evt_failed", kind="payment.failed"))
    assert late.get_json()["outcome"] == "ignored"
    assert look(payment_id)["status"] == "succeeded"


def test_a_success_after_a_failure_is_recorded_to_be_refunded(client, pay, look, succeeded):
    """The provider says it took the money after all: the payment must show it, and the checkout
    hears of it (to refund it, if the checkout has expired)."""
    payment_id = pay()
    post(client, sandbox_event(payment_id, event_id="evt_failed", kind="payment.failed"))
    assert look(payment_id)["status"] == "failed"
    post(client, sandbox_event(payment_id, event_id="evt_paid"))
    assert look(payment_id)["status"] == "succeeded"
    assert succeeded == [(payment_id, "succeeded")]
