"""Customs filings: a paid order's messages queued, filed through the gateway by a job, and
read back for staff on the order.

``queue_filing`` stores the message with its ID numbers encrypted and enqueues ``customs.file``
with the filing's id only, so the clear number never reaches the jobs table, a log line or a
file name; it is decrypted just before the gateway is called. Filing is idempotent: a filing
that is no longer pending is never filed again, and there is one filing per order and kind.
"""
from __future__ import annotations

import logging
from datetime import datetime
from functools import lru_cache

from flask import current_app
from sqlalchemy import select

from marketplace.audit import services as audit
from marketplace.core.crypto import DataCipher
from marketplace.core.errors import DomainError
from marketplace.customs.declarations import KINDS, SENSITIVE_FIELDS, check_message
from marketplace.customs.errors import DeclarationInvalid, GatewayUnavailable
from marketplace.customs.gateway import REJECTED, Receipt, gateway_for
from marketplace.customs.models import CustomsFiling
from marketplace.extensions import db
from marketplace.jobs import services as jobs

PENDING, FILED, FAILED = "pending", "filed", "failed"
FILE_TASK = "customs.file"

log = logging.getLogger(__name__)


@lru_cache(maxsize=4)
def _cipher(keys: str) -> DataCipher:
    return DataCipher(keys)


def data_cipher() -> DataCipher:
    """The cipher of the app's ``DATA_ENCRYPTION_KEY``, as the orderers' identities use it."""
    return _cipher(current_app.config["DATA_ENCRYPTION_KEY"])


def seal(message: dict) -> dict:
    """The message with its ID numbers encrypted."""
    cipher = data_cipher()
    return {name: cipher.encrypt(value) if name in SENSITIVE_FIELDS and value else value
            for name, value in message.items()}


def unseal(message: dict) -> dict:
    cipher = data_cipher()
    return {name: cipher.decrypt(value) if name in SENSITIVE_FIELDS and value else value
            for name, value in message.items()}


def filing_of(order_id: int, kind: str) -> CustomsFiling | None:
    return db.session.scalar(select(CustomsFiling).where(CustomsFiling.order_id == order_id,
                                                         CustomsFiling.kind == kind))


def queue_filing(order_id: int, shop_id: int, kind: str, message: dict, now: datetime) -> CustomsFiling:
    """Write the filing and enqueue its job (sent after the caller commits); the order's
    existing filing of this kind if there is one, so a repeated call files nothing new."""
    if kind not in KINDS:
        raise ValueError(f"unknown customs message kind {kind!r}")
    filing = filing_of(order_id, kind)
    if filing is not None:
        return filing
    filing = CustomsFiling(order_id=order_id, shop_id=shop_id, kind=kind, status=PENDING,
                           message=seal(message), created_at=now)
    db.session.add(filing)
    db.session.flush()
    jobs.enqueue(FILE_TASK, filing.id)
    return filing


def record_refusal(order_id: int, shop_id: int, kind: str, error: DomainError,
                   now: datetime) -> CustomsFiling:
    """A message refused before filing: kept as a failed filing, without the message, for staff."""
    filing = filing_of(order_id, kind)
    if filing is None:
        filing = CustomsFiling(order_id=order_id, shop_id=shop_id, kind=kind, created_at=now)
        db.session.add(filing)
    filing.status, filing.error = FAILED, error.message
    db.session.flush()
    _announce(filing, now)
    return filing


def _pending(filing_id: int) -> CustomsFiling | None:
    # Locked, so two deliveries of one job cannot both find it pending.
    return db.session.scalar(select(CustomsFiling).where(CustomsFiling.id == filing_id,
                                                         CustomsFiling.status == PENDING)
                             .with_for_update())


def file_filing(filing_id: int, now: datetime) -> CustomsFiling | None:
    """File a pending filing through the gateway the app's settings choose and record its
    receipt; a filing already filed, rejected or failed is left as it is. Flushes; the job
    commits."""
    filing = _pending(filing_id)
    if filing is None:
        return db.session.get(CustomsFiling, filing_id)
    message = unseal(filing.message)
    try:
        check_message(filing.kind, message)
        gateway = gateway_for(current_app.config)
        receipt = gateway.file(filing.kind, message, key=str(filing.id), now=now)
    except (DeclarationInvalid, GatewayUnavailable) as error:
        filing.status, filing.error = FAILED, error.message
    else:
        _record_receipt(filing, gateway.name, receipt)
    db.session.flush()
    _announce(filing, now)
    return filing


def _record_receipt(filing: CustomsFiling, gateway_name: str, receipt: Receipt) -> None:
    filing.gateway, filing.receipt_number = gateway_name, receipt.number
    if receipt.status == REJECTED:
        filing.status, filing.error = REJECTED, receipt.reason
    else:
        filing.status, filing.error, filing.filed_at = FILED, None, receipt.received_at


def _announce(filing: CustomsFiling, now: datetime) -> None:
    """Audit and log the outcome: kind, status, receipt; never the message."""
    audit.record(None, f"customs.{filing.status}", "customs_filing", filing.id, after=filing_state(filing),
                 now=now)
    log.info("customs %s message of order %s: %s (receipt %s)", filing.kind, filing.order_id,
             filing.status, filing.receipt_number)


def filings_for(order_id: int) -> list[CustomsFiling]:
    """The order's filings, order message first, for staff looking at the order."""
    rows = db.session.scalars(select(CustomsFiling).where(CustomsFiling.order_id == order_id))
    return sorted(rows, key=lambda filing: (KINDS.index(filing.kind), filing.id))


def filing_state(filing: CustomsFiling) -> dict:
    """What staff see of a filing: its status and receipt, not the message."""
    return {"id": filing.id, "order_id": filing.order_id, "kind": filing.kind, "status": filing.status,
            "gateway": filing.gateway, "receipt_number": filing.receipt_number, "error": filing.error,
            "created_at": filing.created_at, "filed_at": filing.filed_at}
