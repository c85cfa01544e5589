"""The listing CSV import: the upload is checked as a whole and stored as a private file; a job
then writes each listing through the listing services, the same path as the API.

A bad row never stops the good ones, and a listing is never half written: each listing (its
group of rows) goes in its own SAVEPOINT, so a problem anywhere in it rolls back just that
listing. Re-importing a file updates the listings that own its SKU codes instead of adding new
ones. Progress is committed after every batch, so what is done stays done.
"""
from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from datetime import datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from marketplace.audit import services as audit
from marketplace.catalog import listings
from marketplace.catalog.models import Sku
from marketplace.catalog.schemas import ListingBodySchema
from marketplace.catalog.services import category_by_slug
from marketplace.catalog.states import EDITABLE
from marketplace.core.errors import DomainError, NotFound
from marketplace.customs.services import tax_category_by_code
from marketplace.extensions import db
from marketplace.imports import rows as cells
from marketplace.imports.csvfile import ListingGroup, group_rows, read_rows
from marketplace.jobs import services as jobs

IMPORT_TASK = "imports.listings"
BATCH_ROWS = 250
MAX_REPORTED_ERRORS = 5000
REPORT_COLUMNS = ("row", "column", "message")
UNKNOWN_REFERENCE = {"category": _l("There is no category with this slug."),
                     "tax_category": _l("There is no tax category with this code.")}


class Report:
    """Counts are of listings; errors are of cells: ``{row, field, message}`` (API.md)."""

    def __init__(self, rows: int) -> None:
        self.rows, self.created, self.updated, self.failed, self.submitted = rows, 0, 0, 0, 0
        self.errors: list[dict] = []
        self.omitted = 0

    def error(self, row: int, column: str, message) -> None:
        if len(self.errors) < MAX_REPORTED_ERRORS:
            self.errors.append({"row": row, "field": column, "message": str(message)})
        else:
            self.omitted += 1

    def result(self) -> dict:
        return {"rows": self.rows, "created": self.created, "updated": self.updated, "failed": self.failed,
                "submitted": self.submitted, "errors": sorted(self.errors, key=lambda error: error["row"]),
                "errors_omitted": self.omitted}


def start_import(shop, data: bytes, *, actor, storage, locale: str, now: datetime):
    """Check the upload as a whole (422 ``ImportRefused`` before anything is stored), keep it as
    a private file and queue the job; returns the job record."""
    row_count = len(read_rows(data))
    key = f"imports/{shop.id}/{uuid.uuid4().hex}.csv"
    storage.put(key, data, "text/csv")
    record = jobs.enqueue(IMPORT_TASK, shop.id, key, owner=actor, shop=shop)
    record.locale = locale  # the result's messages in the language the file was sent in
    audit.record(actor, "listings.import_started", "shop", shop.id,
                 after={"job": record.id, "rows": row_count}, now=now)
    return record


def import_job(shop, job_id: str, actor):
    """An import job of this shop, or 404 (a job of another kind or shop is as absent as none)."""
    record = jobs.readable_job(job_id, actor)
    if record.task != IMPORT_TASK or record.shop_id != shop.id:
        raise NotFound(str(_l("There is no such job.")))
    db.session.refresh(record)  # the worker writes it from another session
    return record


def run_import(shop, data: bytes, *, actor, now: datetime,
               progress: Callable[[float], None] | None = None) -> dict:
    """Import every listing of the file; returns the report (``Report.result``)."""
    csv_rows = read_rows(data)
    groups, unreferenced = group_rows(csv_rows)
    report = Report(len(csv_rows))
    for row in unreferenced:
        report.error(row.number, "listing_ref", _("This field is required."))
    duplicates = _codes_in_other_groups(groups)
    schema, done, references = ListingBodySchema(), len(unreferenced), {}
    for batch in _batches(groups):
        owners = _listing_ids_by_code(shop, batch)
        for group in batch:
            _import_group(shop, group, report, schema=schema, owners=owners, duplicates=duplicates,
                          references=references, actor=actor, now=now)
        done += sum(len(group.rows) for group in batch)
        if progress is not None:
            progress(done / len(csv_rows))
    return report.result()


def _batches(groups: list[ListingGroup]):
    batch, size = [], 0
    for group in groups:
        batch.append(group)
        size += len(group.rows)
        if size >= BATCH_ROWS:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _codes_in_other_groups(groups: list[ListingGroup]) -> dict[int, int]:
    """Rows whose SKU code an earlier group of the file already uses: row -> that earlier row."""
    first_seen: dict[str, tuple[str, int]] = {}
    duplicates = {}
    for group in groups:
        for row in group.rows:
            code = row.values.get("sku_code", "")
            seen = first_seen.setdefault(code, (group.reference, row.number)) if code else None
            if seen is not None and seen[0] != group.reference:
                duplicates[row.number] = seen[1]
    return duplicates


