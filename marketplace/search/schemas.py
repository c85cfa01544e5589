"""The catalogue search's query parameters, shared by the API and the search page. Bad values get
a translated message per field; a value that is well-formed but matches nothing (an unknown
category or country) is not an error, it simply finds nothing."""
from __future__ import annotations

from decimal import Decimal

from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields, validate, validates_schema

from marketplace.catalog.models import ROUTES
from marketplace.core.schemas import DecimalString, PageQuery
from marketplace.search.filters import SORTS

MAX_PRICE = Decimal(10) ** 9


class SearchQuerySchema(PageQuery):
    q = fields.String(load_default="", metadata={"description": "Words in Chinese or English; any text"})
    category = fields.String(load_default=None, validate=validate.Length(
        max=64, error=_l("At most {max} characters.")),
        metadata={"description": "Category slug; its subcategories are included"})
    min_price = DecimalString(load_default=None, minimum=0, maximum=MAX_PRICE, places=2,
                              metadata={"description": "Lowest price in CNY"})
    max_price = DecimalString(load_default=None, minimum=0, maximum=MAX_PRICE, places=2,
                              metadata={"description": "Highest price in CNY"})
    country = fields.String(load_default=None, validate=validate.Regexp(
        r"^[A-Za-z]{2}$", error=_l("Give a two-letter country code, such as US.")),
        metadata={"description": "Origin country, ISO 3166 two-letter code"})
    route = fields.String(load_default=None, validate=validate.OneOf(
        ROUTES, error=_l("Choose one of: {choices}.")))
    in_stock = fields.Boolean(load_default=False, metadata={"description": "true: only listings in stock"})
    sort = fields.String(load_default="relevance", validate=validate.OneOf(
        SORTS, error=_l("Choose one of: {choices}.")))

    @validates_schema
    def _price_range(self, data, **kwargs):
        low, high = data.get("min_price"), data.get("max_price")
        if low is not None and high is not None and low > high:
            raise ValidationError(str(_l("The lowest price must not be above the highest.")), "min_price")
