"""The listing CSV import through the API: encodings, good and bad rows side by side, re-import,
submission, refused files and the error report."""

import csv
import io

import pytest
from sqlalchemy import func, select

from marketplace.catalog.models import Listing, Sku
from marketplace.extensions import db
from marketplace.imports import csvfile
from marketplace.jobs.models import JobRecord
from marketplace.moderation.models import ReviewTask
from tests.catalog_builders import listing, reference_data

EN = {"Accept-Language": "en"}
HEADER = (
    "listing_ref,category,brand,title_zh,title_en,description_zh,origin_country,tax_category,routes,"
    "sku_code,options,price,weight_g,stock,submit"
)


def row(
    ref,
    code,
    price="25.00",
    title="保湿面霜",
    options="size=50ml",
    weight="200",
    stock="5",
    submit="no",
    category="test-skincare",
):
    return (
        f"{ref},{category},Acme,{title},Moisturiser,滋润保湿，适合干性肌肤,US,test_cosmetics,direct_mail|bonded,"
        f"{code},{options},{price},{weight},{stock},{submit}"
    )


def csv_bytes(*rows, encoding="utf-8") -> bytes:
    return "\r\n".join((HEADER, *rows)).encode(encoding)


@pytest.fixture
def buyer(make, app):
    user = make.buyer(country="US", shop_name="Acme US")
    with app.app_context():
        reference_data()
        db.session.commit()
    return user


def upload(api, user, data: bytes, name="listings.csv"):
    return api(user).post("/api/v1/shop/listings/import", data={"file": (io.BytesIO(data), name)}, headers=EN)


def run(api, user, data: bytes) -> dict:
    response = upload(api, user, data)
    assert response.status_code == 202, response.get_json()
    db.session.expire_all()  # the job ran in its own session; this test shares the requests' one
    job = api(user).get(f"/api/v1/jobs/{response.get_json()['job_id']}").get_json()
    assert (job["status"], job["progress"]) == ("finished", 1.0), job
    return job["result"]


def counts(result) -> tuple:
    return tuple(result[key] for key in ("rows", "created", "updated", "failed", "submitted"))


def listings_of(shop_id) -> list[Listing]:
    return list(
        db.session.scalars(
            select(Listing)
            .where(Listing.shop_id == shop_id)
            .order_by(Listing.id)
            .execution_options(populate_existing=True)
        )
    )


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_file_in_any_accepted_encoding_creates_draft_listings(api, buyer, ctx, encoding):
    data = csv_bytes(
        row("a", "CREAM-50"),
        row("a", "CREAM-100", price="40.00", options="size=100ml"),
        row("b", "LOTION-1", title="身体乳"),
        encoding=encoding,
    )
    result = run(api, buyer, data)
    assert counts(result) == (3, 2, 0, 0, 0) and result["errors"] == []
    created = listings_of(buyer.shop.id)
    assert [(item.title_zh, item.status, item.routes) for item in created] == [
        ("保湿面霜", "draft", ["direct_mail", "bonded"]),
        ("身体乳", "draft", ["direct_mail", "bonded"]),
    ]
    assert created[0].description_zh == "滋润保湿，适合干性肌肤"
    assert [(sku.code, sku.options, str(sku.price), sku.currency) for sku in created[0].skus] == [
        ("CREAM-50", {"size": "50ml"}, "25.0000", "USD"),
        ("CREAM-100", {"size": "100ml"}, "40.0000", "USD"),
    ]


def test_bad_rows_are_reported_and_never_half_written(api, buyer, ctx):
    data = csv_bytes(
        row("good", "GOOD-1"),
        row("bad", "BAD-1", options="colour=red"),
        row("bad", "BAD-2", price="-3", options="colour=blue"),
        row("worse", "WORSE-1", weight="heavy", category="no-such-category"),
        row("", "LOOSE-1"),
    )
    result = run(api, buyer, data)
    assert counts(result) == (5, 1, 0, 2, 0)
    assert result["errors"] == [
        {
            "row": 3,
            "field": "listing_ref",
            "message": "Not imported: row 4 of the same listing has problems.",
        },
        {"row": 4, "field": "price", "message": "Must be at least 0."},
        {"row": 5, "field": "category", "message": "There is no category with this slug."},
        {"row": 5, "field": "weight_g", "message": "Give a whole number here."},
        {"row": 6, "field": "listing_ref", "message": "This field is required."},
    ]
    assert [item.title_zh for item in listings_of(buyer.shop.id)] == ["保湿面霜"]
    assert sorted(db.session.scalars(select(Sku.code))) == ["GOOD-1"]


