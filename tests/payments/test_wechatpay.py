"""WeChat Pay v3, offline: notifications built as WeChat Pay builds them (the resource encrypted
with AES-256-GCM under our APIv3 key, ``timestamp\\nnonce\\nbody\\n`` signed SHA256withRSA with the
platform key, the ``Wechatpay-*`` headers), with keys made for the test."""
from __future__ import annotations

import base64
import json
import secrets
from decimal import Decimal

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from wechatpayv3 import WeChatPay, WeChatPayType

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.payments import services
from tests.payments.conftest import rsa_keys

MCHID, APPID = "1900000109", "wxd678efh567hg6787"
APIV3_KEY = "a12d3924fd499edac8a5efc4a1b2c3d4"  # 32 characters
PUBLIC_KEY_ID = "PUB_KEY_ID_0119000001092026030100000000000001"
NOTIFY = "/api/v1/payments/wechatpay/notify"
TRANSACTION_ID = "4200002026030100000000000001"
SERIAL_NO = "444F4864EA9B34415"  # our merchant certificate's


@pytest.fixture
def wechatpay(app, keys, monkeypatch):
    settings = {"WECHATPAY_MCHID": MCHID, "WECHATPAY_APPID": APPID, "WECHATPAY_CERT_SERIAL_NO": SERIAL_NO,
                "WECHATPAY_PRIVATE_KEY": keys["wechat_merchant"][1],
                "WECHATPAY_APIV3_KEY": APIV3_KEY, "WECHATPAY_PUBLIC_KEY": keys["wechat_platform"][2],
                "WECHATPAY_PUBLIC_KEY_ID": PUBLIC_KEY_ID, "PAYMENTS_BASE_URL": "https://haigou.example"}
    for name, value in settings.items():
        monkeypatch.setitem(app.config, name, value)
    calls = []

    def native_order(self, **order):  # what WeChat Pay answers to POST /v3/pay/transactions/native
        calls.append(("pay", order))
        return 200, json.dumps({"code_url": "weixin://wxpay/bizpayurl?pr=abcdefg"})

    monkeypatch.setattr(WeChatPay, "pay", native_order)
    return {"calls": calls, "platform": keys["wechat_platform"][0]}


def transaction(payment_id: str, total: int = 8800, **changes) -> dict:
    return {"mchid": MCHID, "appid": APPID, "out_trade_no": payment_id, "transaction_id": TRANSACTION_ID,
            "trade_type": "NATIVE", "trade_state": "SUCCESS", "trade_state_desc": "支付成功",
            "bank_type": "OTHERS", "attach": "", "success_time": "2026-03-01T10:00:05+08:00",
            "payer": {"openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"},
            "amount": {"total": total, "payer_total": total, "currency": "CNY", "payer_currency": "CNY"},
            **changes}


def encrypted(resource: dict, key: str = APIV3_KEY, associated_data: str = "transaction") -> dict:
    nonce = secrets.token_hex(6)  # 12 characters, as WeChat Pay sends
    plain = json.dumps(resource, ensure_ascii=False).encode()
    ciphertext = AESGCM(key.encode()).encrypt(nonce.encode(), plain, associated_data.encode())
    return {"original_type": associated_data, "algorithm": "AEAD_AES_256_GCM",
            "associated_data": associated_data, "ciphertext": base64.b64encode(ciphertext).decode(),
            "nonce": nonce}


def notification(resource: dict | None = None, *, event_type: str = "TRANSACTION.SUCCESS",
                 event_id: str = "EV-2026030110000500000001", body: dict | None = None) -> str:
    return json.dumps(body or {"id": event_id, "create_time": "2026-03-01T10:00:06+08:00",
                               "resource_type": "encrypt-resource", "event_type": event_type,
                               "summary": "支付成功", "resource": encrypted(resource)}, ensure_ascii=False)


