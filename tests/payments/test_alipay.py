"""Alipay, offline: the page-pay link we sign, and asynchronous notifications signed with RSA2
exactly as Alipay signs them (sorted ``k=v`` pairs without ``sign``/``sign_type``, SHA256withRSA)
with keys made for the test."""
from __future__ import annotations

import base64
import json
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit
from zoneinfo import ZoneInfo

import pytest
from alipay import AliPay
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.payments import providers, services
from marketplace.payments.errors import ProviderUnavailable
from marketplace.payments.providers.alipay import GATEWAY
from tests.payments.conftest import rsa_keys

APP_ID = "2021000000000001"
BEIJING = ZoneInfo("Asia/Shanghai")
NOTIFY = "/api/v1/payments/alipay/notify"


@pytest.fixture
def alipay(app, keys, monkeypatch):
    settings = {"ALIPAY_APP_ID": APP_ID, "ALIPAY_PRIVATE_KEY": keys["alipay_app"][1],
                "ALIPAY_PUBLIC_KEY": keys["alipay"][2], "PAYMENTS_BASE_URL": "https://haigou.example"}
    for name, value in settings.items():
        monkeypatch.setitem(app.config, name, value)
    return keys


def unsigned_string(params: dict, leave_out=("sign", "sign_type")) -> str:
    """What is signed: a notification leaves out ``sign`` and ``sign_type``, a request ``sign`` alone."""
    return "&".join(f"{key}={value}" for key, value in sorted(params.items()) if key not in leave_out)


def alipay_signs(key, params: dict) -> dict:
    signature = key.sign(unsigned_string(params).encode(), padding.PKCS1v15(), hashes.SHA256())
    return {**params, "sign": base64.b64encode(signature).decode()}


def trade(payment_id: str, status: str = "TRADE_SUCCESS", amount: str = "88.00", **changes) -> dict:
    """The parameters of a ``trade_status_sync`` notification, as Alipay documents them."""
    return {"gmt_create": "2026-03-01 10:00:00", "charset": "utf-8", "seller_email": "pay@haigou.example",
            "subject": "Haigou", "buyer_id": "2088102122524333", "invoice_amount": amount,
            "notify_id": "2026030100222100000000000000000001", "notify_type": "trade_status_sync",
            "fund_bill_list": json.dumps([{"amount": amount, "fundChannel": "ALIPAYACCOUNT"}]),
            "trade_status": status, "receipt_amount": amount, "app_id": APP_ID, "buyer_pay_amount": amount,
            "sign_type": "RSA2", "seller_id": "2088102119685838", "gmt_payment": "2026-03-01 10:00:05",
            "notify_time": "2026-03-01 10:00:06", "version": "1.0", "out_trade_no": payment_id,
            "total_amount": amount, "trade_no": "2026030122001404400500000001", "auth_app_id": APP_ID,
            "buyer_logon_id": "zha***@example.com", "point_amount": "0.00", **changes}


def notify(client, params: dict, **headers):
    return client.post(NOTIFY, data=urlencode(params), content_type="application/x-www-form-urlencoded",
                       headers=headers)


def test_the_payment_link_is_signed_with_our_key_for_alipay_to_verify(app, alipay, pay):
    payment_id = pay("88.00", method="alipay", return_url="https://haigou.example/checkout/1")
    with app.app_context():
        payment = services.get_payment(payment_id)
        assert payment.provider == "alipay"
        link, created_at = urlsplit(payment.redirect_url), payment.created_at
    assert f"{link.scheme}://{link.netloc}{link.path}" == GATEWAY
    params = dict(parse_qsl(link.query))
    public_key = serialization.load_pem_public_key(alipay["alipay_app"][2].encode())
    signature = base64.b64decode(params["sign"])
    public_key.verify(signature, unsigned_string(params, ("sign",)).encode(), padding.PKCS1v15(),
                      hashes.SHA256())
    biz = json.loads(params["biz_content"])
    assert (biz["out_trade_no"], biz["total_amount"], biz["product_code"]) == (payment_id, "88.00",
                                                                             "FAST_INSTANT_TRADE_PAY")
    assert params["notify_url"] == "https://haigou.example/api/v1/payments/alipay/notify"
    assert params["return_url"] == "https://haigou.example/checkout/1"
    assert params["timestamp"] == created_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")
    assert (params["app_id"], params["method"], params["sign_type"]) == \
        (APP_ID, "alipay.trade.page.pay", "RSA2")
    cheaper = {**params, "biz_content": params["biz_content"].replace("88.00", "1.00")}
    with pytest.raises(InvalidSignature):  # the signature covers the amount
        public_key.verify(signature, unsigned_string(cheaper, ("sign",)).encode(), padding.PKCS1v15(),
                          hashes.SHA256())


def test_a_notification_signed_by_alipay_is_answered_success_once(client, alipay, pay, look, succeeded):
    payment_id = pay("88.00", method="alipay")
    signed = alipay_signs(alipay["alipay"][0], trade(payment_id))
    answer = notify(client, signed)
    assert (answer.status_code, answer.mimetype) == (200, "text/plain")
    assert answer.get_data(as_text=True) == "success"
    state = look(payment_id)
    assert (state["status"], state["reference"]) == ("succeeded", "2026030122001404400500000001")
    assert notify(client, signed).get_data(as_text=True) == "success"  # Alipay's retry
    assert look(payment_id)["notifications"] == 1
    assert succeeded == [(payment_id, "succeeded")]


