"""Buyer certification (API.md "Buyer certification"): the applicant's own application (any
other id is absent: 404), its documents and its submission. Reviewers see it in
``review/applications.py``."""
from __future__ import annotations

from flask import current_app, g, request

from marketplace.api.routing import endpoint
from marketplace.certification import documents
from marketplace.certification import services as certification
from marketplace.certification.models import DOCUMENT_KINDS
from marketplace.certification.schemas import (
    ApplicationBodySchema,
    ApplicationPatchSchema,
    ApplicationSchema,
    DocumentLinkSchema,
    DocumentSchema,
)
from marketplace.core.clock import utcnow
from marketplace.core.pagination import paginate, paginate_list
from marketplace.core.schemas import PageQuery
from marketplace.web.access import SHOPPER

OPERATION_PREFIX = "certification"
TAG = "Buyer certification"
BASE = "/buyer-applications"
ITEM = BASE + "/<int:application_id>"
UPLOAD = {"kind": {"type": "string", "enum": list(DOCUMENT_KINDS)},
          "file": {"type": "string", "format": "binary",
                   "description": "JPEG, PNG, WebP or PDF, at most 10 MB"}}


def link_seconds() -> int:
    return current_app.config["SIGNED_URL_SECONDS"]


@endpoint(BASE, "POST", access=SHOPPER, body=ApplicationBodySchema, response=ApplicationSchema, status=201,
          summary="Start an application to become a buyer (a draft)", tag=TAG, errors=(409, 422))
def create_application(body):
    return certification.create_application(g.actor, body, now=utcnow())


@endpoint(BASE, access=SHOPPER, query=PageQuery, response=ApplicationSchema, paginated=True,
          summary="My applications, newest first", tag=TAG, errors=(422,))
def list_applications(query):
    return paginate(certification.applications_of(g.actor), **query)


@endpoint(ITEM, access=SHOPPER, response=ApplicationSchema, summary="One of my applications, with the "
          "reviewer's reasons and note", tag=TAG, errors=(404,))
def get_application(application_id):
    return certification.application_of(g.actor, application_id)


@endpoint(ITEM, "PATCH", access=SHOPPER, body=ApplicationPatchSchema, lookup_first=True,
          response=ApplicationSchema, summary="Edit a draft, or an application with changes requested "
          "(the fields of the create call, any subset)", tag=TAG, errors=(404, 409, 422))
def update_application(application_id, body):
    # Found and checked before the body is read: another applicant's id is a 404, and a submitted
    # application a 409, whatever the body says.
    application = certification.application_of(g.actor, application_id, lock=True)
    certification.check_editable(application)
    return certification.update_application(g.actor, application, body(), now=utcnow())


@endpoint(ITEM + "/documents", "POST", access=SHOPPER, response=DocumentSchema, status=201,
          multipart=UPLOAD, summary="Upload a document (identity, residence or sourcing); a new upload "
          "of a kind replaces the old one", tag=TAG, errors=(404, 409, 413, 422))
def upload_document(application_id):
    application = certification.application_of(g.actor, application_id, lock=True)
    certification.check_editable(application)
    file = request.files.get("file")
    data = file.stream.read(documents.MAX_DOCUMENT_BYTES + 1) if file is not None else None
    filename = file.filename if file is not None else None
    upload = documents.check_upload(request.form.get("kind"), filename, data)
    return certification.upload_document(g.actor, application, upload, now=utcnow())


@endpoint(ITEM + "/documents", access=SHOPPER, query=PageQuery, response=DocumentLinkSchema, paginated=True,
          summary="My application's documents, each with a short-lived signed link", tag=TAG,
          errors=(404, 422))
def list_documents(application_id, query):
    application = certification.application_of(g.actor, application_id)
    return paginate_list(documents.links(application, expires_in=link_seconds(), now=utcnow()), **query)


@endpoint(ITEM + "/submit", "POST", access=SHOPPER, response=ApplicationSchema, summary="Send the "
          "application to the review queue (all three document kinds are needed)", tag=TAG,
          errors=(404, 409, 422))
def submit_application(application_id):
    application = certification.application_of(g.actor, application_id, lock=True)
    return certification.submit_application(g.actor, application, now=utcnow())
