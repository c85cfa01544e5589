"""A buyer's shop page, following it, and the shopper's list of followed shops."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import ValidationError

from consumer_site import bp
from consumer_site.params import PER_PAGE, page_number
from marketplace.catalog import storefront
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.shops import follows
from marketplace.web import access
from marketplace.web.i18n import current_locale
from marketplace.web.page_cache import anonymous_page


@bp.route("/shop/<slug>")
@access.public
@anonymous_page
def shop(slug):
    card = storefront.shop_by_slug(slug)
    try:
        page = page_number(request.args)
    except ValidationError as error:
        return render_template("consumer/shop.html", shop=card, cards=[], total=0, page=1, pages=1,
                               following=False, errors=error.messages), 400
    cards, total = storefront.shop_listings(card.id, page=page, per_page=PER_PAGE, locale=current_locale(),
                                            now=utcnow())
    following = follows.is_following(current_user, card.id) if current_user.is_authenticated else False
    return render_template("consumer/shop.html", shop=card, cards=cards, total=total, page=page,
                           pages=max(1, -(-total // PER_PAGE)), following=following, errors={})


def _back_to(shop_slug: str):
    """Where the form came from, if it is a page of ours; the shop page otherwise."""
    target = request.form.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = url_for("consumer.shop", slug=shop_slug)
    return redirect(target)


@bp.route("/shop/<slug>/follow", methods=["POST"])
@access.shopper
def follow(slug):
    shop_row = follows.shop_by_slug(slug)
    follows.follow(current_user, shop_row, now=utcnow())
    db.session.commit()
    flash(_("You follow %(shop)s.", shop=shop_row.name))
    return _back_to(slug)


@bp.route("/shop/<slug>/unfollow", methods=["POST"])
@access.shopper
def unfollow(slug):
    shop_row = follows.shop_by_slug(slug)
    follows.unfollow(current_user, shop_row)
    db.session.commit()
    flash(_("You no longer follow %(shop)s.", shop=shop_row.name))
    return _back_to(slug)


@bp.route("/account/following")
@access.shopper
def following():
    return render_template("consumer/following.html", shops=storefront.followed_shop_cards(current_user))
