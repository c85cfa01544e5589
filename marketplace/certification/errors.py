"""Errors of buyer certification, each with a stable code for the API."""
from flask_babel import lazy_gettext as _l

from marketplace.core.errors import Conflict, ValidationFailed


class ApplicationAlreadyOpen(Conflict):
    code = "application_open"

    def __init__(self):
        super().__init__(str(_l("You already have an application in progress.")))


class AlreadyABuyer(Conflict):
    code = "already_a_buyer"

    def __init__(self):
        super().__init__(str(_l("Your account is already a certified buyer.")))


class ApplicationNotEditable(Conflict):
    code = "application_not_editable"

    def __init__(self):
        super().__init__(str(_l("The application can only be changed while it is a draft or when "
                                "changes are requested.")))


KIND_NAMES = {"identity": _l("identity document"), "residence": _l("proof of residence"),
              "sourcing": _l("proof of sourcing")}


class DocumentsMissing(ValidationFailed):
    """``fields.documents`` lists the missing kinds' codes; the message names them in words."""
    code = "documents_missing"

    def __init__(self, kinds: list[str]):
        message = str(_l("Upload every document before submitting. Missing: %(kinds)s",
                         kinds=", ".join(str(KIND_NAMES[kind]) for kind in kinds)))
        super().__init__(message, fields={"documents": list(kinds)})


class InvalidDocument(ValidationFailed):
    code = "invalid_document"

    def __init__(self, field: str, message):
        super().__init__(str(message), fields={field: [str(message)]})
