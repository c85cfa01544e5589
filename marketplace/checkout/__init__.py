"""Checkout: turning a cart, an orderer identity and an address into a quote, and placing it:
stock reserved, one order per (shop, route, warehouse), the payment created. It stands above
cart, orders and payments and is the only package that uses all three."""
