"""Field checks for service input. A service collects every problem of a submission and raises
one ``ValidationFailed`` whose ``fields`` the API returns and the pages show next to each field,
so the rules live in the service and both front doors enforce the same ones."""
from __future__ import annotations

import re
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from marketplace.core.errors import DomainError, ValidationFailed
from marketplace.core.numbers import to_decimal
from marketplace.extensions import db


class FieldErrors:
    def __init__(self) -> None:
        self.fields: dict[str, list[str]] = {}

    def add(self, name: str, message) -> None:
        self.fields.setdefault(name, []).append(str(message))

    def raise_if_any(self) -> None:
        if self.fields:
            raise ValidationFailed(str(_l("Some values are not valid.")), fields=self.fields)


def clean_text(errors: FieldErrors, name: str, value, *, max_length: int, pattern: str | None = None,
               pattern_message=None) -> str | None:
    """The trimmed text, or None with the problem recorded."""
    text = value.strip() if isinstance(value, str) else None
    if not text:
        errors.add(name, _l("This field is required."))
    elif len(text) > max_length:
        errors.add(name, _l("At most %(max)d characters.", max=max_length))
    elif pattern is not None and not re.fullmatch(pattern, text):
        errors.add(name, pattern_message)
    else:
        return text
    return None


def clean_decimal(errors: FieldErrors, name: str, value, *, places: int, minimum: Decimal = Decimal(0),
                  below: Decimal) -> Decimal | None:
    """A decimal with ``minimum <= value < below`` and at most ``places`` decimal places."""
    if value is None or value == "":
        errors.add(name, _l("This field is required."))
        return None
    try:
        number = value if isinstance(value, Decimal) else to_decimal(value)
    except (TypeError, ValueError):
        errors.add(name, _l("Not a valid number."))
        return None
    if not number.is_finite():
        errors.add(name, _l("Not a valid number."))
    elif number < minimum:
        errors.add(name, _l("Must be at least %(minimum)s.", minimum=minimum))
    elif number >= below:
        errors.add(name, _l("Must be less than %(limit)s.", limit=below))
    elif -number.as_tuple().exponent > places:
        errors.add(name, _l("At most %(places)s decimal places.", places=places))
    else:
        return number
    return None


def add_unique(row, conflict: DomainError) -> None:
    """Insert ``row``; if a unique constraint refuses it (a concurrent duplicate that slipped past
    the service's own check), raise ``conflict`` instead of failing the whole transaction."""
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError as error:
        raise conflict from error
