"""The import pages: upload, the progress view polled by htmx, the result and its error report."""

import csv
import io

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Listing
from marketplace.extensions import db
from marketplace.imports.services import IMPORT_TASK
from marketplace.jobs.models import JobRecord
from tests.catalog.test_import import csv_bytes, row
from tests.catalog_builders import reference_data

EN = {"Accept-Language": "en"}


@pytest.fixture
def buyer(make, app):
    user = make.buyer(country="US", shop_name="Acme US")
    with app.app_context():
        reference_data()
        db.session.commit()
    return user


def count(app, model) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def post_file(client, data: bytes):
    return client.post(
        "/portal/listings/import", data={"file": (io.BytesIO(data), "listings.csv")}, headers=EN
    )


def test_upload_then_result_with_the_error_report(app, make, buyer):
    client = make.signed_in(buyer)
    form = client.get("/portal/listings/import", headers=EN).get_data(as_text=True)
    assert 'href="/portal/listings/import/template.csv"' in form
    response = post_file(client, csv_bytes(row("a", "A-1"), row("b", "B-1", price="cheap")))
    assert response.status_code == 302 and response.location.startswith("/portal/listings/import/")
    job_path = response.location
    page = client.get(job_path, headers=EN).get_data(as_text=True)
    assert '<th scope="row">Listings created</th><td>1</td>' in page
    assert '<th scope="row">Listings not imported</th><td>1</td>' in page
    assert "hx-trigger" not in page and "<td>Not a valid number.</td>" in page
    report = client.get(f"{job_path}/errors.csv")
    assert list(csv.reader(io.StringIO(report.get_data().decode("utf-8-sig")))) == [
        ["row", "column", "message"],
        ["3", "price", "Not a valid number."],
    ]
    assert count(app, Listing) == 1


def test_a_running_job_shows_a_progress_bar_that_polls(app, make, buyer):
    with app.app_context():
        record = JobRecord(
            task=IMPORT_TASK,
            queue="default",
            args=[],
            status="running",
            progress=0.4,
            owner_id=buyer.id,
            shop_id=buyer.shop.id,
        )
        db.session.add(record)
        db.session.commit()
        job_id = record.id
    fragment = make.signed_in(buyer).get(f"/portal/listings/import/{job_id}/status", headers=EN)
    html = fragment.get_data(as_text=True)
    assert '<progress max="100" value="40">40%</progress>' in html
    assert f'hx-get="/portal/listings/import/{job_id}/status" hx-trigger="every 1s"' in html


def test_a_binary_upload_is_refused_with_a_clear_message(app, make, buyer):
    response = post_file(make.signed_in(buyer), b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert response.status_code == 422
    assert "This is not a CSV file. Save the sheet as CSV (UTF-8) and upload that." in response.get_data(
        as_text=True
    )
    assert count(app, JobRecord) == 0


def test_another_shops_import_is_404(app, make, buyer):
    response = post_file(make.signed_in(buyer), csv_bytes(row("a", "A-1")))
    job_path = response.location
    intruder = make.signed_in(make.buyer(shop_name="Intruder"))
    for path in (job_path, f"{job_path}/status", f"{job_path}/errors.csv"):
        assert intruder.get(path).status_code == 404, path
    assert make.signed_in(buyer).get(job_path).status_code == 200


def test_the_template_downloads(make, buyer):
    response = make.signed_in(buyer).get("/portal/listings/import/template.csv")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.get_data().decode("utf-8-sig").startswith("listing_ref,category,brand,title_zh")
