"""The inbound notice's lifecycle, as data: the shop announces it, the warehouse receives it,
or the shop cancels it before it arrives."""
from marketplace.audit import services as audit
from marketplace.core.states import StateMachine

BUYER, WAREHOUSE = "buyer", "warehouse"

INBOUND = StateMachine("inbound", [
    ("announced", "received", (WAREHOUSE,)),
    ("announced", "cancelled", (BUYER,)),
], record=audit.record)
