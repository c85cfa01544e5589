from flask_babel import lazy_gettext as _l

from marketplace.core.errors import Conflict, Unauthorized, ValidationFailed


class EmailTaken(Conflict):
    code = "email_taken"

    def __init__(self):
        super().__init__(str(_l("An account with this email already exists.")),
                         fields={"email": [str(_l("An account with this email already exists."))]})


class BadCredentials(Unauthorized):
    code = "bad_credentials"

    def __init__(self):
        super().__init__(str(_l("The email or password is not correct.")))


class InvalidToken(Unauthorized):
    code = "invalid_token"

    def __init__(self):
        super().__init__(str(_l("The access token is missing, expired or revoked.")))


class UnknownRole(ValidationFailed):
    code = "unknown_role"
