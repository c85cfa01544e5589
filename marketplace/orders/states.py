"""The order's life, as data (API.md's statuses; PRODUCT.md §6). *who* is the capacity the actor
acts in; the Orders issue fills in the moves after payment, this table already holds them."""
from marketplace.audit import services as audit
from marketplace.core.states import StateMachine

SHOPPER, BUYER, WAREHOUSE = "shopper", "buyer", "warehouse"
ADMIN, SYSTEM, CARRIER = "admin", "system", "carrier"

ORDER = StateMachine("order", [
    ("awaiting_payment", "paid", (SYSTEM,)),
    ("awaiting_payment", "cancelled", (SHOPPER, SYSTEM, ADMIN)),  # the shopper gave up, or it expired
    ("paid", "sourcing", (BUYER,)),
    ("paid", "picking", (WAREHOUSE,)),
    ("paid", "cancelled", (SHOPPER, BUYER, ADMIN, SYSTEM)),  # a refund follows
    ("sourcing", "cancelled", (SHOPPER, BUYER, ADMIN)),
    ("picking", "cancelled", (ADMIN,)),
    ("sourcing", "shipped", (BUYER,)),
    ("paid", "shipped", (BUYER,)),
    ("picking", "shipped", (WAREHOUSE,)),
    ("shipped", "customs_clearance", (CARRIER, SYSTEM)),
    ("shipped", "out_for_delivery", (CARRIER, SYSTEM)),
    ("customs_clearance", "out_for_delivery", (CARRIER, SYSTEM)),
    ("shipped", "delivered", (CARRIER, SYSTEM)),
    ("customs_clearance", "delivered", (CARRIER, SYSTEM)),
    ("out_for_delivery", "delivered", (CARRIER, SYSTEM)),
    ("shipped", "completed", (SHOPPER,)),
    ("customs_clearance", "completed", (SHOPPER,)),
    ("out_for_delivery", "completed", (SHOPPER,)),
    ("delivered", "completed", (SHOPPER, SYSTEM)),
    ("cancelled", "refunded", (SYSTEM, ADMIN)),
    ("completed", "refunded", (SYSTEM, ADMIN)),  # after an accepted return
], record=audit.record)

# Statuses in which an order still holds its orderer's identity and annual quota.
OPEN = ("awaiting_payment", "paid", "sourcing", "picking", "shipped", "customs_clearance",
        "out_for_delivery", "delivered")
# Statuses whose dutiable value counts towards the orderer's annual limit.
COUNTS_TOWARDS_QUOTA = ("paid", "sourcing", "picking", "shipped", "customs_clearance", "out_for_delivery",
                        "delivered", "completed")
