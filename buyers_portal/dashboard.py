"""The portal's home: the shop's listings by status, orders needing action, and the review
queue's latest decisions on the shop's listings."""
from __future__ import annotations

from flask import g, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from buyers_portal import bp
from marketplace.catalog import services as catalog
from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.moderation.models import ReviewTask
from marketplace.moderation.services import reason_label
from marketplace.web import access

RECENT_DECISIONS = 5
DECISION_LABELS = {"approve": _l("Approved"), "reject": _l("Rejected"),
                   "request_changes": _l("Changes requested")}


def recent_decisions(shop, limit: int = RECENT_DECISIONS) -> list[tuple[ReviewTask, Listing]]:
    """The latest final decisions on the shop's listings, newest first. Review tasks are not
    shop-owned rows, so the shop is named here explicitly; the listing join is scoped too."""
    statement = (select(ReviewTask, Listing).join(Listing, Listing.id == ReviewTask.subject_id)
                 .where(ReviewTask.kind == "listing", ReviewTask.shop_id == shop.id,
                        ReviewTask.status == "decided", Listing.shop_id == shop.id)
                 .order_by(ReviewTask.decided_at.desc(), ReviewTask.id.desc()).limit(limit))
    return [(task, listing) for task, listing in db.session.execute(statement)]


@bp.route("/")
@access.buyer
def dashboard():
    return render_template("buyers/dashboard.html", shop=g.shop,
                           listing_counts=catalog.listing_counts_by_status(g.shop),
                           decisions=recent_decisions(g.shop), decision_labels=DECISION_LABELS,
                           reason_label=reason_label)