def test_reimporting_updates_by_sku_code_instead_of_duplicating(api, buyer, ctx):
    first = run(api, buyer, csv_bytes(row("a", "CREAM-50"), row("b", "LOTION-1")))
    assert counts(first) == (2, 2, 0, 0, 0)
    again = run(
        api,
        buyer,
        csv_bytes(row("x", "CREAM-50", price="27.50", title="新款面霜", stock="9"), row("b", "LOTION-1")),
    )
    assert counts(again) == (2, 0, 2, 0, 0)
    assert db.session.scalar(select(func.count()).select_from(Listing)) == 2
    assert db.session.scalar(select(func.count()).select_from(Sku)) == 2
    cream = listings_of(buyer.shop.id)[0]
    assert (cream.title_zh, str(cream.skus[0].price)) == ("新款面霜", "27.5000")


def test_a_sku_code_used_by_two_listings_of_the_file_is_refused(api, buyer, ctx):
    result = run(api, buyer, csv_bytes(row("a", "SAME-1"), row("b", "SAME-1", title="另一个")))
    assert counts(result) == (2, 1, 0, 1, 0)
    assert result["errors"] == [
        {"row": 3, "field": "sku_code", "message": "Row 2 already uses this SKU code for another listing."}
    ]


def test_submit_yes_opens_a_review_task_when_the_listing_can_go(api, buyer, ctx):
    ready = listing(buyer.shop.id, status="draft", title="眼霜", price="25.00")
    ready.proof_key = "proofs/receipt.jpg"
    code = ready.skus[0].code
    db.session.commit()
    result = run(
        api,
        buyer,
        csv_bytes(row("ready", code, title="眼霜", submit="yes"), row("new", "NEW-1", submit="yes")),
    )
    assert counts(result) == (2, 1, 1, 0, 1)
    assert result["errors"] == [
        {
            "row": 3,
            "field": "submit",
            "message": (
                "Saved as a draft, not submitted for review: Add at least one picture. "
                "Upload the authenticity proof (a photo of the receipt)."
            ),
        }
    ]
    statuses = {item.title_zh: item.status for item in listings_of(buyer.shop.id)}
    assert statuses == {"眼霜": "pending_review", "保湿面霜": "draft"}
    tasks = db.session.scalars(select(ReviewTask)).all()
    assert [(task.kind, task.subject_id, task.shop_id) for task in tasks] == [
        ("listing", ready.id, buyer.shop.id)
    ]


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not_csv"),
        (b"name,price\r\nfoo,1\r\n", "missing_columns"),
        (HEADER.encode(), "no_rows"),
        (b"", "no_file"),
        (b"\xff\xfe\x81\x30" * 10, "not_csv"),
    ],
)
def test_a_file_that_is_not_a_listing_csv_is_refused_at_once(api, buyer, ctx, data, code):
    response = upload(api, buyer, data)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert (error["code"], list(error["fields"])) == (code, ["file"])
    assert db.session.scalar(select(func.count()).select_from(JobRecord)) == 0


def test_the_size_and_row_caps_are_clear(api, buyer, ctx, monkeypatch):
    monkeypatch.setattr(csvfile, "MAX_ROWS", 2)
    response = upload(api, buyer, csv_bytes(row("a", "A-1"), row("b", "B-1"), row("c", "C-1")))
    assert (
        response.get_json()["error"]["message"]
        == "The file has more than 2 rows. Split it into smaller files."
    )
    monkeypatch.setattr(csvfile, "MAX_FILE_BYTES", 100)
    response = upload(api, buyer, csv_bytes(row("a", "A-1")))
    assert response.get_json()["error"]["code"] == "file_too_large"
    assert db.session.scalar(select(func.count()).select_from(Listing)) == 0


def test_the_error_report_downloads_as_csv_for_its_shop_only(api, buyer, make, ctx):
    response = upload(api, buyer, csv_bytes(row("a", "A-1", price="free")))
    job_id = response.get_json()["job_id"]
    report = api(buyer).get(f"/api/v1/shop/listings/import/{job_id}/errors")
    assert report.status_code == 200 and report.mimetype == "text/csv"
    assert list(csv.reader(io.StringIO(report.get_data().decode("utf-8-sig")))) == [
        ["row", "column", "message"],
        ["2", "price", "Not a valid number."],
    ]
    assert api(make.buyer()).get(f"/api/v1/shop/listings/import/{job_id}/errors").status_code == 404
    assert api(buyer).get("/api/v1/shop/listings/import/" + "0" * 32 + "/errors").status_code == 404


def test_the_template_has_every_column_and_examples(api, buyer):
    response = api(buyer).get("/api/v1/shop/listings/import/template")
    assert response.status_code == 200 and response.get_data().startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert tuple(rows[0]) == csvfile.COLUMNS and len(rows) == 4
    assert all(len(example) == len(csvfile.COLUMNS) for example in rows[1:])
