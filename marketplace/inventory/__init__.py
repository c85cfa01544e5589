"""Stock: the only package that writes stock rows (one per SKU and location), and the one place
that says how many units a shopper can buy. Every write announces ``stock_changed``."""
