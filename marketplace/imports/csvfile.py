"""The listing CSV: its columns, the downloadable template, and reading an uploaded file.

One row per SKU; the listing's columns are repeated on each of its rows and ``listing_ref``
groups them. Files come from Excel as often as from scripts: UTF-8 with or without a BOM, or
GB18030 (a superset of GBK), which is what Excel saves in China.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from marketplace.core.errors import ValidationFailed

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20_000

LISTING_COLUMNS = ("category", "brand", "title_zh", "title_en", "title_local", "description_zh",
                   "description_en", "description_local", "origin_country", "tax_category", "routes",
                   "submit")
SKU_COLUMNS = ("sku_code", "options", "price", "weight_g", "stock")
COLUMNS = ("listing_ref", *LISTING_COLUMNS[:-1], *SKU_COLUMNS, "submit")
NOT_CSV = _l("This is not a CSV file. Save the sheet as CSV (UTF-8) and upload that.")
REQUIRED_COLUMNS = ("listing_ref", "category", "brand", "title_zh", "description_zh", "origin_country",
                    "tax_category", "routes", "sku_code", "price", "weight_g")

TEMPLATE_ROWS = (
    ("cream-1", "skincare", "Kiehl's", "高保湿面霜", "Ultra Facial Cream", "", "经典保湿面霜，适合干性肌肤。",
     "Classic moisturiser for dry skin.", "", "US", "cosmetics", "direct_mail|bonded", "KIEHLS-UFC-50",
     "size=50ml", "32.00", "180", "10", "no"),
    ("cream-1", "skincare", "Kiehl's", "高保湿面霜", "Ultra Facial Cream", "", "经典保湿面霜，适合干性肌肤。",
     "Classic moisturiser for dry skin.", "", "US", "cosmetics", "direct_mail|bonded", "KIEHLS-UFC-125",
     "size=125ml", "58.00", "320", "4", "no"),
    ("tote-2", "bags", "Longchamp", "折叠托特包", "Le Pliage tote", "", "经典折叠尼龙托特包。", "", "", "FR",
     "apparel", "direct_mail", "LC-PLIAGE-NAVY-L", "colour=navy;size=L", "125.00", "300", "3", "yes"),
)


class ImportRefused(ValidationFailed):
    """The upload as a whole is unusable; nothing is imported."""

    def __init__(self, message, code: str):
        super().__init__(str(message), code=code, fields={"file": [str(message)]})


@dataclass
class CsvRow:
    number: int  # the row as a spreadsheet shows it: the header is row 1
    values: dict[str, str]


@dataclass
class ListingGroup:
    reference: str
    rows: list[CsvRow] = field(default_factory=list)

    @property
    def first(self) -> CsvRow:
        return self.rows[0]


def template_bytes() -> bytes:
    """The template with example rows, UTF-8 with a BOM so that Excel shows the Chinese."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    writer.writerows(TEMPLATE_ROWS)
    return output.getvalue().encode("utf-8-sig")


def decode(data: bytes) -> str:
    if not data:
        raise ImportRefused(_l("Choose a CSV file to upload."), "no_file")
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(_l("The file is larger than %(megabytes)d MB. Split it into smaller files.",
                               megabytes=MAX_FILE_BYTES // 2**20), "file_too_large")
    if b"\x00" in data:
        raise ImportRefused(NOT_CSV, "not_csv")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ImportRefused(_l("The file is neither UTF-8 nor GB18030 text. Save the sheet as CSV (UTF-8) "
                               "and upload that."), "not_csv") from None


def _header(reader) -> list[str]:
    header = [name.strip().lower() for name in next(reader, [])]
    missing = [name for name in REQUIRED_COLUMNS if name not in header]
    if missing:
        raise ImportRefused(_l("The first row must name the columns. Missing: %(columns)s.",
                               columns=", ".join(missing)), "missing_columns")
    return header


def read_rows(data: bytes) -> list[CsvRow]:
    """The data rows of an upload, with whole-file problems refused (``ImportRefused``)."""
    reader = csv.reader(io.StringIO(decode(data), newline=""))
    try:
        header = _header(reader)
        rows = []
        for number, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            if len(rows) == MAX_ROWS:
                raise ImportRefused(_l("The file has more than %(rows)d rows. Split it into smaller files.",
                                       rows=MAX_ROWS), "too_many_rows")
            cells = zip(header, values, strict=False)
            rows.append(CsvRow(number, {name: value.strip() for name, value in cells if name in COLUMNS}))
    except csv.Error as error:
        raise ImportRefused(NOT_CSV, "not_csv") from error
    if not rows:
        raise ImportRefused(_l("The file has no rows below its header."), "no_rows")
    return rows


def group_rows(rows: list[CsvRow]) -> tuple[list[ListingGroup], list[CsvRow]]:
    """Rows grouped by ``listing_ref`` in the order of first appearance, and the rows without one."""
    groups: dict[str, ListingGroup] = {}
    unreferenced = []
    for row in rows:
        reference = row.values.get("listing_ref", "")
        if not reference:
            unreferenced.append(row)
            continue
        groups.setdefault(reference, ListingGroup(reference)).rows.append(row)
    return list(groups.values()), unreferenced
