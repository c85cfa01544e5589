"""The pre-screening thresholds the admin can change: one JSON row over the defaults that the
rules declare. A change is checked against the defaults' shapes and audited."""
from __future__ import annotations

import copy
from datetime import datetime
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l

from marketplace.audit import services as audit
from marketplace.core.checks import FieldErrors
from marketplace.extensions import db
from marketplace.moderation.models import ModerationSetting
from marketplace.moderation.rules import RULES

KEY = "prescreening"
MAX_NUMBER = 1_000_000_000  # above every default (max_bytes is 20 MB)
MAX_WORDS = 500
MAX_WORD_LENGTH = 100


def defaults() -> dict:
    return {"rules": {code: copy.deepcopy(rule.defaults) for code, rule in RULES.items()},
            # A listing over this price (any SKU, in CNY) or at this risk score needs two reviewers.
            "four_eyes": {"price_cny": "5000", "risk_score": 60},
            "rule_error_weight": 25}


def _merge(base: dict, overrides: dict) -> dict:
    merged = copy.deepcopy(base)
    for key, value in (overrides or {}).items():
        if key in merged and isinstance(merged[key], dict) and isinstance(value, dict):
            merged[key] = _merge(merged[key], value)
        elif key in merged:
            merged[key] = value
    return merged


def current() -> dict:
    row = db.session.get(ModerationSetting, KEY)
    return _merge(defaults(), row.value if row else {})


def _check_value(errors: FieldErrors, name: str, default, value):
    """The value if it has the default's shape, else None with the problem recorded."""
    if isinstance(default, bool):
        if isinstance(value, bool):
            return value
        errors.add(name, _l("Must be true or false."))
    elif isinstance(default, int):
        if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_NUMBER:
            return value
        errors.add(name, _l("Must be a whole number from 0 to %(max)s.", max=MAX_NUMBER))
    elif isinstance(default, str):
        return _check_decimal(errors, name, value)
    elif isinstance(default, list):
        return _check_words(errors, name, value)
    return None


def _check_decimal(errors: FieldErrors, name: str, value):
    try:
        number = Decimal(value) if isinstance(value, str) else None
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or number < 0 or number > MAX_NUMBER:
        errors.add(name, _l("Give a number as a string, such as \"12.50\"."))
        return None
    return str(number)


def _check_words(errors: FieldErrors, name: str, value):
    if isinstance(value, list) and len(value) <= MAX_WORDS and all(
            isinstance(word, str) and 0 < len(word.strip()) <= MAX_WORD_LENGTH for word in value):
        return [word.strip() for word in value]
    errors.add(name, _l("Must be a list of at most %(count)s words of 1 to %(length)s characters.",
                        count=MAX_WORDS, length=MAX_WORD_LENGTH))
    return None


def _checked(errors: FieldErrors, prefix: str, base: dict, changes) -> dict:
    if not isinstance(changes, dict):
        errors.add(prefix.rstrip("."), _l("Must be an object."))
        return {}
    result = {}
    for key, value in changes.items():
        name = f"{prefix}{key}"
        if key not in base:
            errors.add(name, _l("Unknown setting."))
        elif isinstance(base[key], dict):
            result[key] = _checked(errors, f"{name}.", base[key], value)
        else:
            result[key] = _check_value(errors, name, base[key], value)
    return result


def update(actor, changes: dict, *, now: datetime) -> dict:
    """Apply a partial change (``{"rules": {"too_few_images": {"minimum": 4}}}``); nothing is
    changed unless every value is valid."""
    errors = FieldErrors()
    checked = _checked(errors, "", defaults(), changes)
    errors.raise_if_any()
    row = db.session.get(ModerationSetting, KEY)
    before = row.value if row else {}
    after = _merge_overrides(before, checked)
    if row is None:
        row = ModerationSetting(key=KEY, value=after, updated_at=now)
        db.session.add(row)
    row.value, row.updated_at, row.updated_by_id = after, now, actor.id
    audit.record(actor, "moderation_settings.updated", "moderation_settings", KEY, before=before, after=after,
                 now=now)
    db.session.flush()
    return current()


def _merge_overrides(stored: dict, changes: dict) -> dict:
    merged = copy.deepcopy(stored or {})
    for key, value in changes.items():
        if isinstance(value, dict):
            merged[key] = _merge_overrides(merged.get(key) or {}, value)
        else:
            merged[key] = value
    return merged
