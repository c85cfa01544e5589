"""The listing editor's form (CSRF-protected by Flask-WTF) and its translation into the API's
listing body. The page never checks values itself beyond turning text into the body's types:
the API's schema and the listing service refuse exactly what they refuse for the API, and their
dotted field names (``skus.0.price.amount``) are put back next to the form's fields."""
from __future__ import annotations

import itertools
import re

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import FieldList, FormField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms import Form as PlainForm
from wtforms.widgets import CheckboxInput, ListWidget

from marketplace.catalog.models import ROUTES
from marketplace.catalog.schemas import MAX_OPTION_AXES, MAX_SKUS

ROUTE_LABELS = {"direct_mail": _l("Direct mail from abroad"), "bonded": _l("From a bonded warehouse")}
# The form's field per language of the body's ``title`` and ``description``.
LANGUAGE_SUFFIXES = {"zh_CN": "zh", "en": "en", "local": "local"}
SKU_FIELDS = ("code", "options", "price", "weight_g", "stock")
EMPTY_ROWS = 1  # blank rows shown under the filled ones, for one more SKU without JS
WHOLE_NUMBER = re.compile(r"[+-]?\d{1,18}")
OPTION_PAIRS = re.compile(r"[;；]")
VALUE_LIST = re.compile(r"[,，]")


class SkuRowForm(PlainForm):
    code = StringField(_l("SKU code"))
    options = StringField(_l("Options"))
    price = StringField(_l("Price"))
    weight_g = StringField(_l("Weight (g)"))
    stock = StringField(_l("Own stock"))


