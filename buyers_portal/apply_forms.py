"""The buyer application form (CSRF-protected by Flask-WTF). It only carries text and files: the
certification service checks every value, so the page refuses exactly what the API refuses."""
from __future__ import annotations

import re

from babel import Locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FileField, SelectField, SelectMultipleField, StringField, TextAreaField, widgets

from marketplace.catalog.services import category_tree
from marketplace.certification.validation import COUNTRIES, HOME_MARKET
from marketplace.web.i18n import current_locale

DOCUMENT_LABELS = {
    "identity": _l("Identity: a photo of you holding your passport or national ID"),
    "residence": _l("Proof of residence abroad, dated within the last 3 months"),
    "sourcing": _l("Proof of sourcing: store receipts"),
}


class ApplicationForm(FlaskForm):
    legal_name = StringField(_l("Legal name"))
    country = SelectField(_l("Country of residence"), validate_choice=False)
    city = StringField(_l("City"))
    languages = StringField(_l("Languages you speak"))
    categories = SelectMultipleField(_l("Categories you source"), validate_choice=False,
                                     widget=widgets.ListWidget(prefix_label=False),
                                     option_widget=widgets.CheckboxInput())
    bio = TextAreaField(_l("About you"))
    social_links = TextAreaField(_l("Social media links"))
    shop_name = StringField(_l("Shop name"))
    identity = FileField(DOCUMENT_LABELS["identity"])
    residence = FileField(DOCUMENT_LABELS["residence"])
    sourcing = FileField(DOCUMENT_LABELS["sourcing"])

    def fill_choices(self) -> None:
        locale = Locale.parse(current_locale())
        countries = sorted(((code, locale.territories.get(code, code)) for code in COUNTRIES
                            if code != HOME_MARKET), key=lambda choice: choice[1])
        self.country.choices = [("", _l("Choose a country"))] + countries
        self.categories.choices = [(category.slug, category.name(current_locale()))
                                   for top in category_tree() for category in (top, *top.children)]

    def values(self) -> dict:
        """The service's values, shaped as the API sends them."""
        return {"legal_name": self.legal_name.data, "country": self.country.data, "city": self.city.data,
                "languages": split_codes(self.languages.data), "categories": list(self.categories.data or []),
                "bio": self.bio.data, "social_links": (self.social_links.data or "").split(),
                "shop_name": self.shop_name.data}

    def files(self) -> dict:
        """The document files chosen, by kind (an empty file input sends a nameless part)."""
        return {kind: getattr(self, kind).data for kind in DOCUMENT_LABELS
                if getattr(getattr(self, kind).data, "filename", None)}


def split_codes(text: str | None) -> list[str]:
    return [code for code in re.split(r"[\s,;，、]+", text or "") if code]


def form_data(application) -> dict:
    """An application's values as the form shows them."""
    return {"legal_name": application.legal_name, "country": application.country, "city": application.city,
            "languages": ", ".join(application.languages), "categories": list(application.categories),
            "bio": application.bio, "social_links": "\n".join(application.social_links),
            "shop_name": application.shop_name or ""}
