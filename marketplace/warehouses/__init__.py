"""Bonded warehouses: reference data the admin keeps, with the rate card for bonded shipping."""