class AxisForm(PlainForm):
    name = StringField(_l("Option name"))
    values = StringField(_l("Values"))


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class ListingForm(FlaskForm):
    category = SelectField(_l("Category"), validate_choice=False)
    brand = StringField(_l("Brand"))
    tax_category = SelectField(_l("Tax category"), validate_choice=False)
    origin_country = SelectField(_l("Origin country"), validate_choice=False)
    routes = CheckboxesField(_l("Fulfilment routes"), validate_choice=False,
                             choices=[(route, ROUTE_LABELS[route]) for route in ROUTES])
    title_zh = StringField(_l("Title (Simplified Chinese)"))
    title_en = StringField(_l("Title (English)"))
    title_local = StringField(_l("Title (your language)"))
    description_zh = TextAreaField(_l("Description (Simplified Chinese)"))
    description_en = TextAreaField(_l("Description (English)"))
    description_local = TextAreaField(_l("Description (your language)"))
    axes = FieldList(FormField(AxisForm), min_entries=MAX_OPTION_AXES, max_entries=MAX_OPTION_AXES)
    skus = FieldList(FormField(SkuRowForm), min_entries=1, max_entries=MAX_SKUS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.matrix_errors: list[str] = []


# --- Options text ("colour=red; size=M") -------------------------------------------------------

def parse_options(text: str | None) -> dict[str, str] | None:
    """``name=value`` pairs separated by semicolons; None when a pair has no ``=``."""
    options = {}
    for part in OPTION_PAIRS.split(text or ""):
        if not part.strip():
            continue
        name, separator, value = part.partition("=")
        if not separator:
            return None
        options[name.strip()] = value.strip()
    return options


def format_options(options: dict) -> str:
    return "; ".join(f"{name}={value}" for name, value in options.items())


# --- Form → API body ---------------------------------------------------------------------------

def _text(field) -> str:
    return (field.data or "").strip()


def _texts(form: ListingForm, name: str) -> dict:
    texts = {language: _text(form[f"{name}_{suffix}"]) for language, suffix in LANGUAGE_SUFFIXES.items()}
    return {language: (value or None) if language != "zh_CN" else value for language, value in texts.items()}


def _whole_number(text: str):
    """An int when the text is one; otherwise the text, for the schema to refuse in its words."""
    return int(text) if WHOLE_NUMBER.fullmatch(text) else text


def filled_rows(form: ListingForm) -> list[int]:
    """Positions of the matrix rows with anything typed in them; empty rows are ignored."""
    return [index for index, entry in enumerate(form.skus.entries)
            if any(_text(entry.form[name]) for name in SKU_FIELDS)]


def _sku_body(row: SkuRowForm, currency: str, number: int, problems: dict) -> dict:
    options = parse_options(row.options.data)
    if options is None:
        problems[f"skus.{number}.options"] = [str(_l("Write the options as name=value pairs separated by "
                                                     "semicolons, such as colour=red; size=M."))]
    body = {"code": _text(row.code), "options": options or {},
            "price": {"amount": _text(row.price), "currency": currency}}
    for name in ("weight_g", "stock"):
        if _text(row[name]):  # left out when empty: weight is then required, stock defaults to 0
            body[name] = _whole_number(_text(row[name]))
    return body


def listing_body(form: ListingForm, currency: str) -> tuple[dict, list[int], dict[str, list[str]]]:
    """The API body of the form, the form row of each body SKU, and the problems the page found
    turning text into the body's types (an options text that is not ``name=value`` pairs)."""
    rows, problems = filled_rows(form), {}
    skus = [_sku_body(form.skus.entries[index].form, currency, number, problems)
            for number, index in enumerate(rows)]
    body = {"category": _text(form.category), "brand": _text(form.brand), "title": _texts(form, "title"),
            "description": _texts(form, "description"), "origin_country": _text(form.origin_country),
            "tax_category": _text(form.tax_category), "routes": list(form.routes.data or []), "skus": skus}
    return body, rows, problems


# --- Service problems → form fields ------------------------------------------------------------

def _field_for(form: ListingForm, name: str, rows: list[int]):
    parts = name.split(".")
    if parts[0] in ("title", "description"):
        suffix = LANGUAGE_SUFFIXES.get(parts[1] if len(parts) > 1 else "zh_CN", "zh")
        return form[f"{parts[0]}_{suffix}"]
    if parts[0] == "skus" and len(parts) >= 3 and parts[1].isdigit() and int(parts[1]) < len(rows):
        row = form.skus.entries[rows[int(parts[1])]].form
        return row[parts[2]] if parts[2] in SKU_FIELDS else row.code
    if parts[0] in ("category", "brand", "tax_category", "origin_country", "routes"):
        return form[parts[0]]
    return None


def show_listing_errors(form: ListingForm, fields: dict[str, list[str]], rows: list[int]) -> None:
    """Each problem next to its field; the SKU list's own next to the matrix; others on top."""
    for name, messages in fields.items():
        target = _field_for(form, name, rows)
        if target is not None:
            new = [message for message in messages if message not in target.errors]
            target.errors = [*target.errors, *new]
        elif name.split(".")[0] == "skus":
            form.matrix_errors.extend(messages)
        else:
            form.form_errors.extend(messages)


# --- The SKU matrix ----------------------------------------------------------------------------

def axes_of(form: ListingForm) -> list[tuple[str, list[str]]]:
    """The option axes that have a name and at least one value, values in the order typed."""
    axes = []
    for entry in form.axes.entries:
        name = _text(entry.form["name"])
        typed = VALUE_LIST.split(entry.form["values"].data or "")
        values = [value.strip() for value in typed if value.strip()]
        if name and values:
            axes.append((name, list(dict.fromkeys(values))))
    return axes


def _row_data(entry) -> dict:
    return {name: entry.form[name].data or "" for name in SKU_FIELDS}


def generate_rows(form: ListingForm) -> None:
    """One row per combination of the axes' values (at most ``MAX_SKUS``). A row whose options
    were already there keeps what was typed in it; the others start with the first row's weight."""
    axes = axes_of(form)
    typed = [_row_data(entry) for entry in form.skus.entries if any(_row_data(entry).values())]
    kept = {frozenset((parse_options(row["options"]) or {}).items()): row for row in typed}
    weight = typed[0]["weight_g"] if typed else ""
    combinations = itertools.islice(itertools.product(*[values for _, values in axes]), MAX_SKUS)
    rows = []
    for values in combinations:
        options = dict(zip([name for name, _ in axes], values, strict=True))
        rows.append(kept.get(frozenset(options.items()))
                    or {"code": "", "options": format_options(options), "price": "", "weight_g": weight,
                        "stock": ""})
    set_rows(form, rows)


def add_row(form: ListingForm) -> None:
    if len(form.skus.entries) < MAX_SKUS:
        form.skus.append_entry()


def set_rows(form: ListingForm, rows: list[dict]) -> None:
    while form.skus.entries:
        form.skus.pop_entry()
    for row in rows or [{}]:
        form.skus.append_entry(row)


def axes_from_rows(rows: list[dict]) -> list[dict]:
    """The axes behind existing SKUs' options, for the generator's fields."""
    axes: dict[str, list[str]] = {}
    for row in rows:
        for name, value in row["options"].items():
            values = axes.setdefault(name, [])
            if value not in values:
                values.append(value)
    filled = [{"name": name, "values": ", ".join(values)} for name, values in axes.items()]
    return (filled + [{"name": "", "values": ""}] * MAX_OPTION_AXES)[:MAX_OPTION_AXES]
