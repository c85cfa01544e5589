"""Platform administration (role admin): the reference data, that is categories, the tax table,
FX rates and warehouses. Every change is written to the audit log by its service."""
from flask import g

from marketplace.api.routing import endpoint
from marketplace.catalog import services as catalog
from marketplace.catalog.schemas import AdminCategorySchema, CategoryCreateSchema
from marketplace.core.clock import utcnow
from marketplace.core.pagination import paginate_list
from marketplace.core.schemas import PageQuery
from marketplace.customs import services as customs
from marketplace.customs.schemas import (
    AdminTaxCategorySchema,
    TaxCategoryCreateSchema,
    TaxCategoryPatchSchema,
)
from marketplace.money import services as money
from marketplace.money.schemas import FxRateBodySchema, FxRateSchema
from marketplace.warehouses import services as warehousing
from marketplace.warehouses.schemas import AdminWarehouseSchema, WarehouseCreateSchema
from marketplace.web.access import ADMIN

OPERATION_PREFIX = "admin"
TAG = "Platform administration"


@endpoint("/admin/categories", "POST", access=ADMIN, body=CategoryCreateSchema, response=AdminCategorySchema,
          status=201, summary="Create a category (at most three levels deep)", tag=TAG, errors=(409, 422))
def create_category(body):
    category = catalog.create_category(g.actor, slug=body["slug"], names=body["name"], parent=body["parent"],
                                       now=utcnow())
    return catalog.category_state(category)


@endpoint("/admin/tax-categories", "POST", access=ADMIN, body=TaxCategoryCreateSchema,
          response=AdminTaxCategorySchema, status=201, summary="Add a tax category to the tax table",
          tag=TAG, errors=(409, 422))
def create_tax_category(body):
    row = customs.create_tax_category(g.actor, code=body.pop("code"), values=body, now=utcnow())
    return customs.tax_category_state(row)


@endpoint("/admin/tax-categories/<code>", "PATCH", access=ADMIN, body=TaxCategoryPatchSchema,
          response=AdminTaxCategorySchema, summary="Change a tax category's names or rates (quotes from "
          "now on; placed orders keep their tax)", tag=TAG, errors=(404, 422))
def update_tax_category(code, body):
    return customs.tax_category_state(customs.update_tax_category(g.actor, code, values=body, now=utcnow()))


@endpoint("/admin/fx-rates", access=ADMIN, query=PageQuery, response=FxRateSchema, paginated=True,
          summary="The FX rates in force now", tag=TAG)
def list_fx_rates(query):
    return paginate_list(money.rates_in_force(utcnow()), **query)


@endpoint("/admin/fx-rates/<currency>", "PUT", access=ADMIN, body=FxRateBodySchema, response=FxRateSchema,
          summary="Set the rate (CNY per unit) used by quotes from now on; placed orders keep theirs",
          tag=TAG, errors=(422,))
def set_fx_rate(currency, body):
    return money.change_rate(g.actor, currency, body["rate"], now=utcnow())


@endpoint("/admin/fx-rates/<currency>/history", access=ADMIN, query=PageQuery, response=FxRateSchema,
          paginated=True, summary="Every rate a currency has had, newest first", tag=TAG, errors=(422,))
def fx_rate_history(currency, query):
    return paginate_list(money.rate_history(money.admin_currency(currency)), **query)


@endpoint("/admin/warehouses", "POST", access=ADMIN, body=WarehouseCreateSchema,
          response=AdminWarehouseSchema, status=201, summary="Register a bonded warehouse with its rate card",
          tag=TAG, errors=(409, 422))
def create_warehouse(body):
    warehouse = warehousing.create_warehouse(g.actor, code=body["code"], name=body["name"], city=body["city"],
                                            shipping=body["shipping"], now=utcnow())
    return warehousing.warehouse_state(warehouse)
