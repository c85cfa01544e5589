"""Importing listings from a CSV: the upload form, the job's progress (polled with htmx) and its
result with the error report to download."""
from __future__ import annotations

from flask import Response, g, redirect, render_template, request, url_for
from flask_babel import get_locale

from buyers_portal import bp
from buyers_portal.shop_forms import ImportForm
from marketplace.core.clock import utcnow
from marketplace.core.errors import DomainError
from marketplace.extensions import db
from marketplace.imports import csvfile, services
from marketplace.jobs.models import FAILED, FINISHED
from marketplace.storage import get_storage
from marketplace.web import access
from marketplace.web.forms import show_errors


def csv_download(data: bytes, filename: str) -> Response:
    return Response(data, content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def start(form: ImportForm):
    """The job record, or None with the problem on the form."""
    upload = form.file.data
    try:
        record = services.start_import(g.shop, upload.read() if upload else b"", actor=g.actor,
                                       storage=get_storage(), locale=str(get_locale()), now=utcnow())
    except DomainError as error:
        db.session.rollback()
        show_errors(form, error)
        return None
    db.session.commit()
    return record


@bp.route("/listings/import", methods=["GET", "POST"])
@access.buyer
def listing_import():
    form = ImportForm()
    if form.validate_on_submit():
        record = start(form)
        if record is not None:
            return redirect(url_for("buyers.listing_import_job", job_id=record.id))
    status = 422 if request.method == "POST" else 200
    return render_template("buyers/import.html", form=form, columns=csvfile.COLUMNS,
                           required=csvfile.REQUIRED_COLUMNS, max_rows=csvfile.MAX_ROWS,
                           max_megabytes=csvfile.MAX_FILE_BYTES // 2**20), status


@bp.route("/listings/import/template.csv")
@access.buyer
def listing_import_template():
    return csv_download(csvfile.template_bytes(), "listings-template.csv")


def job_context(job_id: str) -> dict:
    record = services.import_job(g.shop, job_id, g.actor)
    return {"job": record, "done": record.status in (FINISHED, FAILED), "percent": int(record.progress * 100)}


@bp.route("/listings/import/<job_id>")
@access.buyer
def listing_import_job(job_id):
    return render_template("buyers/import_job.html", **job_context(job_id))


@bp.route("/listings/import/<job_id>/status")
@access.buyer
def listing_import_status(job_id):
    """The progress fragment the job page polls; it stops polling once the job has ended."""
    return render_template("buyers/_import_status.html", **job_context(job_id))


@bp.route("/listings/import/<job_id>/errors.csv")
@access.buyer
def listing_import_errors(job_id):
    record = services.import_job(g.shop, job_id, g.actor)
    return csv_download(services.error_report_csv(record.result), f"import-{record.id}-errors.csv")
