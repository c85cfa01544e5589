"""Forms of the shop pages: settings, inbound notices and the CSV import (CSRF-protected by
Flask-WTF). They only carry text and files: the services check every value, so a page refuses
exactly what the API refuses."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import BooleanField, FieldList, FormField, SelectField, StringField, TextAreaField
from wtforms import Form as PlainForm

REGIME_CHOICES = [("cbec", _l("Cross-border e-commerce (9610)")), ("postal", _l("Personal postal articles"))]
INBOUND_FORM_LINES = 5
INBOUND_STATUS_LABELS = {"announced": _l("Announced"), "received": _l("Received"),
                         "cancelled": _l("Cancelled")}


class ShopSettingsForm(FlaskForm):
    name = StringField(_l("Shop name"))
    description = TextAreaField(_l("Description"))
    avatar = FileField(_l("Avatar (JPEG, PNG or WebP)"))
    base = StringField(_l("Direct mail: fee per parcel (CNY)"))
    per_kg = StringField(_l("Direct mail: fee per started kilogram (CNY)"))
    free_over = StringField(_l("Free shipping from (CNY; empty: never free)"))
    regime = SelectField(_l("Customs regime for direct mail"), choices=REGIME_CHOICES, validate_choice=False)
    no_reason = BooleanField(_l("Accept no-reason returns within 7 days of delivery"))

    def changes(self) -> dict:
        """The service's ``changes``, shaped as the API sends them."""
        direct_mail = {"base": self.base.data, "per_kg": self.per_kg.data,
                       "free_over": (self.free_over.data or "").strip() or None, "regime": self.regime.data}
        return {"name": self.name.data, "description": self.description.data,
                "shipping": {"direct_mail": direct_mail}, "returns": {"no_reason": bool(self.no_reason.data)}}


# Service field names (the API's) → settings form field names.
SETTINGS_FIELDS = {"shipping.direct_mail.base": "base", "shipping.direct_mail.per_kg": "per_kg",
                   "shipping.direct_mail.free_over": "free_over", "shipping.direct_mail.regime": "regime",
                   "returns.no_reason": "no_reason", "file": "avatar"}


class InboundLineForm(PlainForm):
    sku_code = StringField(_l("SKU code"))
    quantity = StringField(_l("Quantity"))


class InboundForm(FlaskForm):
    warehouse = SelectField(_l("Bonded warehouse"), validate_choice=False)
    lines = FieldList(FormField(InboundLineForm), min_entries=INBOUND_FORM_LINES, max_entries=50)


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"))
