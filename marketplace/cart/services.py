"""Keeping a cart: add, change, remove, merge on sign-in, and reading it as the shopper sees it.

A line is a SKU, a quantity and a route (``direct_mail`` or ``bonded``): only a route the
listing offers and has stock for can be added, and never more units than that route has. Prices
and stock are read as they are now; a price change since the line was added, a sold-out SKU or a
listing taken off sale is shown on the line, never silently changed. Services flush; the caller
commits.
"""
from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from marketplace.cart.models import Cart, CartLine
from marketplace.catalog import listings
from marketplace.catalog.models import ROUTES
from marketplace.catalog.storefront import localised, sku_label
from marketplace.core.checks import FieldErrors
from marketplace.core.errors import NotFound, ValidationFailed
from marketplace.extensions import db
from marketplace.inventory import services as inventory
from marketplace.money import services as money
from marketplace.money.money import BASE_CURRENCY, Money

MAX_LINE_QUANTITY = 99
MAX_LINES = 50


class OutOfStock(ValidationFailed):
    code = "out_of_stock"


# --- Finding the cart --------------------------------------------------------------------------

def _new_cart(now: datetime, **owner) -> Cart:
    cart = Cart(created_at=now, updated_at=now, **owner)
    db.session.add(cart)
    db.session.flush()
    return cart


def _loaded(statement):
    return db.session.scalar(statement.options(selectinload(Cart.lines)))


def user_cart(user, now: datetime, *, create: bool = True) -> Cart | None:
    cart = _loaded(select(Cart).where(Cart.user_id == user.id))
    return cart if cart is not None or not create else _new_cart(now, user_id=user.id)


def guest_cart(token: str | None, now: datetime, *, create: bool = True) -> Cart | None:
    """The guest's cart by the token their session holds; a new one (with a new token) if asked."""
    cart = _loaded(select(Cart).where(Cart.guest_token == token)) if token else None
    return cart if cart is not None or not create else _new_cart(now, guest_token=secrets.token_urlsafe(32))


def item_count(cart: Cart | None) -> int:
    return sum(line.quantity for line in cart.lines) if cart is not None else 0


# --- Changing it ------------------------------------------------------------------------------

def _quantity(errors: FieldErrors, value) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        errors.add("quantity", _l("Give a whole number."))
        return None
    if not 1 <= value <= MAX_LINE_QUANTITY:
        errors.add("quantity", _l("Between 1 and %(max)d.", max=MAX_LINE_QUANTITY))
        return None
    return value


def _sellable_sku(sku_id, route):
    """The live SKU asked for on a route its listing offers; 404 for any SKU not on sale."""
    sku = listings.skus_with_listings([sku_id]).get(sku_id) if isinstance(sku_id, int) else None
    if sku is None or sku.listing.status != "live":
        raise NotFound(str(_l("There is no such product.")))
    if route not in ROUTES or route not in (sku.listing.routes or ()):
        message = str(_l("This product is not delivered that way."))
        raise ValidationFailed(message, fields={"route": [message]})
    return sku


def _check_stock(sku, route: str, quantity: int) -> None:
    available = inventory.available(sku, route)
    if available <= 0:
        message = str(_l("This product is sold out for this delivery."))
        raise OutOfStock(message, fields={"quantity": [message]})
    if quantity > available:
        message = str(_l("Only %(count)d available: choose at most that many.", count=available))
        raise OutOfStock(message, fields={"quantity": [message]})


def _same_line(cart: Cart, sku_id: int, route: str) -> CartLine | None:
    return next((line for line in cart.lines if line.sku_id == sku_id and line.route == route), None)


def add_item(cart: Cart, sku_id, quantity, route, *, now: datetime) -> CartLine:
    """Add ``quantity`` units (to the line of the same SKU and route, if there is one)."""
    errors = FieldErrors()
    quantity = _quantity(errors, quantity)
    errors.raise_if_any()
    sku = _sellable_sku(sku_id, route)
    line = _same_line(cart, sku.id, route)
    total = quantity + (line.quantity if line is not None else 0)
    if total > MAX_LINE_QUANTITY:
        message = str(_l("At most %(max)d of one product in the cart.", max=MAX_LINE_QUANTITY))
        raise ValidationFailed(message, fields={"quantity": [message]})
    _check_stock(sku, route, total)
    if line is None:
        if len(cart.lines) >= MAX_LINES:
            raise ValidationFailed(str(_l("The cart is full: check out or remove something first.")))
        line = CartLine(sku_id=sku.id, route=route, quantity=0, added_at=now)
        cart.lines.append(line)
    line.quantity, line.price_seen, line.currency_seen = total, sku.price, sku.currency
    cart.updated_at = now
    db.session.flush()
    return line


def get_line(cart: Cart, line_id) -> CartLine:
    line = next((line for line in cart.lines if line.id == line_id), None)
    if line is None:
        raise NotFound(str(_l("There is no such item in your cart.")))
    return line


def set_quantity(cart: Cart, line_id, quantity, *, now: datetime) -> CartLine:
    """A new quantity for one line; lowering it is always allowed, raising it only within stock."""
    line = get_line(cart, line_id)
    errors = FieldErrors()
    quantity = _quantity(errors, quantity)
    errors.raise_if_any()
    if quantity > line.quantity:
        _check_stock(_sellable_sku(line.sku_id, line.route), line.route, quantity)
    line.quantity = quantity
    cart.updated_at = now
    db.session.flush()
    return line


