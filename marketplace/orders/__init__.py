"""Checkouts and the orders they split into: one order per (shop, route, warehouse), each one
customs declaration, with every amount, rate and the orderer's and consignee's details copied
onto it when it is placed, so nothing that changes later alters a placed order."""
