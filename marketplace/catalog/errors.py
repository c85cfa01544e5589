"""Errors of the listing domain, each with a stable code the API returns."""
from flask_babel import lazy_gettext as _l

from marketplace.core.errors import Conflict, ValidationFailed


def invalid(field: str, message, code: str = "validation_failed") -> ValidationFailed:
    """A 422 naming one field."""
    text = str(message)
    return ValidationFailed(text, code=code, fields={field: [text]})


class ListingLocked(Conflict):
    code = "listing_locked"

    def __init__(self):
        super().__init__(str(_l("This listing cannot be changed in its current status.")))
