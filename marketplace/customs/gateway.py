"""Which customs gateway files the messages, by configuration.

The sandbox writes each message as a JSON file to an outbox folder and answers with a receipt,
as a gateway would. It serves development and tests only: production has no real adapter yet,
so filing there raises ``GatewayUnavailable`` rather than pretending to file.
"""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime

from flask_babel import lazy_gettext as _l

from marketplace.customs.errors import GatewayUnavailable

ACCEPTED, REJECTED = "accepted", "rejected"


@dataclass(frozen=True)
class Receipt:
    number: str
    status: str  # accepted or rejected
    received_at: datetime
    reason: str | None = None


class CustomsGateway:
    """One adapter per customs gateway (a single window, a declaration agent's API)."""

    name = "base"

    def file(self, kind: str, message: dict, *, key: str, now: datetime) -> Receipt:
        """File one message. ``key`` identifies the filing: filing the same key again must not
        make a second declaration."""
        raise NotImplementedError


class SandboxGateway(CustomsGateway):
    name = "sandbox"

    def __init__(self, outbox_path: str):
        self.outbox_path = outbox_path

    def file(self, kind: str, message: dict, *, key: str, now: datetime) -> Receipt:
        # The file is named by the filing's key only (never by anything personal) and replaced
        # atomically: filing twice leaves one file and the same receipt number.
        os.makedirs(self.outbox_path, exist_ok=True)
        target = os.path.join(self.outbox_path, f"{kind}-{key}.json")
        with open(target + ".tmp", "w", encoding="utf-8") as file:
            json.dump({"kind": kind, "key": key, "message": message}, file, ensure_ascii=False, indent=2)
        os.replace(target + ".tmp", target)
        return Receipt(number=receipt_number(kind, key), status=ACCEPTED, received_at=now)


def receipt_number(kind: str, key: str) -> str:
    return "SBX" + hashlib.sha256(f"{kind}:{key}".encode()).hexdigest()[:16].upper()


def sandbox_enabled(config) -> bool:
    """Never in production, whatever else the settings say."""
    return bool(config.get("SANDBOX_ENABLED")) and config.get("APP_ENV") != "production"


def gateway_for(config) -> CustomsGateway:
    if sandbox_enabled(config):
        return SandboxGateway(config["CUSTOMS_OUTBOX_PATH"])
    raise GatewayUnavailable(str(_l("No customs gateway is configured: the messages cannot be filed. "
                                    "The sandbox does not file in production.")))
