"""What the buyer-certification API accepts and returns. The bodies check only the shape; the
values are checked by the service (``validation``), which the pages share."""
from marshmallow import fields

from marketplace.certification.models import APPLICATION_STATUSES, DOCUMENT_KINDS
from marketplace.core.schemas import ApiSchema


class ApplicationBodySchema(ApiSchema):
    """``POST`` takes the required fields; ``PATCH`` loads it with ``partial=True``."""
    legal_name = fields.String(required=True)
    country = fields.String(required=True, metadata={"description": "ISO 3166 alpha-2, such as US"})
    city = fields.String(required=True)
    categories = fields.List(fields.String(), required=True, metadata={"description": "category slugs"})
    bio = fields.String(required=True)
    languages = fields.List(fields.String(), metadata={"description": "language codes, such as en, ja"})
    social_links = fields.List(fields.String(), metadata={"description": "http(s) addresses, at most 5"})
    shop_name = fields.String(allow_none=True, metadata={"description": "defaults to the legal name"})


class ApplicationPatchSchema(ApplicationBodySchema):
    """Any subset of the create fields."""

    def __init__(self, **kwargs):
        super().__init__(partial=True, **kwargs)


class DocumentSchema(ApiSchema):
    id = fields.Integer()
    kind = fields.String(metadata={"enum": list(DOCUMENT_KINDS)})
    filename = fields.String()
    content_type = fields.String()
    size = fields.Integer()
    uploaded_at = fields.DateTime()


class DocumentLinkSchema(DocumentSchema):
    url = fields.String(metadata={"description": "a signed link; it expires at url_expires_at"})
    url_expires_at = fields.DateTime(attribute="expires_at")


class ApplicationSchema(ApiSchema):
    id = fields.Integer()
    status = fields.String(metadata={"enum": list(APPLICATION_STATUSES)})
    reasons = fields.List(fields.String())
    note = fields.String(allow_none=True)
    legal_name = fields.String()
    country = fields.String()
    city = fields.String()
    languages = fields.List(fields.String())
    categories = fields.List(fields.String())
    bio = fields.String()
    social_links = fields.List(fields.String())
    shop_name = fields.String(allow_none=True)
    documents = fields.List(fields.Nested(DocumentSchema))
    missing_documents = fields.List(fields.String(), attribute="missing_kinds")
    submitted_at = fields.DateTime(allow_none=True)
    decided_at = fields.DateTime(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()


class ApplicantSchema(ApiSchema):
    id = fields.Integer()
    display_name = fields.String()
    email = fields.String()


class ReviewApplicationSchema(ApplicationSchema):
    """What a reviewer sees: the application, who applied, and links to the documents."""
    applicant = fields.Nested(ApplicantSchema)
    documents = fields.List(fields.Nested(DocumentLinkSchema), attribute="links")
