"""Applying to become a buyer: create and edit the application, upload its documents, submit it
to the review queue, and act on the queue's decision. Services flush; the caller commits."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from marketplace.accounts import services as accounts
from marketplace.audit import services as audit
from marketplace.certification import documents
from marketplace.certification.errors import (
    AlreadyABuyer,
    ApplicationAlreadyOpen,
    ApplicationNotEditable,
    DocumentsMissing,
)
from marketplace.certification.models import OPEN_STATUSES, ApplicationDocument, BuyerApplication
from marketplace.certification.states import APPLICATION_STATES, OUTCOMES
from marketplace.certification.validation import clean_application
from marketplace.core.checks import add_unique
from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.moderation import services as moderation
from marketplace.shops.services import create_shop

TASK_KIND = "buyer_application"
CONTENT_FIELDS = ("legal_name", "country", "city", "languages", "categories", "bio", "social_links",
                  "shop_name")


def application_state(application: BuyerApplication) -> dict:
    return {name: getattr(application, name) for name in CONTENT_FIELDS}


# --- Reading -------------------------------------------------------------------------------------

def applications_of(user):
    """The user's applications, newest first (a statement, for paging)."""
    return (select(BuyerApplication).where(BuyerApplication.applicant_id == user.id)
            .order_by(BuyerApplication.id.desc()))


def latest_application(user, *, lock: bool = False) -> BuyerApplication | None:
    statement = applications_of(user).limit(1)
    return db.session.scalar(statement.with_for_update() if lock else statement)


def application_of(user, application_id: int, *, lock: bool = False) -> BuyerApplication:
    """The user's own application; anyone else's is absent. ``lock`` before a change, so two
    requests on one application (an upload racing a submit) take turns."""
    application = db.session.get(BuyerApplication, application_id, with_for_update=lock or None)
    if application is None or application.applicant_id != user.id:
        raise NotFound()
    return application


def application_for_review(application_id: int, *, lock: bool = False) -> BuyerApplication:
    """Any application, for a reviewer."""
    application = db.session.get(BuyerApplication, application_id, with_for_update=lock or None)
    if application is None:
        raise NotFound()
    return application


# --- The applicant's steps ----------------------------------------------------------------------

def _open_application(user) -> BuyerApplication | None:
    return db.session.scalar(select(BuyerApplication).where(
        BuyerApplication.applicant_id == user.id, BuyerApplication.status.in_(OPEN_STATUSES)))


def create_application(user, values: dict, *, now: datetime) -> BuyerApplication:
    if user.shop is not None or user.has_role("buyer"):
        raise AlreadyABuyer()
    if _open_application(user) is not None:
        raise ApplicationAlreadyOpen()
    cleaned = clean_application(values, partial=False)
    application = BuyerApplication(applicant_id=user.id, status="draft", created_at=now, updated_at=now,
                                   **{"languages": [], "social_links": [], **cleaned})
    add_unique(application, ApplicationAlreadyOpen())
    audit.record(user, "buyer_application.created", TASK_KIND, application.id,
                 after={"status": "draft", **application_state(application)}, now=now)
    return application


def check_editable(application: BuyerApplication) -> None:
    if not application.is_editable:
        raise ApplicationNotEditable()


def update_application(user, application: BuyerApplication, values: dict, *,
                       now: datetime) -> BuyerApplication:
    check_editable(application)
    cleaned = clean_application(values, partial=True)
    before = application_state(application)
    for name, value in cleaned.items():
        setattr(application, name, value)
    application.updated_at = now
    db.session.flush()
    after = application_state(application)
    if after != before:
        audit.record(user, "buyer_application.edited", TASK_KIND, application.id,
                     before=before, after=after, now=now)
    return application


def upload_document(user, application: BuyerApplication, upload: documents.Upload, *,
                    now: datetime) -> ApplicationDocument:
    """``upload`` comes from ``documents.check_upload``."""
    check_editable(application)
    application.updated_at = now
    return documents.store(user, application, upload, now=now)


def submit_application(user, application: BuyerApplication, *, now: datetime) -> BuyerApplication:
    """To the review queue: a first submission or a resubmission after changes were requested
    (each opens its own review task; the earlier decisions stay in the audit log)."""
    if application.is_editable and application.missing_kinds:
        raise DocumentsMissing(application.missing_kinds)
    APPLICATION_STATES.move(application, "submitted", actor=user, who="applicant", now=now,
                            details={"documents": {d.kind: d.sha256 for d in application.documents}})
    application.submitted_at = now
    application.reasons, application.note = [], None
    moderation.open_task(TASK_KIND, application.id, submitted_by=user, shop_id=None, now=now)
    return application


# --- The review queue's decision ------------------------------------------------------------------

def _open_shop(application: BuyerApplication):
    applicant = application.applicant
    if applicant.shop is not None:
        raise AlreadyABuyer()
    shop = create_shop(applicant, name=application.shop_name or application.legal_name,
                       country=application.country)
    accounts.add_role(applicant, "buyer")
    application.shop_id = shop.id
    return shop


def on_review_decided(kind: str, *, decision: moderation.Decision) -> None:
    """The queue's ``review_decided`` for a ``buyer_application`` task, in the queue's transaction,
    once a decision is final. Approval opens the applicant's shop (unique slug, the country's
    currency, level 1) and makes them a buyer."""
    application = application_for_review(decision.task.subject_id, lock=True)
    target = OUTCOMES[decision.decision]
    details = {"reasons": list(decision.reasons), "review_task_id": decision.task.id}
    # The shop is opened only for a valid move; the move below then raises for any other.
    if target == "approved" and APPLICATION_STATES.allows(application.status, target, "reviewer"):
        details["shop_id"] = _open_shop(application).id
    APPLICATION_STATES.move(application, target, actor=decision.reviewer, who="reviewer", now=decision.now,
                            note=decision.note, details=details)
    application.reasons, application.note = list(decision.reasons), decision.note
    application.decided_at, application.decided_by_id = decision.now, decision.reviewer.id
    db.session.flush()
