"""The orderers' typed errors, with their stable codes (the API's ``error.code``)."""
from flask_babel import lazy_gettext as _l

from marketplace.core.errors import Conflict


class IdentityExists(Conflict):
    """The caller already holds an identity with this number (whatever name it was given)."""

    code = "identity_exists"

    def __init__(self):
        message = str(_l("You have already added this ID number."))
        super().__init__(message, fields={"id_number": [message]})


class IdentityInUse(Conflict):
    code = "identity_in_use"

    def __init__(self):
        super().__init__(str(_l("An open order uses this identity; it can be removed once the order is "
                                "completed or cancelled.")))
