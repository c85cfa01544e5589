"""Certification's side of the review queue: the subject of a ``buyer_application`` task, loaded
for pre-screening and the task page. Connected to the queue by the app factory
(``marketplace.handlers``), like the decision handler in ``services``."""
from __future__ import annotations

from marketplace.certification.models import BuyerApplication
from marketplace.extensions import db
from marketplace.moderation.subjects import ApplicationSubject, Document

APPLICATION_FIELDS = ("legal_name", "country", "city", "languages", "categories", "bio", "social_links",
                      "shop_name")


def _document(row) -> Document:
    return Document(kind=row.kind, content_type=row.content_type, size=row.size, storage_key=row.storage_key,
                    filename=row.filename)


def application_subject(application_id: int) -> ApplicationSubject | None:
    application = db.session.get(BuyerApplication, application_id)
    if application is None:
        return None
    return ApplicationSubject(
        id=application.id, applicant_id=application.applicant_id,
        fields={name: getattr(application, name) for name in APPLICATION_FIELDS},
        documents=[_document(row) for row in application.documents], status=application.status)
