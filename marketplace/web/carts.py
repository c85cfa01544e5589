"""Which cart a page works on: the signed-in shopper's, or the guest's, whose token the signed
session keeps (the cart itself is in the database). Signing in merges the guest's cart."""
from __future__ import annotations

from flask import session
from flask_login import current_user

from marketplace.cart import services as cart
from marketplace.core.clock import utcnow

GUEST_KEY = "cart"


def current_cart(*, create: bool = False):
    now = utcnow()
    if current_user.is_authenticated:
        return cart.user_cart(current_user, now, create=create)
    found = cart.guest_cart(session.get(GUEST_KEY), now, create=create)
    if found is not None and session.get(GUEST_KEY) != found.guest_token:
        session[GUEST_KEY] = found.guest_token
    return found


def item_count() -> int:
    if current_user.is_authenticated:
        return cart.count_for(user_id=current_user.id)
    return cart.count_for(guest_token=session.get(GUEST_KEY))


def merge_guest_cart(user) -> None:
    """Right after sign-in (the caller commits): the guest's lines join the shopper's cart."""
    token = session.pop(GUEST_KEY, None)
    if token:
        now = utcnow()
        guest = cart.guest_cart(token, now, create=False)
        if guest is not None:
            cart.merge(guest, cart.user_cart(user, now), now=now)


def register(app) -> None:
    app.jinja_env.globals["cart_count"] = item_count
