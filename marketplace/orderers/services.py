"""Orderer identities and delivery addresses: add, list, change, remove.

Every function takes the owner explicitly, and every lookup by id goes through ``_owned``, so
another shopper's identity or address is absent (404), never visible. The clear ID number is
held only while ``add_identity`` runs and by whoever calls ``id_number_of``: it is never logged,
audited (only its masked form is), put in a job or returned by the API.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select, update
from sqlalchemy.exc import IntegrityError

from marketplace.audit import services as audit
from marketplace.core.checks import FieldErrors, add_unique, clean_text
from marketplace.core.crypto import DataCipher
from marketplace.core.errors import NotFound
from marketplace.extensions import db
from marketplace.orderers import resident_ids
from marketplace.orderers.errors import IdentityExists, IdentityInUse
from marketplace.orderers.models import CONSENT_CHANNELS, Address, Identity

SHANGHAI = ZoneInfo("Asia/Shanghai")
NAME_MIN, NAME_MAX = 2, 30
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
# Han characters, with a middle dot between the parts of a name (阿依古丽·买买提).
NAME_PATTERN = re.compile(rf"[{_HAN}]+(?:·[{_HAN}]+)*")
MIDDLE_DOTS = str.maketrans({"•": "·", "・": "·", "‧": "·", ".": "·"})

ID_NUMBER_PROBLEMS = {
    "length": _l("A resident ID number has 18 characters."),
    "format": _l("Use digits only; the last character may be X."),
    "checksum": _l("This ID number's check digit does not match. Please check the number."),
    "birth_date": _l("The birth date in this ID number is not a real date."),
    "future_birth_date": _l("The birth date in this ID number is in the future."),
    "region": _l("The region code at the start of this ID number does not exist."),
}

# Whether an open order uses an identity. The orders package stands above this one, so it
# registers its check here (from ``marketplace.handlers``); until one is registered no identity
# is in use. Orders must keep their own copy of the orderer (name, encrypted number, blind
# index): a closed order outlives the identity it was placed with.
_in_use_checks: list[Callable[[Identity], bool]] = []


def register_in_use_check(check: Callable[[Identity], bool]) -> None:
    if check not in _in_use_checks:
        _in_use_checks.append(check)


def identity_in_use(identity: Identity) -> bool:
    return any(check(identity) for check in _in_use_checks)


@lru_cache(maxsize=4)
def _cipher(keys: str) -> DataCipher:
    return DataCipher(keys)


def data_cipher() -> DataCipher:
    """The cipher of the configured ``DATA_ENCRYPTION_KEY`` (rotation: newest key first)."""
    return _cipher(current_app.config["DATA_ENCRYPTION_KEY"])


def _owned(model, owner, row_id) -> Select:
    return select(model).where(model.id == row_id, model.owner_id == owner.id)


def _get_owned(model, owner, row_id):
    row = db.session.scalar(_owned(model, owner, row_id))
    if row is None:
        raise NotFound()
    return row


def _folded(value) -> str:
    """Text with full-width forms folded to ASCII (as Chinese input methods type them), trimmed;
    ``""`` for anything that is not text."""
    return unicodedata.normalize("NFKC", value).strip() if isinstance(value, str) else ""


# Identities

def clean_real_name(errors: FieldErrors, value) -> str | None:
    name = _folded(value).translate(MIDDLE_DOTS)
    if not name:
        errors.add("real_name", _l("This field is required."))
    elif not NAME_MIN <= len(name) <= NAME_MAX:
        errors.add("real_name", str(_l("Must be between {min} and {max} characters.")).format(
            min=NAME_MIN, max=NAME_MAX))
    elif not NAME_PATTERN.fullmatch(name):
        errors.add("real_name", _l("Give the name in Chinese characters, as on the ID card."))
    else:
        return name
    return None


def clean_id_number(errors: FieldErrors, value, *, now: datetime) -> str | None:
    """The normalised number, or None with the problem recorded (never the value itself)."""
    number = resident_ids.normalise(value) if isinstance(value, str) else ""
    if not number:
        errors.add("id_number", _l("This field is required."))
        return None
    problem = resident_ids.problem_with(number, now.astimezone(SHANGHAI).date())
    if problem:
        errors.add("id_number", ID_NUMBER_PROBLEMS[problem])
        return None
    return number


def _check_consent(errors: FieldErrors, consent, channel: str) -> None:
    if channel not in CONSENT_CHANNELS:
        raise ValueError(f"unknown consent channel {channel!r}")
    if consent is not True:
        errors.add("consent", _l("Please agree to your ID number being stored for customs clearance."))


def add_identity(owner, *, real_name, id_number, consent, channel: str, now: datetime) -> Identity:
    """Store a real-name orderer for ``owner``. ``consent`` must be ``True``: the shopper agreed,
    through ``channel`` (``api`` or ``web``), to the number being stored; ``consented_at`` records
    when. The same number twice for one owner is ``IdentityExists`` (409), whatever the name:
    silently returning the first would hide a name that disagrees with it."""
    errors = FieldErrors()
    name = clean_real_name(errors, real_name)
    number = clean_id_number(errors, id_number, now=now)
    _check_consent(errors, consent, channel)
    errors.raise_if_any()
    cipher = data_cipher()
    index = cipher.blind_index(number)
    if db.session.scalar(select(Identity.id).where(Identity.owner_id == owner.id,
                                                   Identity.id_number_index == index)):
        raise IdentityExists()
    identity = Identity(owner_id=owner.id, real_name_encrypted=cipher.encrypt(name),
                        id_number_encrypted=cipher.encrypt(number), id_number_index=index,
                        id_number_masked=resident_ids.mask(number), consented_at=now,
                        consent_channel=channel, created_at=now)
    add_unique(identity, IdentityExists())
    audit.record(owner, "identity.added", "identity", identity.id, after=_audit_state(identity), now=now)
    return identity


def _audit_state(identity: Identity) -> dict:
    return {"owner_id": identity.owner_id, "id_number_masked": identity.id_number_masked,
            "consented_at": identity.consented_at, "consent_channel": identity.consent_channel}


def identities_of(owner) -> Select:
    """The owner's identities, newest first (for ``paginate``)."""
    return select(Identity).where(Identity.owner_id == owner.id).order_by(Identity.id.desc())


