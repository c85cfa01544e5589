"""The shopper's cart: lines of SKU, quantity and route, for guests (by a token the session
keeps) and signed-in shoppers (merged on sign-in). Prices are shown as they are now; the cart
keeps the price each line was added at only to say that it changed."""
