"""How the domains react to each other, in one place you can read top to bottom.

A lower domain announces (a blinker signal declared in its ``events.py``); a higher one reacts
(a function in its own package); this module, called once by the app factory, connects them.
Session events that are a mechanism of their own (the outbox, tenancy, the append-only audit
log, per-transaction caches, the catalogue's change tracking) are installed here too.
"""
from __future__ import annotations

from marketplace.audit import models as audit_models
from marketplace.catalog import changes as catalog_changes
from marketplace.catalog import review as catalog_review
from marketplace.catalog.events import listing_changed
from marketplace.certification import review as certification_review
from marketplace.certification import services as certification
from marketplace.checkout import settlement
from marketplace.core import session_events
from marketplace.inventory.events import stock_changed
from marketplace.jobs import outbox
from marketplace.moderation import subjects
from marketplace.moderation.events import review_decided
from marketplace.money import services as money
from marketplace.money.events import rates_changed
from marketplace.orderers import services as orderers
from marketplace.orders import services as orders
from marketplace.payments.events import payment_succeeded
from marketplace.search import sync as search_sync
from marketplace.shops import tenancy


def register_handlers() -> None:
    install_session_events()
    connect_review_kinds()
    connect_catalogue_followers()
    connect_checkout()


def install_session_events() -> None:
    for module in (outbox, tenancy, audit_models, money, catalog_changes):
        session_events.install(module.SESSION_EVENTS)


def connect_review_kinds() -> None:
    """Each review-task kind: the loader of its subject and the receiver of its decisions."""
    subjects.register("listing", catalog_review.listing_subject)
    review_decided.connect(catalog_review.on_review_decided, sender="listing")
    subjects.register("buyer_application", certification_review.application_subject)
    review_decided.connect(certification.on_review_decided, sender="buyer_application")


def connect_catalogue_followers() -> None:
    stock_changed.connect(catalog_changes.on_stock_changed)
    listing_changed.connect(search_sync.on_listing_changed)
    rates_changed.connect(search_sync.on_rates_changed)


def connect_checkout() -> None:
    """A verified payment settles its checkout; an identity an open order names stays."""
    payment_succeeded.connect(settlement.on_payment_succeeded)
    orderers.register_in_use_check(orders.identity_has_open_orders)
