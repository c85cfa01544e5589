"""Every model module, imported in one place for the metadata and Alembic."""
from marketplace.accounts.models import ApiToken, User, UserRole  # noqa: F401
from marketplace.audit.models import AuditEvent  # noqa: F401
from marketplace.cart.models import Cart, CartLine  # noqa: F401
from marketplace.catalog.models import Category, Listing, ListingImage, ListingRevision, Sku, SkuPrice  # noqa: F401
from marketplace.certification.models import ApplicationDocument, BuyerApplication  # noqa: F401
from marketplace.customs.models import CustomsFiling, TaxCategory  # noqa: F401
from marketplace.fulfilment.models import InboundLine, InboundNotice  # noqa: F401
from marketplace.inventory.models import StockLevel, StockReservation  # noqa: F401
from marketplace.jobs.models import JobRecord  # noqa: F401
from marketplace.moderation.models import ModerationSetting, ReviewTask  # noqa: F401
from marketplace.money.models import FxRate  # noqa: F401
from marketplace.orderers.models import Address, Identity  # noqa: F401
from marketplace.orders.models import Checkout, Order, OrderEvent, OrderLine  # noqa: F401
from marketplace.payments.models import Payment, PaymentNotification, Refund, SandboxCharge  # noqa: F401
from marketplace.search.models import SearchDocument  # noqa: F401
from marketplace.shops.follows import ShopFollow  # noqa: F401
from marketplace.shops.models import Shop  # noqa: F401
from marketplace.warehouses.models import Warehouse  # noqa: F401