def owned_identity(owner, identity_id) -> Identity:
    return _get_owned(Identity, owner, identity_id)


def real_name_of(identity: Identity) -> str:
    return data_cipher().decrypt(identity.real_name_encrypted)


def id_number_of(identity: Identity) -> str:
    """The clear number, for the customs declaration only: never log, show or queue it."""
    return data_cipher().decrypt(identity.id_number_encrypted)


def identity_state(identity: Identity) -> dict:
    """What the owner may see: the name and the masked number."""
    return {"id": identity.id, "real_name": real_name_of(identity),
            "id_number_masked": identity.id_number_masked, "consented_at": identity.consented_at,
            "created_at": identity.created_at}


def delete_identity(owner, identity_id, *, now: datetime) -> None:
    """Remove the owner's identity (404 if it is not theirs, 409 while an open order uses it)."""
    identity = owned_identity(owner, identity_id)
    if identity_in_use(identity):
        raise IdentityInUse()
    audit.record(owner, "identity.deleted", "identity", identity.id, before=_audit_state(identity), now=now)
    db.session.delete(identity)
    db.session.flush()


# Addresses

ADDRESS_TEXTS = {"recipient": 30, "province": 40, "city": 40, "district": 40, "line1": 120}
PHONE_PATTERN = re.compile(r"1[3-9][0-9]{9}")
POSTCODE_PATTERN = re.compile(r"[0-9]{6}")
PHONE_SEPARATORS = str.maketrans("", "", " -")


def _clean_phone(errors: FieldErrors, value) -> str | None:
    phone = _folded(value).translate(PHONE_SEPARATORS).removeprefix("+86")
    if not phone:
        errors.add("phone", _l("This field is required."))
    elif not PHONE_PATTERN.fullmatch(phone):
        errors.add("phone", _l("Give a mainland mobile number: 11 digits starting with 1."))
    else:
        return phone
    return None


def _clean_postcode(errors: FieldErrors, value) -> str | None:
    postcode = _folded(value)
    if not postcode:
        errors.add("postcode", _l("This field is required."))
    elif not POSTCODE_PATTERN.fullmatch(postcode):
        errors.add("postcode", _l("A postcode has 6 digits."))
    else:
        return postcode
    return None


