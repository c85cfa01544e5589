"""Payment jobs: the sandbox's notification to us, and refunds sent to the providers."""
from __future__ import annotations

from flask import current_app
from werkzeug.test import Client

from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.jobs.errors import TransientError
from marketplace.jobs.registry import task
from marketplace.jobs.runner import isolated
from marketplace.payments import services
from marketplace.payments.models import SandboxCharge
from marketplace.payments.providers import sandbox


@task(sandbox.DELIVER_TASK, queue="high", retries=5)
def deliver_sandbox_notification(context, charge_id: int) -> dict:
    """Post the sandbox's signed notification to our notify endpoint, as the provider's server
    would; an answer other than 200 is tried again later, the same event each time."""
    charge = db.session.get(SandboxCharge, charge_id)
    if charge is None:
        return {"delivered": False}
    secret = current_app.config["SANDBOX_PAYMENT_SECRET"]
    headers, body = sandbox.signed_notification(secret, charge, utcnow())
    db.session.commit()  # end this read: the endpoint writes on its own connection (SQLite would wait)
    status = isolated(current_app._get_current_object(), _post, sandbox.NOTIFY_PATH, headers, body)
    if status != 200:
        raise TransientError(f"the sandbox notification was answered with {status}")
    return {"delivered": True, "status": status}


def _post(path: str, headers: dict, body: bytes) -> int:
    """Through the whole WSGI stack, in its own request and transaction, like a request from
    outside (there is no other server to send it from)."""
    return Client(current_app._get_current_object()).post(path, data=body, headers=headers).status_code


@task(services.REFUND_TASK, retries=5)
def send_refund(context, refund_id: int) -> dict:
    refund = services.send_refund(refund_id, utcnow())
    return {"refund": refund.public_id, "status": refund.status} if refund else {"refund": None}