def signed(platform_key, body: str, *, timestamp: int | None = None, serial: str = PUBLIC_KEY_ID) -> dict:
    timestamp = int(utcnow().timestamp()) if timestamp is None else timestamp
    nonce = secrets.token_hex(16)
    message = f"{timestamp}\n{nonce}\n{body}\n".encode()
    signature = platform_key.sign(message, padding.PKCS1v15(), hashes.SHA256())
    return {"Wechatpay-Timestamp": str(timestamp), "Wechatpay-Nonce": nonce, "Wechatpay-Serial": serial,
            "Wechatpay-Signature": base64.b64encode(signature).decode(),
            "Wechatpay-Signature-Type": "WECHATPAY2-SHA256-RSA2048"}


def post(client, body: str, headers: dict):
    return client.post(NOTIFY, data=body.encode(), content_type="application/json", headers=headers)


def test_a_native_payment_is_opened_for_the_amount_in_fen(app, wechatpay, pay):
    payment_id = pay("88.00", method="wechat")
    with app.app_context():
        payment = services.get_payment(payment_id)
        assert payment.provider == "wechatpay"
        assert payment.redirect_url == "weixin://wxpay/bizpayurl?pr=abcdefg"
    [(_, order)] = wechatpay["calls"]
    assert order["amount"] == {"total": 8800, "currency": "CNY"} and order["out_trade_no"] == payment_id
    assert order["notify_url"] == "https://haigou.example/api/v1/payments/wechatpay/notify"
    assert order["pay_type"] == WeChatPayType.NATIVE


def test_a_notification_signed_by_the_platform_is_answered_success_once(client, wechatpay, pay, look,
                                                                        succeeded):
    payment_id = pay("88.00", method="wechat")
    body = notification(transaction(payment_id))
    headers = signed(wechatpay["platform"], body)
    answer = post(client, body, headers)
    assert (answer.status_code, answer.get_json()["code"]) == (200, "SUCCESS")
    assert (look(payment_id)["status"], look(payment_id)["reference"]) == ("succeeded", TRANSACTION_ID)
    assert post(client, body, headers).get_json()["code"] == "SUCCESS"  # WeChat Pay's retry
    assert look(payment_id)["notifications"] == 1
    assert succeeded == [(payment_id, "succeeded")]


def test_the_library_reads_the_test_notification_the_same_way(wechatpay, keys):
    """wechatpayv3's own callback, in public-key mode (which downloads no certificate), decrypts
    what the test builds: the test's notification has the documented shape."""
    client = WeChatPay(wechatpay_type=WeChatPayType.NATIVE, mchid=MCHID, appid=APPID,
                       private_key=keys["wechat_merchant"][1], cert_serial_no=SERIAL_NO, apiv3_key=APIV3_KEY,
                       public_key=keys["wechat_platform"][2], public_key_id=PUBLIC_KEY_ID)
    body = notification(transaction("pay_x"))
    assert client.callback(signed(wechatpay["platform"], body), body)["resource"]["out_trade_no"] == "pay_x"


@pytest.mark.parametrize("forge", [
    lambda key, body: (body.replace('"summary"', '"Summary"'), signed(key, body)),
    lambda key, body: (body, signed(rsa_keys()[0], body)),
    lambda key, body: (body, signed(key, body, serial="PUB_KEY_ID_SOMEONE_ELSE")),
    lambda key, body: (body, {**signed(key, body), "Wechatpay-Signature-Type": "WECHATPAY2-SM2-WITH-SM3"}),
    lambda key, body: (body, {**signed(key, body), "Wechatpay-Signature": "%%%"}),
    lambda key, body: (body, {}),
], ids=["body changed", "someone else's key", "unknown serial", "another scheme", "garbage signature",
        "unsigned"])
def test_a_notification_not_signed_by_the_platform_is_refused(client, wechatpay, pay, look, forge):
    payment_id = pay("88.00", method="wechat")
    body, headers = forge(wechatpay["platform"], notification(transaction(payment_id)))
    answer = post(client, body, headers)
    assert answer.status_code == 400
    assert answer.get_json()["code"] == "FAIL" and answer.get_json()["error"]["code"] == "invalid_signature"
    assert look(payment_id)["status"] == "created" and look(payment_id)["notifications"] == 0


def test_a_resource_not_encrypted_with_our_key_is_refused(client, wechatpay, pay, look):
    payment_id = pay("88.00", method="wechat")
    body = notification(body={"id": "EV-1", "resource_type": "encrypt-resource",
                              "event_type": "TRANSACTION.SUCCESS",
                              "resource": encrypted(transaction(payment_id), key="b" * 32)})
    answer = post(client, body, signed(wechatpay["platform"], body))
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "invalid_signature")
    assert look(payment_id)["status"] == "created"


