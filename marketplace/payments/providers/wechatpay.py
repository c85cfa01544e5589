"""WeChat Pay API v3 (微信支付) through wechatpayv3: Native payment (a QR code link).

A notification is JSON whose ``resource`` is encrypted with AES-256-GCM under our APIv3 key,
signed by WeChat Pay with SHA256withRSA over ``timestamp\\nnonce\\nbody\\n``, sent in the
``Wechatpay-Timestamp``, ``-Nonce``, ``-Signature`` and ``-Serial`` headers. We verify with the
platform public key (``WECHATPAY_PUBLIC_KEY``, id ``WECHATPAY_PUBLIC_KEY_ID``) using the library's
offline primitives, refuse a serial that is not that key's (the library would go and download
certificates to look for it), refuse a timestamp more than five minutes off, then decrypt. The
client used for the API calls is built in public-key mode, which downloads nothing.
"""
from __future__ import annotations

import binascii
import json
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from functools import cached_property

from flask_babel import lazy_gettext as _l
from wechatpayv3 import WeChatPay, WeChatPayType
from wechatpayv3.utils import aes_decrypt, load_public_key, rsa_verify

from marketplace.payments.errors import (
    BadSignature,
    MalformedNotification,
    ProviderRefused,
    ProviderUnavailable,
)
from marketplace.payments.providers.base import (
    OTHER,
    PAYMENT_FAILED,
    PAYMENT_SUCCEEDED,
    REFUND_FAILED,
    REFUND_SUCCEEDED,
    Notification,
    PaymentProvider,
    ProviderStatus,
    RefundResult,
    check_fresh,
    fen,
    header,
)

NAME = "wechatpay"
SIGNATURE_TYPE = "WECHATPAY2-SHA256-RSA2048"
TRADE_KINDS = {"SUCCESS": PAYMENT_SUCCEEDED, "REFUND": PAYMENT_SUCCEEDED, "CLOSED": PAYMENT_FAILED,
               "PAYERROR": PAYMENT_FAILED, "REVOKED": PAYMENT_FAILED}
REFUND_RESULTS = {"SUCCESS": "succeeded", "PROCESSING": "pending", "ABNORMAL": "failed", "CLOSED": "failed"}


def _unreadable() -> MalformedNotification:
    return MalformedNotification(str(_l("The notification cannot be read.")))


def yuan(value) -> Decimal:
    """WeChat Pay counts in fen, as integers."""
    if not isinstance(value, int) or isinstance(value, bool):
        raise _unreadable()
    return Decimal(value).scaleb(-2)


