"""Forms of the admin's ops pages (CSRF-protected by Flask-WTF). They only carry text: the
services check every value, so a page refuses exactly what the API refuses."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, SelectMultipleField, StringField, widgets


class CategoryForm(FlaskForm):
    slug = StringField(_l("Slug"))
    name_zh = StringField(_l("Name in Chinese"))
    name_en = StringField(_l("Name in English"))
    parent = SelectField(_l("Parent category"), validate_choice=False)


class TaxCategoryEditForm(FlaskForm):
    name_zh = StringField(_l("Name in Chinese"))
    name_en = StringField(_l("Name in English"))
    vat_rate = StringField(_l("VAT rate"))
    consumption_tax_rate = StringField(_l("Consumption tax rate"))
    tariff_rate = StringField(_l("Tariff rate"))
    postal_rate = StringField(_l("Postal rate"))
    on_positive_list = BooleanField(_l("On the positive list"))

    def values(self) -> dict:
        """The service's ``values``, shaped as the API sends them."""
        rates = {name: getattr(self, name).data for name in
                 ("vat_rate", "consumption_tax_rate", "tariff_rate", "postal_rate")}
        return {"name": {"zh_CN": self.name_zh.data, "en": self.name_en.data},
                "on_positive_list": self.on_positive_list.data, **rates}


class TaxCategoryForm(TaxCategoryEditForm):
    code = StringField(_l("Code"))


class FxRateForm(FlaskForm):
    currency = StringField(_l("Currency"))
    rate = StringField(_l("Rate (CNY per unit)"))


class WarehouseForm(FlaskForm):
    code = StringField(_l("Code"))
    name = StringField(_l("Name"))
    city = StringField(_l("City"))
    shipping_base = StringField(_l("Fee per parcel (CNY)"))
    shipping_per_kg = StringField(_l("Fee per started kilogram (CNY)"))


class RolesForm(FlaskForm):
    roles = SelectMultipleField(_l("Staff roles"), validate_choice=False,
                                widget=widgets.ListWidget(prefix_label=False),
                                option_widget=widgets.CheckboxInput())
    warehouse = SelectField(_l("Warehouse (for warehouse operators)"), validate_choice=False)


# Service field names (the API's) → form field names.
CATEGORY_FIELDS = {"name.zh_CN": "name_zh", "name.en": "name_en"}
TAX_CATEGORY_FIELDS = {"name.zh_CN": "name_zh", "name.en": "name_en"}
WAREHOUSE_FIELDS = {"shipping.base": "shipping_base", "shipping.per_kg": "shipping_per_kg"}
