"""The editor's other forms: pictures (upload several, move, make cover, remove), the
authenticity proof, submitting for review, delisting and relisting. Each looks the shop's
listing up first (another shop's id is a 404 whatever was posted), then calls one service;
a refusal shows the editor again with the problem next to the form it concerns, status 422."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from buyers_portal import bp
from buyers_portal.listing_views import editor_data, editor_form, render_editor
from marketplace.catalog import listing_images, listings
from marketplace.catalog.errors import invalid
from marketplace.catalog.listing_images import MAX_IMAGES
from marketplace.core.clock import utcnow
from marketplace.core.errors import NotFound, ValidationFailed
from marketplace.extensions import db
from marketplace.storage.images import MAX_IMAGE_BYTES
from marketplace.web import access

MOVES = ("up", "down", "first")


def _back(listing):
    return redirect(url_for("buyers.edit_listing", listing_id=listing.id) + "#pictures")


def _refused(listing, error: ValidationFailed):
    db.session.rollback()
    return render_editor(listing, editor_form(editor_data(listing), posted=False), status=422,
                         problems=error.fields or {"_schema": [error.message]})


def _uploads(name: str) -> list[bytes]:
    files = [upload for upload in request.files.getlist(name) if upload.filename]
    if not files:
        raise invalid(name, _("Choose a file to upload."))
    return [upload.read(MAX_IMAGE_BYTES + 1) for upload in files]


@bp.route("/listings/<int:listing_id>/images", methods=["POST"])
@access.buyer
def upload_images(listing_id):
    """Every chosen picture, or none: one refused file keeps the others out too."""
    listing = listings.get_listing(g.shop, listing_id)
    try:
        pictures = _uploads("images")
        if len(listing.images) + len(pictures) > MAX_IMAGES:
            raise invalid("images", _("A listing has at most %(count)d pictures.", count=MAX_IMAGES))
        for data in pictures:
            listing_images.add_image(g.actor, g.shop, listing, data, now=utcnow())
    except ValidationFailed as error:
        return _refused(listing, ValidationFailed(error.message, fields={"images": _messages(error)}))
    db.session.commit()
    flash(ngettext("%(num)d picture was added.", "%(num)d pictures were added.", len(pictures)), "success")
    return _back(listing)


def _messages(error: ValidationFailed) -> list[str]:
    return [message for messages in error.fields.values() for message in messages] or [error.message]


def _new_order(listing, image_id: int, move: str) -> list[int]:
    order = [image.id for image in listing.images]
    if image_id not in order:
        raise NotFound(_("There is no such picture."))
    if move not in MOVES:
        raise invalid("images", _("Choose where to move the picture."))
    position = order.index(image_id)
    target = {"up": max(position - 1, 0), "down": min(position + 1, len(order) - 1), "first": 0}[move]
    order.insert(target, order.pop(position))
    return order


@bp.route("/listings/<int:listing_id>/images/<int:image_id>/move", methods=["POST"])
@access.buyer
def move_image(listing_id, image_id):
    """Up, down, or first (the cover)."""
    listing = listings.get_listing(g.shop, listing_id)
    try:
        order = _new_order(listing, image_id, request.form.get("move", ""))
        listing_images.reorder_images(g.actor, g.shop, listing, order, now=utcnow())
    except ValidationFailed as error:
        return _refused(listing, ValidationFailed(error.message, fields={"images": _messages(error)}))
    db.session.commit()
    return _back(listing)


@bp.route("/listings/<int:listing_id>/images/<int:image_id>/delete", methods=["POST"])
@access.buyer
def delete_image(listing_id, image_id):
    listing = listings.get_listing(g.shop, listing_id)
    try:
        listing_images.delete_image(g.actor, g.shop, listing, image_id, now=utcnow())
    except ValidationFailed as error:
        return _refused(listing, ValidationFailed(error.message, fields={"images": _messages(error)}))
    db.session.commit()
    flash(_("The picture was removed."), "success")
    return _back(listing)


@bp.route("/listings/<int:listing_id>/proof", methods=["POST"])
@access.buyer
def upload_proof(listing_id):
    listing = listings.get_listing(g.shop, listing_id)
    try:
        listing_images.attach_proof(g.actor, g.shop, listing, _uploads("proof")[0], now=utcnow())
    except ValidationFailed as error:
        return _refused(listing, ValidationFailed(error.message, fields={"proof": _messages(error)}))
    db.session.commit()
    flash(_("The authenticity proof was uploaded."), "success")
    return redirect(url_for("buyers.edit_listing", listing_id=listing.id) + "#proof")


@bp.route("/listings/<int:listing_id>/submit", methods=["POST"])
@access.buyer
def submit_listing(listing_id):
    listing = listings.get_listing(g.shop, listing_id)
    try:
        listings.submit_listing(g.actor, g.shop, listing, now=utcnow())
    except ValidationFailed as error:
        return _refused(listing, error)
    db.session.commit()
    flash(_("The listing was sent for review."), "success")
    return redirect(url_for("buyers.edit_listing", listing_id=listing.id))


@bp.route("/listings/<int:listing_id>/delist", methods=["POST"])
@access.buyer
def delist_listing(listing_id):
    listing = listings.get_listing(g.shop, listing_id)
    listings.delist_listing(g.actor, g.shop, listing, now=utcnow())
    db.session.commit()
    flash(_("The listing was taken off sale."), "success")
    return redirect(url_for("buyers.edit_listing", listing_id=listing.id))


@bp.route("/listings/<int:listing_id>/relist", methods=["POST"])
@access.buyer
def relist_listing(listing_id):
    listing = listings.get_listing(g.shop, listing_id)
    listings.relist_listing(g.actor, g.shop, listing, now=utcnow())
    db.session.commit()
    flash(_("The listing is on sale again."), "success")
    return redirect(url_for("buyers.edit_listing", listing_id=listing.id))
