"""What the listing editor shows: the form's choices, the form prefilled from a listing (and its
pending revision), the gallery, and the review state. Reads only; the views write."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from babel import Locale
from babel.languages import get_official_languages
from flask_babel import gettext as _

from buyers_portal.listing_forms import ListingForm, axes_from_rows, format_options
from marketplace.catalog import revisions
from marketplace.catalog.content import content_of, sku_rows
from marketplace.catalog.models import Listing, ListingRevision
from marketplace.catalog.services import category_forest
from marketplace.catalog.states import EDITABLE, PUBLISHED
from marketplace.customs.services import tax_categories
from marketplace.money.money import Money, round_half_up
from marketplace.storage import get_storage
from marketplace.web.i18n import current_locale

THUMBNAIL_WIDTH = "200"


def _category_choices(locale: str) -> list[tuple[str, str]]:
    choices = []

    def walk(nodes, trail: str) -> None:
        for node in nodes:
            name = f"{trail} › {node.category.name(locale)}" if trail else node.category.name(locale)
            choices.append((node.category.slug, name))
            walk(node.children, name)

    walk(category_forest(), "")
    return choices


def _country_choices(locale: str) -> list[tuple[str, str]]:
    names = Locale.parse(locale).territories
    countries = [(code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()]
    return sorted(countries, key=lambda pair: pair[1])


def shop_language(shop) -> str | None:
    """The shop's own language, named in the page's language (None when it is English)."""
    languages = get_official_languages(shop.country, de_facto=True)
    if not languages or languages[0] in ("en", "zh"):
        return None
    return Locale.parse(languages[0]).get_display_name(Locale.parse(current_locale())) or languages[0]


def fill_choices(form: ListingForm, shop) -> ListingForm:
    locale = current_locale()
    choose = ("", _("Choose…"))
    form.category.choices = [choose, *_category_choices(locale)]
    form.tax_category.choices = [choose, *[(row.code, f"{row.name(locale)} ({row.code})")
                                           for row in tax_categories()]]
    form.origin_country.choices = [choose, *_country_choices(locale)]
    language = shop_language(shop)
    if language:
        form.title_local.label.text = _("Title (%(language)s)", language=language)
        form.description_local.label.text = _("Description (%(language)s)", language=language)
    return form


def new_listing_data(shop) -> dict:
    return {"origin_country": shop.country, "routes": ["direct_mail"], "axes": axes_from_rows([]),
            "skus": [{}]}


def listing_data(listing: Listing, revision: ListingRevision | None) -> dict:
    """The form as the buyer last left it: a pending revision's changes over the live content."""
    content = {**content_of(listing), **(revision.content if revision else {})}
    proposed = revision.skus if revision is not None and revision.skus is not None else None
    rows = [dict(row) for row in (proposed if proposed is not None else sku_rows(listing))]
    held = revision.prices if revision else {}
    currency = listing.shop.currency
    skus = [{"code": row["code"], "options": format_options(row["options"]),
             "price": held.get(row["code"], str(round_half_up(Decimal(str(row["price"])), currency))),
             "weight_g": str(row["weight_g"]), "stock": str(row["stock"])} for row in rows]
    data = {name: content[name] for name in ("category", "brand", "origin_country", "tax_category", "routes")}
    for name in ("title", "description"):
        for language, suffix in (("zh_CN", "zh"), ("en", "en"), ("local", "local")):
            data[f"{name}_{suffix}"] = content[name][language] or ""
    return {**data, "axes": axes_from_rows(rows), "skus": [*skus, {}]}


@dataclass(frozen=True)
class GalleryImage:
    id: int
    position: int
    url: str
    thumbnail_url: str | None  # None until the background job has made it: show a placeholder
    pending: bool


def gallery(listing: Listing) -> list[GalleryImage]:
    storage = get_storage()
    return [GalleryImage(image.id, image.position, storage.public_url(image.storage_key),
                         storage.public_url(image.thumbnails[THUMBNAIL_WIDTH])
                         if THUMBNAIL_WIDTH in (image.thumbnails or {}) else None, image.pending)
            for image in listing.images]


def review_state(listing: Listing) -> dict:
    """What the editor says about review: the pending revision, prices held for review, and the
    reviewer's reasons when the listing (or the buyer's last revision) was sent back."""
    pending = revisions.pending_revision(listing)
    latest = pending or revisions.latest_revision(listing)
    sent_back = listing.status in ("rejected", "changes_requested") or (
        latest is not None and latest.status == "rejected")
    prices = pending.prices if pending is not None else {}
    held = {code: Money(Decimal(amount), listing.shop.currency) for code, amount in prices.items()}
    return {"revision": pending, "held_prices": held,
            "sent_back": sent_back and bool(listing.review_reasons or listing.review_note),
            "editable": listing.status in EDITABLE + PUBLISHED, "submittable": listing.status in EDITABLE}