class WechatPayProvider(PaymentProvider):
    name = NAME

    def __init__(self, *, mchid: str, appid: str, private_key: str, cert_serial_no: str, apiv3_key: str,
                 public_key: str, public_key_id: str, notify_url: str | None):
        self.mchid, self.apiv3_key, self.notify_url = mchid, apiv3_key, notify_url
        self.public_key_id, self.public_key = public_key_id, load_public_key(public_key)
        self._client_settings = {"wechatpay_type": WeChatPayType.NATIVE, "mchid": mchid, "appid": appid,
                                 "private_key": private_key, "cert_serial_no": cert_serial_no,
                                 "apiv3_key": apiv3_key, "notify_url": notify_url, "public_key": public_key,
                                 "public_key_id": public_key_id, "timeout": (5, 20)}

    @cached_property
    def client(self) -> WeChatPay:
        return WeChatPay(**self._client_settings)

    # Notifications

    def verify_notification(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Notification:
        text = self._signed_text(headers, body, now)
        try:
            event = json.loads(text)
        except ValueError:
            raise _unreadable() from None
        if not isinstance(event, dict) or not isinstance(event.get("id"), str):
            raise _unreadable()
        return self._notification(event, self._decrypt(event))

    def _signed_text(self, headers: Mapping[str, str], body: bytes, now: datetime) -> str:
        timestamp = header(headers, "Wechatpay-Timestamp")
        if header(headers, "Wechatpay-Serial") != self.public_key_id or not timestamp.isdigit() \
                or header(headers, "Wechatpay-Signature-Type") not in ("", SIGNATURE_TYPE):
            raise BadSignature(str(_l("The notification is not signed with the platform key we trust.")))
        check_fresh(int(timestamp), now)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            raise _unreadable() from None
        if not rsa_verify(timestamp, header(headers, "Wechatpay-Nonce"), text,
                          header(headers, "Wechatpay-Signature"), self.public_key):
            raise BadSignature(str(_l("The notification's signature does not match.")))
        return text

    def _decrypt(self, event: dict) -> dict:
        resource = event.get("resource")
        if event.get("resource_type") != "encrypt-resource" or not isinstance(resource, dict) \
                or resource.get("algorithm") != "AEAD_AES_256_GCM":
            raise _unreadable()
        try:
            plain = aes_decrypt(nonce=resource["nonce"], ciphertext=resource["ciphertext"],
                                associated_data=resource.get("associated_data") or "",
                                apiv3_key=self.apiv3_key)
        except (KeyError, TypeError, ValueError, binascii.Error):
            raise _unreadable() from None
        if plain is None:  # the GCM tag does not match: altered, or not encrypted with our key
            raise BadSignature(str(_l("The notification's signature does not match.")))
        try:
            decrypted = json.loads(plain)
        except ValueError:
            raise _unreadable() from None
        if not isinstance(decrypted, dict):
            raise _unreadable()
        return decrypted

    def _notification(self, event: dict, resource: dict) -> Notification:
        if resource.get("mchid") != self.mchid:
            raise BadSignature(str(_l("The notification is for another merchant.")))
        event_type = event.get("event_type")
        try:
            if event_type == "TRANSACTION.SUCCESS":
                return self._transaction(event["id"], resource)
            if isinstance(event_type, str) and event_type.startswith("REFUND."):
                return self._refund(event["id"], resource)
        except (KeyError, TypeError):
            raise _unreadable() from None
        return Notification(event_id=event["id"], kind=OTHER, payment_id=str(resource.get("out_trade_no")))

    @staticmethod
    def _transaction(event_id: str, resource: dict) -> Notification:
        amount = resource["amount"]
        kind = TRADE_KINDS.get(resource["trade_state"], OTHER)
        return Notification(event_id=event_id, kind=kind, payment_id=resource["out_trade_no"],
                            amount=yuan(amount["total"]), currency=amount.get("currency", "CNY"),
                            provider_reference=resource["transaction_id"])

    @staticmethod
    def _refund(event_id: str, resource: dict) -> Notification:
        kind = REFUND_SUCCEEDED if resource["refund_status"] == "SUCCESS" else REFUND_FAILED
        return Notification(event_id=event_id, kind=kind, payment_id=resource["out_trade_no"],
                            amount=yuan(resource["amount"]["refund"]), currency="CNY",
                            provider_reference=resource["refund_id"], refund_id=resource["out_refund_no"])

    # API calls

    def create(self, payment, return_url: str | None = None) -> str:
        code, answer = self._request(lambda: self.client.pay(
            description=payment.description, out_trade_no=payment.public_id, notify_url=self.notify_url,
            amount={"total": fen(payment.amount), "currency": payment.currency},
            pay_type=WeChatPayType.NATIVE))
        if code != 200 or "code_url" not in answer:
            raise ProviderRefused(str(_l("The payment provider refused the request.")))
        return answer["code_url"]

    def query(self, payment) -> ProviderStatus:
        code, answer = self._request(lambda: self.client.query(out_trade_no=payment.public_id))
        if code != 200:
            return ProviderStatus(OTHER)  # ORDER_NOT_EXIST
        amount = answer.get("amount") or {}
        return ProviderStatus(TRADE_KINDS.get(answer.get("trade_state"), OTHER),
                              yuan(amount["total"]) if "total" in amount else None,
                              amount.get("currency", "CNY"), answer.get("transaction_id"))

    def refund(self, payment, amount: Decimal, reason: str, *, refund_id: str) -> RefundResult:
        code, answer = self._request(lambda: self.client.refund(
            out_refund_no=refund_id, out_trade_no=payment.public_id, reason=reason[:80],
            notify_url=self.notify_url,
            amount={"refund": fen(amount), "total": fen(payment.amount), "currency": payment.currency}))
        if code != 200:
            return RefundResult("failed")
        return RefundResult(REFUND_RESULTS.get(answer.get("status"), "pending"), answer.get("refund_id"))

    @staticmethod
    def _request(call) -> tuple[int, dict]:
        try:
            code, message = call()
        except OSError as error:  # requests' errors are OSErrors: unreachable, timed out, TLS
            raise ProviderUnavailable(str(_l("The payment provider cannot be reached."))) from error
        except Exception as error:  # the library raises a bare Exception for an unsigned answer
            raise ProviderRefused(str(_l("The payment provider refused the request."))) from error
        if code >= 500 or code == 429:
            raise ProviderUnavailable(str(_l("The payment provider cannot be reached.")))
        try:
            answer = json.loads(message) if message else {}
        except (TypeError, ValueError):
            answer = {}
        return code, answer if isinstance(answer, dict) else {}
