"""Opening review tasks, deciding them, and handing decisions back to the domain that owns the
subject.

A final decision is announced as ``review_decided`` with the task's kind as sender; the owning
domain's handler (connected by the app factory) applies it in the same transaction. A kind with
no handler is a wiring error and fails the decision. The domains never decide their own
subjects: there is one decision path, through the queue (``decide``).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from marketplace.accounts.models import User
from marketplace.audit import services as audit
from marketplace.core.checks import FieldErrors
from marketplace.extensions import db
from marketplace.jobs.services import enqueue
from marketplace.moderation import claims, settings, subjects
from marketplace.moderation.events import review_decided
from marketplace.moderation.models import DECISIONS, REASON_CODES, TASK_KINDS, ReviewTask
from marketplace.moderation.rules import run_rules
from marketplace.moderation.states import REVIEW_TASK
from marketplace.notifications.services import notify

log = logging.getLogger(__name__)
NOTE_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Decision:
    task: ReviewTask
    decision: str  # approve / reject / request_changes
    reasons: list[str]
    note: str | None
    reviewer: object
    now: datetime


class NoDecisionHandler(RuntimeError):
    """No domain receives decisions of this task kind: the app factory did not connect one."""


def has_decision_handler(kind: str) -> bool:
    return any(True for _ in review_decided.receivers_for(kind))


def open_task(kind: str, subject_id: int, *, submitted_by, shop_id: int | None, now: datetime) -> ReviewTask:
    """Put a subject in the queue, open at once; pre-screening runs in a job after commit and
    adds flags and the risk score. A subject already waiting keeps its task (screened again)."""
    task = open_task_for(kind, subject_id)
    if task is None:
        task = ReviewTask(kind=kind, subject_id=subject_id, shop_id=shop_id, submitted_by_id=submitted_by.id,
                          status="open", created_at=now, flags=[], reasons=[], flag_codes="")
        db.session.add(task)
        db.session.flush()
        audit.record(submitted_by, "review_task.opened", "review_task", task.id, now=now,
                     after={"status": "open", "kind": kind, "subject_id": subject_id})
    enqueue("moderation.prescreen", task.id)
    return task


def open_task_for(kind: str, subject_id: int) -> ReviewTask | None:
    return db.session.scalar(select(ReviewTask).where(
        ReviewTask.kind == kind, ReviewTask.subject_id == subject_id, ReviewTask.status != "decided"))


def apply_decision(decision: Decision) -> None:
    """Called by the review queue once a decision is final: the owning domain applies it, or the
    whole decision fails (the caller rolls back), so a decision never silently goes nowhere."""
    kind = decision.task.kind
    if kind not in TASK_KINDS or not has_decision_handler(kind):
        raise NoDecisionHandler(f"no handler receives decisions on {kind} tasks")
    review_decided.send(kind, decision=decision)


# --- pre-screening ----------------------------------------------------------------------------

def prescreen(task_id: int, now: datetime) -> ReviewTask | None:
    """Run the rules on the task's subject and store flags and risk score. Idempotent."""
    task = db.session.get(ReviewTask, task_id)
    if task is None or task.status == "decided":
        return task
    config = settings.current()
    try:
        subject = subjects.load(task.kind, task.subject_id)
    except Exception:
        log.exception("loading the subject of review task %s failed", task_id)
        subject, flags = None, [{"code": "rule_error", "weight": config["rule_error_weight"],
                                 "params": {"rule": "load_subject"}}]
    else:
        flags = _flags_for(subject, config, now)
    before = {"risk_score": task.risk_score, "flags": task.flag_codes.split()}
    task.flags, task.risk_score, task.prescreened_at = flags, sum(f["weight"] for f in flags), now
    task.flag_codes = (" " + " ".join(dict.fromkeys(f["code"] for f in flags)) + " ") if flags else ""
    audit.record(None, "review_task.prescreened", "review_task", task.id, before=before, now=now,
                 after={"risk_score": task.risk_score, "flags": [[f["code"], f["weight"]] for f in flags]})
    return task


def _flags_for(subject, config: dict, now: datetime) -> list[dict]:
    if subject is None:
        return [{"code": "subject_missing", "weight": config["rule_error_weight"], "params": {}}]
    return run_rules(subject, config, now)


# --- decisions --------------------------------------------------------------------------------

