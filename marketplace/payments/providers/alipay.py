"""Alipay (支付宝) through python-alipay-sdk: computer-website payment (``alipay.trade.page.pay``),
RSA2 signatures (SHA256withRSA) both ways.

An asynchronous notification is a form post signed with Alipay's private key: every parameter
but ``sign`` and ``sign_type``, sorted by name, joined as ``k=v`` with ``&``. We verify it with
Alipay's public key (``alipay.verify``), then check it is for our app; the amount is checked
against the payment by ``payments.services``. Building the client reads the keys only; the
network is used by ``query`` and ``refund`` alone.
"""
from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal, InvalidOperation
from urllib.parse import parse_qsl
from zoneinfo import ZoneInfo

from alipay import AliPay
from alipay.exceptions import AliPayException, AliPayValidationError
from flask_babel import lazy_gettext as _l

from marketplace.core.clock import utcnow
from marketplace.money.money import round_half_up
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
    Notification,
    PaymentProvider,
    ProviderStatus,
    RefundResult,
)

NAME = "alipay"
GATEWAY = "https://openapi.alipay.com/gateway.do"
BEIJING = ZoneInfo("Asia/Shanghai")  # Alipay reads its ``timestamp`` parameter as Beijing time
TRADE_KINDS = {"TRADE_SUCCESS": PAYMENT_SUCCEEDED, "TRADE_FINISHED": PAYMENT_SUCCEEDED,
               "TRADE_CLOSED": PAYMENT_FAILED}
REQUIRED = ("notify_id", "out_trade_no", "trade_no", "trade_status", "total_amount")
SUCCESS_CODE, UNAVAILABLE_CODE = "10000", "20000"


def key_material(text: str) -> str | bytes:
    """Alipay's console hands keys out as bare base64; PEM is accepted as it is."""
    return text if "-----BEGIN" in text else base64.b64decode("".join(text.split()))


def _timestamp(now: datetime) -> str:
    return now.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")


def _form(body: bytes) -> dict[str, str]:
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=True)
    except (UnicodeDecodeError, ValueError):
        raise MalformedNotification(str(_l("The notification cannot be read."))) from None
    data = dict(pairs)
    if len(data) != len(pairs):  # a parameter given twice: which one was signed?
        raise MalformedNotification(str(_l("The notification cannot be read.")))
    return data


def _notification(data: dict[str, str]) -> Notification:
    if not all(data.get(name) for name in REQUIRED):
        raise MalformedNotification(str(_l("The notification cannot be read.")))
    try:
        amount = Decimal(data["total_amount"])
    except InvalidOperation:
        raise MalformedNotification(str(_l("The notification cannot be read."))) from None
    return Notification(event_id=data["notify_id"], kind=TRADE_KINDS.get(data["trade_status"], OTHER),
                        payment_id=data["out_trade_no"], amount=amount,
                        currency=data.get("trans_currency") or "CNY", provider_reference=data["trade_no"])


class AlipayProvider(PaymentProvider):
    name = NAME

    def __init__(self, *, app_id: str, private_key: str, alipay_public_key: str, notify_url: str | None):
        self.app_id, self.notify_url = app_id, notify_url
        self.client = AliPay(appid=app_id, app_notify_url=notify_url, sign_type="RSA2",
                             app_private_key_string=key_material(private_key),
                             alipay_public_key_string=key_material(alipay_public_key))

    def create(self, payment, return_url: str | None = None) -> str:
        biz_content = {"subject": payment.description, "out_trade_no": payment.public_id,
                       "total_amount": str(round_half_up(payment.amount, payment.currency)),
                       "product_code": "FAST_INSTANT_TRADE_PAY"}
        query = self.client.client_api("alipay.trade.page.pay", biz_content, return_url=return_url,
                                       notify_url=self.notify_url, timestamp=_timestamp(payment.created_at))
        return f"{GATEWAY}?{query}"

    def verify_notification(self, headers: Mapping[str, str], body: bytes, now: datetime) -> Notification:
        data = _form(body)
        signature = data.pop("sign", "")
        if not signature or data.get("sign_type", "RSA2") != "RSA2" or not self._verified(data, signature):
            raise BadSignature(str(_l("The notification's signature does not match.")))
        if data.get("app_id") != self.app_id:
            raise BadSignature(str(_l("The notification is for another merchant.")))
        return _notification(data)

    def _verified(self, data: dict[str, str], signature: str) -> bool:
        try:
            return self.client.verify(dict(data), signature)  # ``verify`` removes sign_type itself
        except (AliPayException, binascii.Error, ValueError, TypeError):
            return False

    def query(self, payment) -> ProviderStatus:
        response = self._call("alipay.trade.query", {"out_trade_no": payment.public_id})
        if response.get("code") != SUCCESS_CODE:
            return ProviderStatus(OTHER)  # ACQ.TRADE_NOT_EXIST: the payer has not started paying
        return ProviderStatus(TRADE_KINDS.get(response.get("trade_status"), OTHER),
                              Decimal(response["total_amount"]), "CNY", response.get("trade_no"))

    def refund(self, payment, amount: Decimal, reason: str, *, refund_id: str) -> RefundResult:
        response = self._call("alipay.trade.refund", {
            "out_trade_no": payment.public_id, "refund_amount": str(round_half_up(amount, payment.currency)),
            "out_request_no": refund_id, "refund_reason": reason[:256]})
        if response.get("code") == SUCCESS_CODE:
            return RefundResult("succeeded", response.get("trade_no"))
        return RefundResult("failed")

    def _call(self, method: str, biz_content: dict) -> dict:
        try:
            response = self.client.server_api(method, biz_content, timestamp=_timestamp(utcnow()))
        except (AliPayValidationError, AliPayException) as error:  # unsigned, or signed by someone else
            raise ProviderRefused(str(_l("The payment provider refused the request."))) from error
        except OSError as error:  # unreachable, timed out, TLS
            raise ProviderUnavailable(str(_l("The payment provider cannot be reached."))) from error
        if response.get("code") == UNAVAILABLE_CODE or response.get("sub_code") == "ACQ.SYSTEM_ERROR":
            raise ProviderUnavailable(str(_l("The payment provider cannot be reached.")))
        return response
