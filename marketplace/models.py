"""Every model module, imported in one place for the metadata and Alembic."""
from marketplace.accounts.models import ApiToken, User, UserRole  # noqa: F401
from marketplace.catalog.models import Category, Listing, ListingImage, Sku, StockLevel  # noqa: F401
from marketplace.customs.models import TaxCategory  # noqa: F401
from marketplace.fulfilment.models import Warehouse  # noqa: F401
from marketplace.money.models import FxRate  # noqa: F401
from marketplace.shops.models import Shop  # noqa: F401