def _listing_ids_by_code(shop, batch: list[ListingGroup]) -> dict[str, int]:
    codes = {row.values.get("sku_code", "") for group in batch for row in group.rows} - {""}
    statement = select(Sku.code, Sku.listing_id).where(Sku.shop_id == shop.id, Sku.code.in_(codes))
    return dict(db.session.execute(statement).all())


def _target_listing(shop, group: ListingGroup, owners: dict[str, int], problems: cells.Problems):
    """The listing that already owns the group's SKU codes (None: a new listing)."""
    found: dict[int, int] = {}  # listing id -> first row naming one of its codes
    for row in group.rows:
        listing_id = owners.get(row.values.get("sku_code", ""))
        if listing_id is not None:
            first = found.setdefault(listing_id, row.number)
            if len(found) > 1 and first == row.number:
                problems.add(row.number, "sku_code", _l(
                    "This SKU code belongs to another listing than the one on row %(row)d.",
                    row=min(found.values())))
    return listings.get_listing(shop, next(iter(found))) if len(found) == 1 else None


def _check_references(body: dict, group: ListingGroup, problems: cells.Problems, references: dict) -> None:
    """Unknown categories and tax codes, found early so that a row's report is complete (the
    listing service checks them again when it writes)."""
    lookups = {"category": category_by_slug, "tax_category": tax_category_by_code}
    for column, lookup in lookups.items():
        value = body[column]
        if value and (column, value) not in references:
            references[(column, value)] = lookup(value) is not None
        if value and not references[(column, value)]:
            problems.add(group.first.number, column, UNKNOWN_REFERENCE[column])


def _import_group(shop, group: ListingGroup, report: Report, *, schema, owners, duplicates, references, actor,
                  now) -> None:
    problems = cells.Problems()
    for row in group.rows:
        if row.number in duplicates:
            problems.add(row.number, "sku_code", _l("Row %(row)d already uses this SKU code for another "
                                                    "listing.", row=duplicates[row.number]))
    raw_body, submit = cells.group_body(group, shop.currency, problems)
    _check_references(raw_body, group, problems, references)
    body = cells.load_body(schema, raw_body, group, problems)
    target = _target_listing(shop, group, owners, problems)
    listing = None if problems else _write(shop, group, body, target, problems, actor=actor, now=now)
    if listing is None:
        report.failed += 1
        for row, column, message in cells.not_imported(group, problems):
            report.error(row, column, message)
        return
    if target is None:
        report.created += 1
    else:
        report.updated += 1
    if submit:
        _submit(shop, group, listing, report, actor=actor, now=now)


def _write(shop, group: ListingGroup, body: dict, target, problems: cells.Problems, *, actor, now):
    """Create or update the listing inside a SAVEPOINT; None, with the problems noted, if refused."""
    try:
        with db.session.begin_nested():
            if target is None:
                return listings.create_listing(actor, shop, body, now=now)
            return listings.update_listing(actor, shop, target, body, now=now)
    except DomainError as error:
        cells.add_field_problems(problems, error.fields or {"_schema": [error.message]}, group)
    except IntegrityError:
        # A concurrent writer took one of the codes between our check and the insert.
        problems.add(group.first.number, "sku_code", _l("Another listing of this shop uses this SKU code."))
    return None


def _submit(shop, group: ListingGroup, listing, report: Report, *, actor, now) -> None:
    """Send an imported draft to review; if it cannot go yet (no pictures or proof), it stays a
    draft and the report says why. Published listings need nothing: their edits are under review."""
    if listing.status not in EDITABLE:
        return
    try:
        with db.session.begin_nested():
            listings.submit_listing(actor, shop, listing, now=now)
    except DomainError as error:
        reasons = " ".join(text for messages in error.fields.values() for text in messages) or error.message
        report.error(group.first.number, "submit",
                     _("Saved as a draft, not submitted for review: %(reasons)s", reasons=reasons))
        return
    report.submitted += 1


def error_report_csv(result: dict) -> bytes:
    """The result's errors as a CSV for Excel (UTF-8 with a BOM): row, column, message."""
    output = io.StringIO()
    writer = csv.writer(output, lineterminator="\r\n")
    writer.writerow(REPORT_COLUMNS)
    for error in (result or {}).get("errors", []):
        writer.writerow((error["row"], error["field"], error["message"]))
    return output.getvalue().encode("utf-8-sig")
