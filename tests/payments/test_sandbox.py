"""The sandbox provider end to end: the hosted page, the payer's confirmation, the signed
notification its job sends, and the payment it settles, once."""
from __future__ import annotations

from sqlalchemy import select

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.jobs import runner
from marketplace.jobs.models import JobRecord
from marketplace.payments import services, tasks
from marketplace.payments.events import payment_succeeded
from marketplace.payments.models import SandboxCharge
from tests.payments.conftest import EN

ORIGIN = {"Origin": "http://localhost"}
DELIVER = "payments.deliver_sandbox_notification"


def test_pay_through_the_hosted_page_and_the_signed_notification(client, app, pay, look, succeeded):
    payment_id = pay("88.00", method="card")
    with app.app_context():
        redirect_url = services.get_payment(payment_id).redirect_url
    assert redirect_url == f"/sandbox/payments/{payment_id}"

    page = client.get(redirect_url, headers=EN)
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "Pay CN¥88.00" in html and 'name="payer_name"' in html
    assert "card number" not in html.lower() and "cvv" not in html.lower()
    assert look(payment_id)["status"] == "created"

    answer = client.post(f"{redirect_url}/complete", json={"payer_name": "  张三 "})
    assert answer.status_code == 202
    assert answer.get_json()["outcome"] == "succeeded"

    state = look(payment_id)
    assert state["status"] == "succeeded" and state["payer_name"] == "张三"
    assert state["reference"] == answer.get_json()["reference"] and state["paid_at"] is not None
    assert state["notifications"] == 1
    assert succeeded == [(payment_id, "succeeded")]
    with app.app_context():
        job = db.session.scalar(select(JobRecord).where(JobRecord.task == DELIVER))
        assert (job.status, job.result) == ("finished", {"delivered": True, "status": 200})
    assert "Paid by 张三" in client.get(redirect_url, headers=EN).get_data(as_text=True)


def test_the_page_form_posts_from_this_site_and_comes_back(client, pay, look):
    payment_id = pay(return_url="/checkout/done")
    path = f"/sandbox/payments/{payment_id}/complete"
    assert client.post(path, data={"payer_name": "李四"}).status_code == 400  # not from this site
    assert look(payment_id)["status"] == "created"
    answer = client.post(path, data={"payer_name": "李四"}, headers=ORIGIN)
    assert (answer.status_code, answer.headers["Location"]) == (303, "/checkout/done")
    assert look(payment_id)["payer_name"] == "李四"


def test_the_page_asks_again_for_a_missing_name(client, pay, look):
    payment_id = pay()
    answer = client.post(f"/sandbox/payments/{payment_id}/complete", data={"payer_name": "  "},
                         headers={**ORIGIN, **EN})
    assert answer.status_code == 422
    assert 'aria-invalid="true"' in answer.get_data(as_text=True)
    assert look(payment_id)["status"] == "created"


def test_declining_fails_the_payment(client, pay, look, succeeded):
    payment_id = pay()
    answer = client.post(f"/sandbox/payments/{payment_id}/decline", json={})
    assert (answer.status_code, answer.get_json()["outcome"]) == (202, "failed")
    assert look(payment_id)["status"] == "failed"
    assert succeeded == []


def test_the_complete_endpoint_takes_only_the_payers_name(client, pay, look):
    payment_id = pay("88.00")
    answer = client.post(f"/sandbox/payments/{payment_id}/complete",
                         json={"payer_name": "张三", "amount": "1.00"})
    assert answer.status_code == 422
    assert "amount" in answer.get_json()["error"]["fields"]
    assert look(payment_id)["status"] == "created"


def test_bad_complete_requests(client, app, pay):
    payment_id = pay()
    path = f"/sandbox/payments/{payment_id}/complete"
    assert client.post(path, data="{not json", content_type="application/json").status_code == 400
    assert client.post(path, json=["张三"]).get_json()["error"]["code"] == "malformed_json"
    assert client.post(path, json={"payer_name": ""}).status_code == 422
    missing = client.post("/sandbox/payments/pay_0000/complete", json={"payer_name": "张三"})
    assert (missing.status_code, missing.get_json()["error"]["code"]) == (404, "payment_not_found")
    assert client.get("/sandbox/payments/pay_0000").status_code == 404
    with app.app_context():
        assert db.session.scalars(select(SandboxCharge)).all() == []


def test_paying_twice_is_refused(client, pay, look, succeeded):
    payment_id = pay()
    path = f"/sandbox/payments/{payment_id}/complete"
    assert client.post(path, json={"payer_name": "张三"}).status_code == 202
    again = client.post(path, json={"payer_name": "李四"}, headers=EN)
    assert (again.status_code, again.get_json()["error"]["code"]) == (409, "payment_already_confirmed")
    assert again.get_json()["error"]["message"] == "This payment has already been confirmed."
    assert look(payment_id)["payer_name"] == "张三"
    assert len(succeeded) == 1


def test_a_notification_whose_receiver_fails_is_rolled_back_and_sent_again(client, app, pay, look):
    """The job treats anything but 200 as a failed delivery; the retry sends the same event."""
    payment_id, seen = pay(), []

    def checkout_fails_once(payment, **details):
        seen.append(payment.status)
        if len(seen) == 1:
            raise RuntimeError("the orders could not be marked paid")

    payment_succeeded.connect(checkout_fails_once)
    try:
        client.post(f"/sandbox/payments/{payment_id}/complete", json={"payer_name": "张三"})
        assert (look(payment_id)["status"], look(payment_id)["notifications"]) == ("created", 0)
        with app.app_context():
            job = db.session.scalar(select(JobRecord).where(JobRecord.task == DELIVER))
            assert job.status == "queued" and "answered with 500" in job.error
            assert runner.execute(job.id, inline=True) == "finished"
    finally:
        payment_succeeded.disconnect(checkout_fails_once)
    assert (look(payment_id)["status"], look(payment_id)["notifications"]) == ("succeeded", 1)
    assert seen == ["succeeded", "succeeded"]


def test_the_payers_name_is_shown_as_text(client, pay):
    payment_id = pay()
    client.post(f"/sandbox/payments/{payment_id}/complete", json={"payer_name": "<b>张三</b>"})
    html = client.get(f"/sandbox/payments/{payment_id}").get_data(as_text=True)
    assert "&lt;b&gt;张三&lt;/b&gt;" in html and "<b>张三</b>" not in html


def test_a_lost_notification_is_made_good_by_asking_the_provider(client, app, pay, look, succeeded,
                                                                 monkeypatch):
    """The sandbox's notification never arrives; asking the sandbox how the payment stands
    applies the same success, once, through the same checks."""
    payment_id = pay()
    monkeypatch.setattr(tasks, "_post", lambda path, headers, body: 200)  # the notification is lost
    client.post(f"/sandbox/payments/{payment_id}/complete", json={"payer_name": "张三"})
    assert look(payment_id)["status"] == "created"
    with app.app_context():
        assert services.refresh_payment(services.get_payment(payment_id), utcnow()).outcome == "applied"
        assert services.refresh_payment(services.get_payment(payment_id), utcnow()).outcome == "duplicate"
        db.session.commit()
    assert (look(payment_id)["status"], look(payment_id)["payer_name"]) == ("succeeded", "张三")
    assert succeeded == [(payment_id, "succeeded")]