def check_decision(decision, reasons, note) -> tuple[str, list[str], str | None]:
    errors = FieldErrors()
    if decision not in DECISIONS:
        errors.add("decision", _l("Choose approve, reject or request_changes."))
    if not isinstance(reasons, list) or not all(isinstance(code, str) for code in reasons):
        errors.add("reasons", _l("Give a list of reason codes."))
        reasons = []
    unknown = [code for code in reasons if code not in REASON_CODES]
    if unknown:
        errors.add("reasons", _l("Unknown reason code: %(codes)s.", codes=", ".join(unknown)))
    elif decision in ("reject", "request_changes") and not reasons:
        errors.add("reasons", _l("Give at least one reason."))
    if note is not None and (not isinstance(note, str) or len(note) > NOTE_MAX_LENGTH):
        errors.add("note", _l("At most %(max)d characters.", max=NOTE_MAX_LENGTH))
    errors.raise_if_any()
    return decision, list(dict.fromkeys(reasons)), (note.strip() or None) if note else None


def needs_second_review(task: ReviewTask, config: dict | None = None) -> bool:
    """Four-eyes: a listing priced over the limit (any SKU, in CNY at today's rates) or scored
    high-risk."""
    if task.kind != "listing":
        return False
    config = config or settings.current()
    if task.risk_score >= int(config["four_eyes"]["risk_score"]):
        return True
    subject = subjects.load(task.kind, task.subject_id)
    top = subject.top_price_cny if subject is not None else None
    return top is not None and top > Decimal(config["four_eyes"]["price_cny"])


def decide(task_id: int, reviewer, *, decision, reasons, note, now: datetime) -> ReviewTask:
    """The claim holder's decision. A first approval of a four-eyes task waits for a second,
    different reviewer; anything else is final and goes to the subject's domain."""
    decision, reasons, note = check_decision(decision, reasons, note)
    task = claims.hold(task_id, reviewer, now)
    if decision == "approve" and task.first_reviewer_id is None and needs_second_review(task):
        return _first_approval(task, reviewer, reasons, note, now)
    return _final(task, reviewer, decision, reasons, note, now)


def _first_approval(task: ReviewTask, reviewer, reasons, note, now) -> ReviewTask:
    REVIEW_TASK.move(task, "awaiting_second_review", actor=reviewer, who="reviewer", now=now, note=note,
                     details={"decision": "approve", "reasons": reasons, "first_reviewer": reviewer.id})
    task.first_reviewer_id, task.first_approved_at = reviewer.id, now
    task.claimed_by_id = task.claim_expires_at = None
    db.session.flush()
    return task


def _final(task: ReviewTask, reviewer, decision, reasons, note, now) -> ReviewTask:
    details = {"decision": decision, "reasons": reasons}
    if task.first_reviewer_id is not None:
        details["first_reviewer"] = task.first_reviewer_id
    REVIEW_TASK.move(task, "decided", actor=reviewer, who="reviewer", now=now, note=note, details=details)
    task.decision, task.reasons, task.note = decision, reasons, note
    task.decided_by_id, task.decided_at = reviewer.id, now
    task.claimed_by_id = task.claim_expires_at = None
    db.session.flush()
    apply_decision(Decision(task=task, decision=decision, reasons=reasons, note=note, reviewer=reviewer,
                            now=now))
    _tell_submitter(task)
    return task


def _tell_submitter(task: ReviewTask) -> None:
    user = db.session.get(User, task.submitted_by_id) if task.submitted_by_id else None
    if user is not None:
        notify(user, "review_decision", task=task, reasons=[reason_label(code) for code in task.reasons])


REASON_LABELS = {
    "counterfeit_risk": _l("Counterfeit risk"), "prohibited_item": _l("Prohibited item"),
    "not_on_positive_list": _l("Not on the positive list"), "insufficient_proof": _l("Insufficient proof"),
    "misleading_description": _l("Misleading description"), "pricing_anomaly": _l("Pricing anomaly"),
    "poor_images": _l("Poor images"), "other": _l("Other"),
}


def reason_label(code: str):
    return REASON_LABELS.get(code, code)


def recent_decisions(kind: str, *, shop_id: int, limit: int = 5) -> list[ReviewTask]:
    """The latest final decisions on one shop's subjects of ``kind``, newest first. Review tasks
    are not shop-owned rows, so the shop is named explicitly."""
    statement = (select(ReviewTask)
                 .where(ReviewTask.kind == kind, ReviewTask.shop_id == shop_id,
                        ReviewTask.status == "decided")
                 .order_by(ReviewTask.decided_at.desc(), ReviewTask.id.desc()).limit(limit))
    return list(db.session.scalars(statement))