def test_the_library_agrees_with_how_the_test_signs(alipay):
    client = AliPay(appid=APP_ID, app_private_key_string=alipay["alipay_app"][1],
                    alipay_public_key_string=alipay["alipay"][2], sign_type="RSA2")
    signed = alipay_signs(alipay["alipay"][0], trade("pay_x"))
    signature = signed.pop("sign")
    assert client.verify(signed, signature) is True


@pytest.mark.parametrize("tamper", [
    lambda params, key: {**alipay_signs(key, params), "total_amount": "1.00"},
    lambda params, key: {**alipay_signs(key, params), "out_trade_no": "pay_other"},
    lambda params, key: alipay_signs(rsa_keys()[0], params),
    lambda params, key: {**alipay_signs(key, params), "sign": "not base64!"},
    lambda params, key: params,
    lambda params, key: alipay_signs(key, {**params, "app_id": "2021000000000999"}),
    lambda params, key: {**alipay_signs(key, params), "sign_type": "RSA"},
], ids=["amount changed", "payment changed", "someone else's key", "garbage signature", "unsigned",
        "another app", "weaker scheme"])
def test_a_notification_not_signed_by_alipay_for_us_is_refused(client, alipay, pay, look, succeeded, tamper):
    payment_id = pay("88.00", method="alipay")
    answer = notify(client, tamper(trade(payment_id), alipay["alipay"][0]), **{"Accept-Language": "en"})
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "invalid_signature")
    assert look(payment_id)["status"] == "created" and look(payment_id)["notifications"] == 0
    assert succeeded == []


def test_a_signed_notification_for_another_amount_is_refused(client, alipay, pay, look):
    payment_id = pay("88.00", method="alipay")
    answer = notify(client, alipay_signs(alipay["alipay"][0], trade(payment_id, amount="8.80")))
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "amount_mismatch")
    assert look(payment_id)["status"] == "created"


@pytest.mark.parametrize("body", [b"garbage", b"a=1&a=2", "total_amount=\u00e9".encode("latin-1")])
def test_a_body_that_is_not_a_form_is_refused(client, alipay, body):
    answer = client.post(NOTIFY, data=body, content_type="application/x-www-form-urlencoded")
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "malformed_notification")


def test_a_signed_notification_missing_fields_is_refused(client, alipay, pay):
    payment_id = pay("88.00", method="alipay")
    params = {key: value for key, value in trade(payment_id).items() if key != "trade_no"}
    answer = notify(client, alipay_signs(alipay["alipay"][0], params))
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "malformed_notification")


def test_waiting_and_closed_trades_do_not_undo_a_payment(client, alipay, pay, look):
    payment_id = pay("88.00", method="alipay")
    key = alipay["alipay"][0]
    waiting = notify(client, alipay_signs(key, trade(payment_id, "WAIT_BUYER_PAY", notify_id="n1")))
    assert waiting.get_data(as_text=True) == "success" and look(payment_id)["status"] == "created"
    notify(client, alipay_signs(key, trade(payment_id, notify_id="n2")))
    notify(client, alipay_signs(key, trade(payment_id, "TRADE_CLOSED", notify_id="n3")))
    assert look(payment_id)["status"] == "succeeded"


def test_a_refund_is_asked_with_our_refund_id_as_the_request_number(app, client, alipay, pay, look,
                                                                   monkeypatch, refunded):
    payment_id = pay("88.00", method="alipay")
    notify(client, alipay_signs(alipay["alipay"][0], trade(payment_id)))
    asked = []

    def alipay_answers(self, method, biz_content=None, **kwargs):
        asked.append((method, biz_content))
        return {"code": "10000", "msg": "Success", "fund_change": "Y",
                "trade_no": "2026030122001404400500000001"}

    monkeypatch.setattr(AliPay, "server_api", alipay_answers)
    with app.app_context():
        refund = services.refund(services.get_payment(payment_id), Decimal("30.00"), "sold out", utcnow())
        db.session.commit()
        refund_id = refund.public_id
    assert asked == [("alipay.trade.refund", {"out_trade_no": payment_id, "refund_amount": "30.00",
                                              "out_request_no": refund_id, "refund_reason": "sold out"})]
    assert look(payment_id)["status"] == "partially_refunded"
    assert refunded == [(payment_id, "partially_refunded", Decimal("30.00"))]


def test_alipay_out_of_reach_is_a_temporary_failure(app, alipay, pay):
    payment_id = pay("88.00", method="alipay")
    with app.app_context(), pytest.raises(ProviderUnavailable) as unreachable:
        providers.by_name("alipay").query(services.get_payment(payment_id))
    assert unreachable.value.status == 502


def test_with_alipay_configured_the_other_methods_stay_on_the_sandbox(app, alipay):
    with app.app_context():
        assert [providers.provider_name_for(method) for method in ("card", "alipay", "wechat")] == \
            ["sandbox", "alipay", "sandbox"]
