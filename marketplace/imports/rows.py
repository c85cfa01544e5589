"""Turning one listing's CSV rows into the listing body the API takes (``ListingBodySchema``), and
naming the CSV cell behind each problem the schema or the listing services report."""
from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from marketplace.imports.csvfile import LISTING_COLUMNS, ListingGroup

YES = frozenset({"yes", "y", "true", "1", "是"})
NO = frozenset({"", "no", "n", "false", "0", "否"})
REQUIRED_LISTING_CELLS = ("category", "brand", "title_zh", "description_zh", "origin_country", "tax_category",
                          "routes")
REQUIRED_SKU_CELLS = ("sku_code", "price", "weight_g")
LANGUAGE_COLUMNS = {"zh_CN": "zh", "en": "en", "local": "local"}

# Field paths of the listing body and services -> CSV columns.
LISTING_COLUMN_OF_FIELD = {
    "category": "category", "brand": "brand", "origin_country": "origin_country",
    "tax_category": "tax_category", "routes": "routes", "skus": "sku_code",
    "images": "submit", "proof": "submit",
    **{f"{name}.{language}": f"{name}_{suffix}" for name in ("title", "description")
       for language, suffix in LANGUAGE_COLUMNS.items()},
    "title": "title_zh", "description": "description_zh",
}
SKU_COLUMN_OF_FIELD = {"code": "sku_code", "options": "options", "price": "price", "weight_g": "weight_g",
                       "stock": "stock"}

# marshmallow's own messages, in the file owner's language.
MARSHMALLOW_MESSAGES = {
    "Missing data for required field.": _l("This field is required."),
    "Not a valid string.": _l("Give text here."),
    "Not a valid integer.": _l("Give a whole number here."),
    "Not a valid number.": _l("Not a valid number."),
    "Field may not be null.": _l("This field may not be empty."),
}


class Problems:
    """A group's problems as ``(row, column, message)``, one message per cell at most."""

    def __init__(self) -> None:
        self.items: list[tuple[int, str, str]] = []

    def add(self, row: int, column: str, message) -> None:
        if not any(item[:2] == (row, column) for item in self.items):
            self.items.append((row, column, str(message)))

    def __bool__(self) -> bool:
        return bool(self.items)


def parse_flag(value: str) -> bool | None:
    lowered = value.strip().lower()
    return True if lowered in YES else False if lowered in NO else None


def parse_options(value: str) -> dict[str, str] | None:
    """``colour=red;size=M`` -> ``{"colour": "red", "size": "M"}``; None when malformed."""
    options = {}
    for part in filter(None, (piece.strip() for piece in value.split(";"))):
        name, equals, option = part.partition("=")
        if not equals:
            return None
        options[name.strip()] = option.strip()
    return options


def parse_count(value: str, default: int | None = None) -> int | None:
    if value == "" and default is not None:
        return default
    return int(value) if re.fullmatch(r"\d{1,9}", value) else None


def _listing_cells(group: ListingGroup, problems: Problems) -> dict[str, str]:
    """The listing's columns from its first row; a later row may repeat them or leave them empty."""
    cells = dict(group.first.values)
    for row in group.rows[1:]:
        for column in LISTING_COLUMNS:
            value = row.values.get(column, "")
            if value and value != cells.get(column, ""):
                problems.add(row.number, column, _l("Differs from row %(row)d of the same listing.",
                                                    row=group.first.number))
    for column in REQUIRED_LISTING_CELLS:
        if not cells.get(column):
            problems.add(group.first.number, column, _l("This field is required."))
    return cells


def _sku(row, currency: str, problems: Problems) -> dict:
    values = row.values
    for column in REQUIRED_SKU_CELLS:
        if not values.get(column):
            problems.add(row.number, column, _l("This field is required."))
    options = parse_options(values.get("options", ""))
    if options is None:
        problems.add(row.number, "options", _l("Write options as name=value pairs separated by semicolons, "
                                               "such as colour=red;size=M."))
    weight, stock = parse_count(values.get("weight_g", "")), parse_count(values.get("stock", ""), default=0)
    for column, number in (("weight_g", weight), ("stock", stock)):
        if number is None and values.get(column):
            problems.add(row.number, column, _l("Give a whole number here."))
    return {"code": values.get("sku_code", ""), "options": options or {}, "weight_g": weight or 0,
            "price": {"amount": values.get("price", "").replace(" ", ""), "currency": currency},
            "stock": stock or 0}


def _texts(cells: dict, name: str) -> dict:
    return {language: cells.get(f"{name}_{suffix}") or None for language, suffix in LANGUAGE_COLUMNS.items()}


def group_body(group: ListingGroup, currency: str, problems: Problems) -> tuple[dict, bool]:
    """The listing body of a group (not yet checked by the schema) and whether to submit it."""
    cells = _listing_cells(group, problems)
    submit = parse_flag(cells.get("submit", ""))
    if submit is None:
        problems.add(group.first.number, "submit", _l("Write yes or no."))
    routes = [route for route in re.split(r"[|;,\s]+", cells.get("routes", "")) if route]
    body = {"category": cells.get("category", ""), "brand": cells.get("brand", ""),
            "title": _texts(cells, "title"), "description": _texts(cells, "description"),
            "origin_country": cells.get("origin_country", ""), "tax_category": cells.get("tax_category", ""),
            "routes": routes, "skus": [_sku(row, currency, problems) for row in group.rows]}
    return body, bool(submit)


def cell_of(field_path: str, group: ListingGroup) -> tuple[int, str]:
    """The (row, column) a body field path such as ``skus.2.price.amount`` came from."""
    parts = field_path.split(".")
    if parts[0] == "skus" and len(parts) >= 3 and parts[1].isdigit() and int(parts[1]) < len(group.rows):
        return group.rows[int(parts[1])].number, SKU_COLUMN_OF_FIELD.get(parts[2], "sku_code")
    column = LISTING_COLUMN_OF_FIELD.get(".".join(parts[:2])) or LISTING_COLUMN_OF_FIELD.get(parts[0], "")
    return group.first.number, column


def flatten(messages, prefix: str = "") -> dict[str, list[str]]:
    """marshmallow's nested messages by dotted field path (``skus.0.price.amount``)."""
    if isinstance(messages, dict):
        flat: dict[str, list[str]] = {}
        for key, value in messages.items():
            flat.update(flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return flat
    items = messages if isinstance(messages, list) else [messages]
    return {prefix or "_schema": [str(MARSHMALLOW_MESSAGES.get(str(item), item)) for item in items]}


def add_field_problems(problems: Problems, fields: dict[str, list[str]], group: ListingGroup) -> None:
    for path, messages in fields.items():
        row, column = cell_of(path, group)
        for message in messages:
            problems.add(row, column, message)


def load_body(schema, body: dict, group: ListingGroup, problems: Problems) -> dict | None:
    try:
        return schema.load(body)
    except ValidationError as error:
        add_field_problems(problems, flatten(error.messages), group)
        return None


def not_imported(group: ListingGroup, problems: Problems) -> list[tuple[int, str, str]]:
    """Every row of a refused group is reported: the bad cells, and the good rows saying why they
    were left out too (a listing is imported whole or not at all)."""
    bad_rows = {row for row, _column, _message in problems.items}
    first_bad = min(bad_rows) if bad_rows else group.first.number
    skipped = [(row.number, "listing_ref", _("Not imported: row %(row)d of the same listing has problems.",
                                             row=first_bad))
               for row in group.rows if row.number not in bad_rows]
    return sorted(problems.items + skipped)
