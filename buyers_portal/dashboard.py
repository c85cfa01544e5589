"""The portal's home: the shop's listings by status, orders needing action, and the review
queue's latest decisions on the shop's listings."""
from __future__ import annotations

from flask import g, render_template
from flask_babel import lazy_gettext as _l

from buyers_portal import bp
from marketplace.catalog import review
from marketplace.catalog import services as catalog
from marketplace.moderation.services import reason_label
from marketplace.web import access

DECISION_LABELS = {"approve": _l("Approved"), "reject": _l("Rejected"),
                   "request_changes": _l("Changes requested")}


@bp.route("/")
@access.buyer
def dashboard():
    return render_template("buyers/dashboard.html", shop=g.shop,
                           listing_counts=catalog.listing_counts_by_status(g.shop),
                           decisions=review.recent_decisions(g.shop), decision_labels=DECISION_LABELS,
                           reason_label=reason_label)
