"""The shop's listings: the table with filters, search and bulk delisting, and the editor.

Saving is PRG: a valid form commits and redirects; a refused one is shown again with the
service's problems next to its fields, status 422, and nothing written. The matrix buttons
(generate the SKU rows, add a row) re-show the form without saving, for browsers without JS.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from marshmallow import ValidationError

from buyers_portal import bp
from buyers_portal.listing_editor import (
    THUMBNAIL_WIDTH,
    fill_choices,
    gallery,
    listing_data,
    new_listing_data,
    review_state,
    shop_language,
)
from buyers_portal.listing_forms import ListingForm, add_row, generate_rows, listing_body, show_listing_errors
from marketplace.catalog import listings, revisions
from marketplace.catalog.models import LISTING_STATUSES, Listing
from marketplace.catalog.schemas import ListingBodySchema, ListingQuerySchema
from marketplace.core.clock import utcnow
from marketplace.core.errors import ValidationFailed
from marketplace.core.pagination import paginate
from marketplace.extensions import db
from marketplace.inventory.services import own_stock
from marketplace.moderation.services import reason_label
from marketplace.money.money import Money
from marketplace.storage import get_storage
from marketplace.web import access
from marketplace.web.forms import flatten_messages

PER_PAGE = 20


# --- The table ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class TableRow:
    listing: Listing
    thumbnail_url: str | None
    lowest: Money | None
    highest: Money | None
    stock: int
    pending: bool  # content changes waiting for review


def table_rows(items: list[Listing]) -> list[TableRow]:
    pending, storage = revisions.pending_listing_ids([listing.id for listing in items]), get_storage()
    rows = []
    for listing in items:
        cover = listing.images[0] if listing.images else None
        thumbnail = (cover.thumbnails or {}).get(THUMBNAIL_WIDTH) if cover else None
        prices = [Money(sku.price, sku.currency) for sku in listing.skus]
        rows.append(TableRow(listing, storage.public_url(thumbnail) if thumbnail else None,
                             min(prices) if prices else None, max(prices) if prices else None,
                             sum(own_stock(sku) for sku in listing.skus), listing.id in pending))
    return rows


def _table_query() -> dict:
    """?status=&q=&page= read by the API's own query schema (a bad value is a 422 page)."""
    args = {name: value for name, value in request.args.items() if value != "" and name != "per_page"}
    return ListingQuerySchema().load(args)


@bp.route("/listings")
@access.buyer
def listing_table():
    query = _table_query()
    statement = listings.shop_listing_table(g.shop, status=query["status"], q=query["q"])
    page = paginate(statement, query["page"], PER_PAGE)
    return render_template("buyers/listings.html", page=page, rows=table_rows(page.items),
                           status=query["status"] or "", q=query["q"] or "", statuses=LISTING_STATUSES)


def _selected_listings() -> list[Listing]:
    """The ticked listings: each one the shop's, or the whole request is a 404."""
    ids = request.form.getlist("ids", type=int)
    return [listings.get_listing(g.shop, listing_id) for listing_id in dict.fromkeys(ids)]


@bp.route("/listings/delist", methods=["POST"])
@access.buyer
def bulk_delist():
    """First post: a confirmation page; the confirmed post delists the live ones."""
    selected = _selected_listings()
    live = [listing for listing in selected if listing.status == "live"]
    if request.form.get("confirm") != "yes" or not live:
        status = 200 if live else 422
        return render_template("buyers/delist_confirm.html", selected=selected, live=live), status
    now = utcnow()
    for listing in live:
        listings.delist_listing(g.actor, g.shop, listing, now=now)
    db.session.commit()
    flash(ngettext("%(num)d listing was taken off sale.", "%(num)d listings were taken off sale.", len(live)),
          "success")
    return redirect(url_for("buyers.listing_table"))


# --- The editor --------------------------------------------------------------------------------

def editor_form(data: dict | None, *, posted: bool) -> ListingForm:
    """The posted form, or one prefilled with ``data``."""
    form = ListingForm() if posted else ListingForm(formdata=None, data=data)
    return fill_choices(form, g.shop)


def _matrix_action(form: ListingForm) -> bool:
    """The generator's buttons re-show the form with new rows and save nothing."""
    if "generate" in request.form:
        generate_rows(form)
    elif "add_row" in request.form:
        add_row(form)
    else:
        return False
    return True


def save(form: ListingForm, listing: Listing | None) -> Listing | None:
    """Create or update through the API's schema and the listing service; None when refused."""
    body, rows, problems = listing_body(form, g.shop.currency)
    try:
        loaded = ListingBodySchema().load(body)
    except ValidationError as error:
        problems = {**flatten_messages(error.messages), **problems}
    try:
        if problems:
            raise ValidationFailed(_("Some values are not valid."), fields=problems)
        if listing is None:
            return listings.create_listing(g.actor, g.shop, loaded, now=utcnow())
        return listings.update_listing(g.actor, g.shop, listing, loaded, now=utcnow())
    except ValidationFailed as error:
        db.session.rollback()
        show_listing_errors(form, error.fields or {"_schema": [error.message]}, rows)
        return None


def render_editor(listing: Listing | None, form: ListingForm, *, status: int = 200, problems=None):
    """The editor page; ``problems`` are the gallery's, proof's or submission's refusals."""
    context = {"listing": listing, "form": form, "problems": problems or {}, "currency": g.shop.currency,
               "language": shop_language(g.shop), "reason_label": reason_label}
    if listing is not None:
        context.update(review_state(listing), images=gallery(listing), proof_url=_proof_url(listing))
    return render_template("buyers/listing_editor.html", **context), status


def _proof_url(listing: Listing) -> str | None:
    if not listing.proof_key:
        return None
    return get_storage().signed_url(listing.proof_key, expires_in=current_app.config["SIGNED_URL_SECONDS"])


@bp.route("/listings/new", methods=["GET", "POST"])
@access.buyer
def new_listing():
    form = editor_form(new_listing_data(g.shop), posted=request.method == "POST")
    if request.method == "POST" and _matrix_action(form):
        return render_editor(None, form)
    if form.validate_on_submit():
        listing = save(form, None)
        if listing is not None:
            db.session.commit()
            flash(_("The listing was saved as a draft. Add its pictures and the proof, then submit it."),
                  "success")
            return redirect(url_for("buyers.edit_listing", listing_id=listing.id))
    return render_editor(None, form, status=422 if request.method == "POST" else 200)


@bp.route("/listings/<int:listing_id>/edit", methods=["GET", "POST"])
@access.buyer
def edit_listing(listing_id):
    listing = listings.get_listing(g.shop, listing_id)
    form = editor_form(editor_data(listing), posted=request.method == "POST")
    if request.method == "POST" and _matrix_action(form):
        return render_editor(listing, form)
    if form.validate_on_submit() and save(form, listing) is not None:
        db.session.commit()
        flash(saved_message(listing), "success")
        return redirect(url_for("buyers.edit_listing", listing_id=listing.id))
    return render_editor(listing, form, status=422 if request.method == "POST" else 200)


def editor_data(listing: Listing) -> dict:
    state = review_state(listing)
    return listing_data(listing, state["revision"])


def saved_message(listing: Listing) -> str:
    if revisions.pending_revision(listing) is not None:
        return _("Your changes were saved and wait for review; shoppers see the approved version until then.")
    return _("The listing was saved.")
