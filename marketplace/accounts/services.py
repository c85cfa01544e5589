"""Accounts: registration, sign-in, bearer tokens and roles.

Services take plain arguments (and ``now``) and flush; the caller commits.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from marketplace.accounts.errors import BadCredentials, EmailTaken, InvalidToken, UnknownRole
from marketplace.accounts.models import ROLES, ApiToken, User, UserRole
from marketplace.accounts.passwords import hash_password, needs_rehash, verify_password
from marketplace.audit import services as audit
from marketplace.core.errors import Conflict, NotFound, ValidationFailed
from marketplace.extensions import db
from marketplace.warehouses.models import Warehouse
from marketplace.warehouses.services import warehouse_by_code


def normalise_email(email: str) -> str:
    return email.strip().lower()


def user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def get_user(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        raise NotFound()
    return user


PASSWORD_MIN, PASSWORD_MAX = 8, 128


def check_password(password: str) -> None:
    """The policy, enforced here too so no path (CLI, seed, import) can skip it."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        message = str(_l("The password needs %(min)s to %(max)s characters.",
                         min=PASSWORD_MIN, max=PASSWORD_MAX))
        raise ValidationFailed(message, fields={"password": [message]})


def register_user(email: str, password: str, display_name: str, *, locale: str | None = None,
                  roles: tuple[str, ...] = ()) -> User:
    """Every registered person is a shopper; staff roles are granted separately."""
    email = normalise_email(email)
    check_password(password)
    if user_by_email(email) is not None:
        raise EmailTaken()
    user = User(email=email, password_hash=hash_password(password),
                display_name=display_name.strip(), locale=locale)
    db.session.add(user)
    set_roles(user, ("shopper", *roles))
    db.session.flush()
    return user


def authenticate(email: str, password: str) -> User:
    user = user_by_email(email)
    if not verify_password(user.password_hash if user else None, password) or not user.is_active:
        raise BadCredentials()
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return user


def set_password(user: User, password: str) -> None:
    check_password(password)
    user.password_hash = hash_password(password)


def set_roles(user: User, roles, *, warehouse_id: int | None = None) -> None:
    """Give ``user`` exactly these roles (shopper is always kept)."""
    wanted = set(roles) | {"shopper"}
    unknown = wanted - set(ROLES)
    if unknown:
        message = str(_l("Unknown role: %(roles)s", roles=", ".join(sorted(unknown))))
        raise UnknownRole(message, fields={"roles": [message]})
    if "warehouse" in wanted and warehouse_id is None and user.warehouse_id is None:
        message = str(_l("A warehouse operator needs a warehouse."))
        raise ValidationFailed(message, fields={"warehouse": [message]})
    user.role_rows[:] = [row for row in user.role_rows if row.role in wanted]
    present = {row.role for row in user.role_rows}
    user.role_rows.extend(UserRole(role=role) for role in sorted(wanted - present))
    if warehouse_id is not None:
        user.warehouse_id = warehouse_id


def add_role(user: User, role: str) -> None:
    set_roles(user, (*user.roles, role))


def _token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user: User, *, now: datetime, days: int) -> tuple[str, ApiToken]:
    raw = secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, token_hash=_token_hash(raw), created_at=now,
                     expires_at=now + timedelta(days=days))
    db.session.add(token)
    db.session.flush()
    return raw, token


def user_for_token(raw: str, *, now: datetime) -> User:
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(raw)))
    if token is None or token.revoked_at is not None or token.expires_at <= now:
        raise InvalidToken()
    if not token.user.is_active:
        raise InvalidToken()
    return token.user


def revoke_token(raw: str, *, now: datetime) -> None:
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == _token_hash(raw)))
    if token is not None and token.revoked_at is None:
        token.revoked_at = now


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


# --- The admin's role changes ------------------------------------------------------------------

def find_users(email_fragment: str, *, limit: int = 20) -> list[User]:
    """Users whose email contains the fragment (case-insensitive), for the ops search."""
    fragment = normalise_email(email_fragment or "")
    if not fragment:
        return []
    pattern = "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    statement = select(User).where(User.email.like(pattern, escape="\\")).order_by(User.email).limit(limit)
    return list(db.session.scalars(statement))


def role_state(user: User) -> dict:
    warehouse = db.session.get(Warehouse, user.warehouse_id) if user.warehouse_id else None
    return {"roles": user.roles, "warehouse": warehouse.code if warehouse else None}


def _role_problem(field: str, message) -> ValidationFailed:
    return ValidationFailed(str(message), fields={field: [str(message)]})


def _operator_warehouse(roles: set[str], warehouse_code: str | None) -> int | None:
    if not warehouse_code:
        return None
    if "warehouse" not in roles:
        raise _role_problem("warehouse", _l("Only a warehouse operator is tied to a warehouse."))
    warehouse = warehouse_by_code(warehouse_code)
    if warehouse is None:
        error = _role_problem("warehouse", _l("There is no warehouse with this code."))
        error.code = "unknown_warehouse"
        raise error
    return warehouse.id


def change_roles(actor, user_id: int, roles, *, warehouse_code: str | None = None, now) -> User:
    """The admin gives a user exactly these staff roles. Shopper is always kept; buyer comes and
    goes with the buyer's application, so it is kept as it is and cannot be granted here."""
    user = get_user(user_id)
    wanted = set(roles)
    if "buyer" in wanted and not user.has_role("buyer"):
        raise _role_problem("roles", _l("The buyer role comes with an approved buyer application."))
    if actor is not None and actor.id == user.id and "admin" not in wanted:
        message = str(_l("You cannot remove your own admin role."))
        raise Conflict(message, code="own_admin_role", fields={"roles": [message]})
    wanted |= {"buyer"} if user.has_role("buyer") else set()
    warehouse_id = _operator_warehouse(wanted, warehouse_code)
    before = role_state(user)
    set_roles(user, wanted, warehouse_id=warehouse_id)
    if "warehouse" not in wanted:
        user.warehouse_id = None
    db.session.flush()
    after = role_state(user)
    if after != before:
        audit.record(actor, "user.roles_changed", "user", user.id, before=before, after=after, now=now)
    return user
