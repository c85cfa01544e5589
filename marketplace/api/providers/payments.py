"""``POST /api/v1/payments/{provider}/notify``: every provider's notifications, verified by one
service; each provider is answered the way its protocol expects."""
from __future__ import annotations

from flask import Response, jsonify, request

from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError
from marketplace.extensions import db
from marketplace.payments import providers
from marketplace.payments import services as payments
from marketplace.web import json_errors
from marketplace.web.access import PUBLIC

TAG = "Providers"


def _error(error: DomainError) -> Response:
    response, status = json_errors.domain_response(error)
    response.status_code = status
    return response


def _sandbox_accepted(receipt: payments.Receipt) -> Response:
    return jsonify({"received": True, "outcome": receipt.outcome, "payment_id": receipt.payment.public_id,
                    "status": receipt.payment.status})


def _alipay_accepted(receipt: payments.Receipt) -> Response:
    return Response("success", mimetype="text/plain")  # anything else and Alipay sends it again


def _wechatpay_accepted(receipt: payments.Receipt) -> Response:
    return jsonify({"code": "SUCCESS", "message": "成功"})


def _wechatpay_refused(error: DomainError) -> Response:
    """WeChat Pay reads ``code``/``message`` (and retries on any 4xx/5xx); we add our error."""
    response = _error(error)
    response.set_data(jsonify({"code": "FAIL", "message": error.message, **response.get_json()}).get_data())
    return response


ANSWERS = {
    "sandbox": (_sandbox_accepted, _error),
    "alipay": (_alipay_accepted, _error),
    "wechatpay": (_wechatpay_accepted, _wechatpay_refused),
}


@endpoint("/payments/<provider>/notify", "POST", access=PUBLIC, errors=(404,), tag=TAG,
          summary="A payment provider's notification (sandbox, alipay, wechatpay), verified by its "
                  "signature and answered as that provider expects; 400 changes nothing")
def notify(provider):
    gateway = providers.by_name(provider)
    accepted, refused = ANSWERS[gateway.name]
    try:
        receipt = payments.receive_notification(gateway, request.headers, request.get_data(), utcnow())
    except DomainError as error:
        db.session.rollback()
        return refused(error)
    return accepted(receipt)
