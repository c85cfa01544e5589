"""The cart page, and adding to it from a product page (a plain form POST, or htmx, which then
swaps the header's cart count)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from consumer_site import bp
from consumer_site.params import form_number
from marketplace.cart import services as cart
from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError, NotFound
from marketplace.extensions import csrf, db
from marketplace.web import access
from marketplace.web.auth_views import is_local_path
from marketplace.web.carts import current_cart, item_count
from marketplace.web.i18n import current_locale
from marketplace.web.security import protect_form_post


def _problem(error: DomainError) -> str:
    """The one thing to tell the shopper: the field's message if there is one."""
    return next(iter(error.fields.values()))[0] if error.fields else error.message


def _back(default: str) -> str:
    target = request.form.get("next", "")
    return target if is_local_path(target) else default


@bp.route("/cart")
@access.public
def cart_page():
    now = utcnow()
    shown = cart.view(current_cart(), locale=current_locale(), now=now)
    return render_template("consumer/cart.html", cart=shown, max_quantity=cart.MAX_LINE_QUANTITY)


def _count_fragment(message: str, category: str, status: int = 200):
    return render_template("consumer/_cart_count.html", count=item_count(), message=message,
                           category=category), status


@bp.route("/cart/items", methods=["POST"])
@csrf.exempt
@access.public
def add_to_cart():
    protect_form_post(csrf)
    product_page = _back(url_for("consumer.cart_page"))
    try:
        form = request.form
        cart.add_item(current_cart(create=True), form_number(form, "sku"), form_number(form, "quantity", 1),
                      form.get("route"), now=utcnow())
    except DomainError as error:
        db.session.rollback()
        message = _problem(error)
        if request.headers.get("HX-Request"):
            return _count_fragment(message, "error", 422)
        flash(message, "error")
        return redirect(product_page)
    db.session.commit()
    if request.headers.get("HX-Request"):
        return _count_fragment(_("Added to your cart."), "success")
    flash(_("Added to your cart."), "success")
    return redirect(product_page)


@bp.route("/cart/items/<int:line_id>", methods=["POST"])
@access.public
def change_cart_item(line_id):
    try:
        basket = current_cart()
        if basket is None:
            raise NotFound(_("There is no such item in your cart."))
        if request.form.get("remove"):
            cart.remove_item(basket, line_id, now=utcnow())
        else:
            cart.set_quantity(basket, line_id, form_number(request.form, "quantity"), now=utcnow())
    except DomainError as error:
        db.session.rollback()
        flash(_problem(error), "error")
        return redirect(url_for("consumer.cart_page")), 303
    db.session.commit()
    return redirect(url_for("consumer.cart_page")), 303