def remove_item(cart: Cart, line_id, *, now: datetime) -> None:
    cart.lines.remove(get_line(cart, line_id))
    cart.updated_at = now
    db.session.flush()


def lock(user_id: int, now: datetime) -> None:
    """Take the shopper's cart row for this unit of work (a write, so it is its first lock): two
    checkouts of one shopper run one after the other, and on SQLite the transaction holds the
    write lock before it reads anything it will act on."""
    db.session.execute(update(Cart).where(Cart.user_id == user_id).values(updated_at=now)
                       .execution_options(synchronize_session=False))


def clear_bought(cart: Cart, bought: list[tuple[int, str]], *, now: datetime) -> None:
    """The lines a placed checkout bought leave the cart (other lines stay)."""
    bought_lines = set(bought)
    for line in [line for line in cart.lines if (line.sku_id, line.route) in bought_lines]:
        cart.lines.remove(line)
    cart.updated_at = now
    db.session.flush()


def merge(guest: Cart | None, cart: Cart, *, now: datetime) -> Cart:
    """On sign-in: the guest's lines join the shopper's cart, quantities added and capped by what
    is in stock now; lines that cannot be bought any more are dropped. The guest cart goes."""
    if guest is None or guest.id == cart.id:
        return cart
    skus = listings.skus_with_listings([line.sku_id for line in guest.lines])
    for line in guest.lines:
        sku = skus.get(line.sku_id)
        if sku is None or sku.listing.status != "live":
            continue
        existing = _same_line(cart, sku.id, line.route)
        wanted = line.quantity + (existing.quantity if existing is not None else 0)
        capped = min(wanted, MAX_LINE_QUANTITY, inventory.available(sku, line.route))
        if capped <= 0:
            continue
        if existing is None:
            existing = CartLine(sku_id=sku.id, route=line.route, quantity=0, price_seen=line.price_seen,
                                currency_seen=line.currency_seen, added_at=line.added_at)
            cart.lines.append(existing)
        existing.quantity = capped
    db.session.delete(guest)
    cart.updated_at = now
    db.session.flush()
    return cart


# --- Reading it -------------------------------------------------------------------------------

@dataclass(frozen=True)
class CartItem:
    id: int
    sku_id: int
    listing_id: int
    title: str
    label: str
    route: str
    quantity: int
    unit_price: Money | None  # CNY at today's rate; None when no rate is set for the currency
    source_price: Money
    price_before: Money | None  # the price when the line was added, if it has changed since
    available: int
    on_sale: bool

    @property
    def sold_out(self) -> bool:
        return self.on_sale and self.available == 0

    @property
    def short(self) -> bool:
        """More in the cart than can be bought now."""
        return self.on_sale and 0 < self.available < self.quantity

    @property
    def purchasable(self) -> bool:
        return self.on_sale and self.unit_price is not None and 0 < self.quantity <= self.available

    @property
    def total(self) -> Money | None:
        return self.unit_price * self.quantity if self.unit_price is not None else None


@dataclass(frozen=True)
class CartView:
    items: list[CartItem]
    skus: dict = field(default_factory=dict)  # the lines' SKUs as loaded, by id, for checkout

    @property
    def subtotal(self) -> Money:
        return sum((item.total for item in self.items if item.purchasable), Money.zero(BASE_CURRENCY))

    @property
    def count(self) -> int:
        return sum(item.quantity for item in self.items)

    @property
    def ready(self) -> bool:
        """Every line can be bought as it stands."""
        return bool(self.items) and all(item.purchasable for item in self.items)


def _item(line: CartLine, sku, rates: dict, locale: str) -> CartItem:
    listing = sku.listing
    source = Money(sku.price, sku.currency)
    seen = Money(line.price_seen, line.currency_seen)
    return CartItem(
        id=line.id, sku_id=sku.id, listing_id=listing.id,
        title=localised(locale, listing.title_zh, listing.title_en), label=sku_label(sku.options) or sku.code,
        route=line.route, quantity=line.quantity,
        unit_price=money.to_cny(source, rates) if sku.currency in rates else None,
        source_price=source.rounded(), price_before=seen.rounded() if seen != source else None,
        available=inventory.available(sku, line.route),
        on_sale=listing.status == "live" and line.route in (listing.routes or ()))


def view(cart: Cart | None, *, locale: str, now: datetime) -> CartView:
    if cart is None or not cart.lines:
        return CartView([])
    skus = listings.skus_with_listings([line.sku_id for line in cart.lines])
    rates = money.current_rates(now)
    return CartView([_item(line, skus[line.sku_id], rates, locale) for line in cart.lines
                     if line.sku_id in skus], skus)


def count_for(*, user_id: int | None = None, guest_token: str | None = None) -> int:
    """Units in a cart, in one statement (the header shows it on every page)."""
    if user_id is None and not guest_token:
        return 0
    owner = Cart.user_id == user_id if user_id is not None else Cart.guest_token == guest_token
    statement = select(func.coalesce(func.sum(CartLine.quantity), 0)).join(Cart).where(owner)
    return int(db.session.scalar(statement))
