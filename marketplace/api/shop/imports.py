"""The buyer's CSV import of listings: the template, the upload (a background job whose status
is at ``GET /api/v1/jobs/{job_id}``) and the error report."""
from flask import Response, g, request
from flask_babel import get_locale

from marketplace.api.routing import endpoint
from marketplace.core.clock import utcnow
from marketplace.imports import csvfile, services
from marketplace.imports.schemas import ImportStartedSchema
from marketplace.storage import get_storage
from marketplace.web.access import BUYER

TAG = "The buyer's shop"


def csv_download(data: bytes, filename: str) -> Response:
    return Response(data, content_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@endpoint("/shop/listings/import/template", access=BUYER, tag=TAG,
          summary="The CSV template: one row per SKU, the listing's columns repeated, example rows")
def import_template():
    return csv_download(csvfile.template_bytes(), "listings-template.csv")


@endpoint("/shop/listings/import", "POST", access=BUYER, response=ImportStartedSchema, status=202,
          errors=(413, 422), multipart={"file": {"type": "string", "format": "binary"}}, tag=TAG,
          summary="Import listings from a CSV (UTF-8 or GB18030, up to 5 MB and 20,000 rows) in the "
                  "background; the job's result holds {created, updated, failed, "
                  "errors: [{row, field, message}]}")
def start_import():
    upload = request.files.get("file")
    record = services.start_import(g.shop, upload.read() if upload else b"", actor=g.actor,
                                   storage=get_storage(), locale=str(get_locale()), now=utcnow())
    return {"job_id": record.id}


@endpoint("/shop/listings/import/<job_id>/errors", access=BUYER, errors=(404,), tag=TAG,
          summary="An import's problems as a CSV: row, column, message")
def import_errors(job_id):
    record = services.import_job(g.shop, job_id, g.actor)
    return csv_download(services.error_report_csv(record.result), f"import-{record.id}-errors.csv")
