"""The buyer's shop (role buyer, scoped to the caller's shop): settings, listings, CSV imports
and inbound notices; and the application a shopper makes to become a buyer."""