@pytest.mark.parametrize("seconds", [-301, 301])
def test_a_notification_outside_five_minutes_is_refused(client, wechatpay, pay, look, seconds):
    payment_id = pay("88.00", method="wechat")
    body = notification(transaction(payment_id))
    headers = signed(wechatpay["platform"], body, timestamp=int(utcnow().timestamp()) + seconds)
    answer = post(client, body, headers)
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "stale_notification")
    assert look(payment_id)["status"] == "created"


@pytest.mark.parametrize("resource", [
    lambda payment_id: transaction(payment_id, total=1),
    lambda payment_id: transaction(payment_id, amount={"total": 8800, "currency": "USD"}),
], ids=["one fen", "dollars"])
def test_a_signed_notification_for_another_amount_is_refused(client, wechatpay, pay, look, resource):
    payment_id = pay("88.00", method="wechat")
    body = notification(resource(payment_id))
    answer = post(client, body, signed(wechatpay["platform"], body))
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "amount_mismatch")
    assert look(payment_id)["status"] == "created"


def test_a_notification_for_another_merchant_is_refused(client, wechatpay, pay, look):
    payment_id = pay("88.00", method="wechat")
    body = notification(transaction(payment_id, mchid="1900000999"))
    assert post(client, body, signed(wechatpay["platform"], body)).status_code == 400
    assert look(payment_id)["status"] == "created"


@pytest.mark.parametrize("body", [
    "not json", "[]", json.dumps({"id": "EV-1", "resource_type": "plain", "resource": {}}),
    json.dumps({"id": "EV-1", "resource_type": "encrypt-resource",
                "resource": {"algorithm": "AEAD_AES_256_GCM", "nonce": "n", "ciphertext": "***"}}),
], ids=["text", "list", "not encrypted", "ciphertext not base64"])
def test_a_signed_but_malformed_notification_is_refused(client, wechatpay, body):
    answer = post(client, body, signed(wechatpay["platform"], body))
    assert (answer.status_code, answer.get_json()["error"]["code"]) == (400, "malformed_notification")


def test_a_refund_in_progress_is_settled_by_the_refund_notification(app, client, wechatpay, pay, look,
                                                                   refunded, monkeypatch):
    payment_id = pay("88.00", method="wechat")
    body = notification(transaction(payment_id))
    post(client, body, signed(wechatpay["platform"], body))
    asked = []

    def refund_processing(self, **request):
        asked.append(request)
        return 200, json.dumps({"refund_id": "50302026030100000000000001", "status": "PROCESSING"})

    monkeypatch.setattr(WeChatPay, "refund", refund_processing)
    with app.app_context():
        refund = services.refund(services.get_payment(payment_id), Decimal("30.00"), "sold out", utcnow())
        db.session.commit()
        refund_id = refund.public_id
    assert asked[0]["out_refund_no"] == refund_id
    assert asked[0]["amount"] == {"refund": 3000, "total": 8800, "currency": "CNY"}
    assert look(payment_id)["refunds"] == [(Decimal("30.00"), "pending")] and refunded == []

    done = {"mchid": MCHID, "out_trade_no": payment_id, "transaction_id": TRANSACTION_ID,
            "out_refund_no": refund_id, "refund_id": "50302026030100000000000001", "refund_status": "SUCCESS",
            "success_time": "2026-03-01T11:00:00+08:00", "user_received_account": "招商银行信用卡0403",
            "amount": {"total": 8800, "refund": 3000, "payer_total": 8800, "payer_refund": 3000}}
    body = notification(done, event_type="REFUND.SUCCESS", event_id="EV-2026030111000000000002")
    assert post(client, body, signed(wechatpay["platform"], body)).get_json()["code"] == "SUCCESS"
    assert look(payment_id)["refunds"] == [(Decimal("30.00"), "succeeded")]
    assert look(payment_id)["status"] == "partially_refunded"
    assert refunded == [(payment_id, "partially_refunded", Decimal("30.00"))]
