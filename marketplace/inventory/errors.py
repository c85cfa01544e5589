"""Errors of the stock domain, each with a stable code the API returns."""
from __future__ import annotations

from typing import NamedTuple

from flask_babel import lazy_gettext as _l

from marketplace.core.errors import ValidationFailed


class Shortage(NamedTuple):
    """One line that could not be reserved: what was asked for and what is there now."""

    sku_id: int
    location: str
    requested: int
    available: int

    @property
    def message(self) -> str:
        if self.available <= 0:
            return str(_l("Sold out for this delivery. Remove it to check out."))
        return str(_l("Only %(count)d available: lower the quantity to check out.", count=self.available))


class OutOfStock(ValidationFailed):
    """Some lines of a reservation are short; nothing was reserved. ``shortages`` lists each
    short line; ``fields`` says the same per SKU (``skus.<sku_id>``), and ``details`` as data
    for the API's error object."""

    code = "out_of_stock"

    def __init__(self, shortages: list[Shortage]):
        self.shortages = tuple(shortages)
        fields: dict[str, list[str]] = {}
        for shortage in self.shortages:
            fields.setdefault(f"skus.{shortage.sku_id}", []).append(shortage.message)
        super().__init__(self.shortages[0].message, fields=fields)
        self.details = {"shortages": [shortage._asdict() for shortage in self.shortages]}
