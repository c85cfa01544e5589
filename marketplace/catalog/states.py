"""The listing's lifecycle, as data (PRODUCT.md §2).

A delisted listing goes straight back to live when its buyer relists it: its content is still
the approved content, because edits to a published listing (live or delisted) are held in a
revision for review rather than written to the listing.
"""
from marketplace.audit import services as audit
from marketplace.core.states import StateMachine

BUYER, REVIEWER, ADMIN = "buyer", "reviewer", "admin"

LISTING = StateMachine("listing", [
    ("draft", "pending_review", (BUYER,)),
    ("changes_requested", "pending_review", (BUYER,)),
    ("rejected", "pending_review", (BUYER,)),
    ("pending_review", "live", (REVIEWER,)),
    ("pending_review", "rejected", (REVIEWER,)),
    ("pending_review", "changes_requested", (REVIEWER,)),
    ("live", "delisted", (BUYER,)),
    ("delisted", "live", (BUYER,)),
    ("live", "suspended", (ADMIN,)),
    ("delisted", "suspended", (ADMIN,)),
    ("suspended", "live", (ADMIN,)),
], record=audit.record)

# What a review decision moves a listing under first review to.
DECISION_TARGETS = {"approve": "live", "reject": "rejected", "request_changes": "changes_requested"}
# Statuses whose content shoppers have seen approved: edits go to a revision.
PUBLISHED = ("live", "delisted")
# Statuses in which the buyer edits the listing itself.
EDITABLE = ("draft", "rejected", "changes_requested")
