"""A reviewer's view of any buyer application, with short-lived signed links to its documents
(API.md "Buyer certification"). The applicant's side is ``shop/applications.py``."""
from __future__ import annotations

from flask import current_app

from marketplace.api.routing import endpoint
from marketplace.certification import documents
from marketplace.certification import services as certification
from marketplace.certification.schemas import ReviewApplicationSchema
from marketplace.core.clock import utcnow
from marketplace.web.access import REVIEWER

OPERATION_PREFIX = "certification"
TAG = "Buyer certification"


class ForReview:
    """An application with its document links, as a reviewer sees it."""

    def __init__(self, application, links):
        self.application, self.links = application, links

    def __getattr__(self, name):
        return getattr(self.application, name)


@endpoint("/review/applications/<int:application_id>", access=REVIEWER, response=ReviewApplicationSchema,
          summary="Any buyer application, with short-lived signed links to its documents", tag=TAG,
          errors=(404,))
def review_application(application_id):
    application = certification.application_for_review(application_id)
    links = documents.links(application, expires_in=current_app.config["SIGNED_URL_SECONDS"], now=utcnow())
    return ForReview(application, links)