def _clean_is_default(errors: FieldErrors, value) -> bool | None:
    if isinstance(value, bool):
        return value
    errors.add("is_default", _l("Give true or false here."))
    return None


def clean_address(errors: FieldErrors, details: dict, *, partial: bool) -> dict:
    """Address attributes from ``details``; with ``partial`` only the keys given are checked."""
    values = {}
    for name, max_length in ADDRESS_TEXTS.items():
        if not partial or name in details:
            values[name] = clean_text(errors, name, details.get(name), max_length=max_length)
    checks = {"phone": _clean_phone, "postcode": _clean_postcode, "is_default": _clean_is_default}
    for name, check in checks.items():
        if (not partial and name != "is_default") or name in details:
            values[name] = check(errors, details.get(name))
    return values


def _lock_addresses(owner_id: int) -> None:
    """Lock the owner's addresses, in id order, before the default moves: two requests changing
    one shopper's default then run one after the other (PostgreSQL; SQLite writes one at a time)."""
    db.session.scalars(select(Address.id).where(Address.owner_id == owner_id).order_by(Address.id)
                       .with_for_update()).all()


def _clear_default(owner_id: int) -> None:
    _lock_addresses(owner_id)
    db.session.execute(update(Address).where(Address.owner_id == owner_id, Address.is_default.is_(True))
                       .values(is_default=False))


def _has_addresses(owner_id: int) -> bool:
    return db.session.scalar(select(Address.id).where(Address.owner_id == owner_id).limit(1)) is not None


def _insert(address: Address) -> None:
    """Two first addresses racing both want to be the default: the partial unique index lets the
    first win and the other is kept as an ordinary address."""
    try:
        with db.session.begin_nested():
            db.session.add(address)
    except IntegrityError:
        if not address.is_default:
            raise
        address.is_default = False
        db.session.add(address)
        db.session.flush()


def add_address(owner, details: dict, *, now: datetime) -> Address:
    """A new address for ``owner``; it is the default if asked (``is_default``) or if it is the
    owner's first, and the previous default stops being one."""
    errors = FieldErrors()
    values = clean_address(errors, details, partial=False)
    errors.raise_if_any()
    make_default = values.pop("is_default", False) or not _has_addresses(owner.id)
    if make_default:
        _clear_default(owner.id)
    address = Address(owner_id=owner.id, is_default=make_default, created_at=now, updated_at=now, **values)
    _insert(address)
    return address


def addresses_of(owner) -> Select:
    """The owner's addresses, the default first, then the newest (for ``paginate``)."""
    return (select(Address).where(Address.owner_id == owner.id)
            .order_by(Address.is_default.desc(), Address.id.desc()))


def owned_address(owner, address_id) -> Address:
    return _get_owned(Address, owner, address_id)


def update_address(owner, address_id, changes: dict, *, now: datetime) -> Address:
    """Change the given fields; ``is_default: true`` moves the default here. The default cannot
    be unset directly (the shopper would be left without one): another address is made it."""
    address = owned_address(owner, address_id)
    errors = FieldErrors()
    values = clean_address(errors, changes, partial=True)
    make_default = values.pop("is_default", None)
    if make_default is False and address.is_default:
        errors.add("is_default", _l("To change the default address, make another address the default."))
    errors.raise_if_any()
    if make_default and not address.is_default:
        _clear_default(owner.id)
        address.is_default = True
    for name, value in values.items():
        setattr(address, name, value)
    address.updated_at = now
    db.session.flush()
    return address


def delete_address(owner, address_id) -> None:
    """Remove the owner's address; if it was the default, the newest remaining one takes over.
    An order keeps its own copy of the address it ships to, so removing one changes no order."""
    _lock_addresses(owner.id)
    address = owned_address(owner, address_id)
    was_default = address.is_default
    db.session.delete(address)
    db.session.flush()
    if was_default:
        successor = db.session.scalar(select(Address).where(Address.owner_id == owner.id)
                                      .order_by(Address.id.desc()).limit(1))
        if successor is not None:
            successor.is_default = True
            db.session.flush()
