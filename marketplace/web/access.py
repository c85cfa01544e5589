"""Who may call a route: one rule per view, declared with a decorator and checked before the
view runs. A test walks ``app.url_map`` and requires every route to carry a rule.

``buyer`` routes also resolve the caller's shop once and open the tenancy scope
(``marketplace.shops.tenancy``) for the whole request, so no buyer route can forget it.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import g, request
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from marketplace.core.errors import Forbidden, Unauthorized
from marketplace.shops.tenancy import shop_scope


@dataclass(frozen=True)
class Rule:
    name: str
    roles: tuple[str, ...] = ()
    shop_scoped: bool = False


PUBLIC = Rule("public")
SHOPPER = Rule("shopper", ("shopper",))
BUYER = Rule("buyer", ("buyer",), shop_scoped=True)
REVIEWER = Rule("reviewer", ("reviewer",))
WAREHOUSE = Rule("warehouse", ("warehouse",))
ADMIN = Rule("admin", ("admin",))
RULES = (PUBLIC, SHOPPER, BUYER, REVIEWER, WAREHOUSE, ADMIN)


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def current_actor():
    """The signed-in user: by bearer token on the API, by session cookie on pages."""
    if is_api_request():
        return g.get("api_user")
    return current_user if current_user.is_authenticated else None


def check(rule: Rule):
    """Raise unless the current caller satisfies ``rule``; return the caller (or None)."""
    actor = current_actor()
    if rule is PUBLIC:
        return actor
    if actor is None:
        raise Unauthorized(str(_l("Please sign in first.")))
    if rule.roles and not actor.has_role(*rule.roles):
        raise Forbidden(str(_l("Your account is not allowed to do this.")))
    if rule.shop_scoped and actor.shop is None:
        raise Forbidden(str(_l("This needs a shop, which comes with an approved buyer application.")))
    return actor


def requires(rule: Rule):
    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            actor = check(rule)
            g.actor = actor
            if not rule.shop_scoped:
                return view(*args, **kwargs)
            g.shop = actor.shop
            with shop_scope(actor.shop.id):
                return view(*args, **kwargs)

        guarded.access_rule = rule
        return guarded

    return decorate


public = requires(PUBLIC)
shopper = requires(SHOPPER)
buyer = requires(BUYER)
reviewer = requires(REVIEWER)
warehouse = requires(WAREHOUSE)
admin = requires(ADMIN)


def rule_of(view) -> Rule | None:
    return getattr(view, "access_rule", None)
