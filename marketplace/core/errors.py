"""Domain errors. Each carries a stable snake_case code that becomes the API's ``error.code``
and an HTTP status the front doors use; the message is translated where it is raised."""
from __future__ import annotations


class DomainError(Exception):
    code = "error"
    status = 400

    def __init__(self, message: str | None = None, *, code: str | None = None,
                 fields: dict[str, list[str]] | None = None):
        super().__init__(message or self.code)
        self.message = message or self.code
        if code:
            self.code = code
        self.fields = fields or {}


class ValidationFailed(DomainError):
    code = "validation_failed"
    status = 422


class NotFound(DomainError):
    """Absent, or owned by another tenant: the two are indistinguishable on purpose."""
    code = "not_found"
    status = 404


class Forbidden(DomainError):
    code = "forbidden"
    status = 403


class Unauthorized(DomainError):
    code = "unauthorized"
    status = 401


class Conflict(DomainError):
    code = "conflict"
    status = 409
