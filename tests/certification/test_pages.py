"""The application pages in the buyers portal, driven with the test client: form posts, refusals
shown with 422 next to the fields, PRG on success, and each outcome of the review."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from marketplace.certification.models import BuyerApplication
from marketplace.extensions import db
from tests.certification.conftest import JPEG, PDF, PNG

PAGE = "/portal/apply"


def form(**changes) -> dict:
    data = {"legal_name": "Mei Tanaka", "country": "JP", "city": "Osaka", "languages": "ja, en",
            "categories": ["beauty", "baby"], "bio": "I shop in Osaka department stores every week.",
            "social_links": "https://instagram.com/mei\nhttps://example.jp/mei", "shop_name": ""}
    data.update(changes)
    return data


def files(*kinds: str) -> dict:
    content = {"identity": (JPEG, "passport.jpg"), "residence": (PDF, "bill.pdf"),
               "sourcing": (PNG, "receipt.png")}
    return {kind: (io.BytesIO(content[kind][0]), content[kind][1]) for kind in kinds}


@pytest.fixture
def person(make):
    return make.user(name="Mei", locale="en")


@pytest.fixture
def browser(make, person):
    return make.signed_in(person)


def application_of(app, user):
    with app.app_context():
        statement = select(BuyerApplication).where(BuyerApplication.applicant_id == user.id)
        application = db.session.scalar(statement.order_by(BuyerApplication.id.desc()))
        if application is not None:
            application.documents  # noqa: B018
        return application


def post(browser, data: dict, path: str = PAGE):
    return browser.post(path, data=data, content_type="multipart/form-data")


def test_signing_in_is_needed(client):
    response = client.get(PAGE)
    assert response.status_code == 302
    assert "/sign-in" in response.headers["Location"]


def test_the_empty_form(browser):
    response = browser.get(PAGE)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "Become a buyer" in page
    assert 'name="legal_name"' in page and 'type="file"' in page
    assert 'value="beauty"' in page and "Japan" in page


def test_a_complete_application_is_saved_then_submitted(app, browser, person):
    response = post(browser, {**form(), **files("identity", "residence", "sourcing")})
    assert response.status_code == 302
    assert response.headers["Location"].endswith(PAGE)
    saved = application_of(app, person)
    assert (saved.status, saved.languages, saved.categories) == ("draft", ["ja", "en"], ["beauty", "baby"])
    assert saved.social_links == ["https://instagram.com/mei", "https://example.jp/mei"]
    assert saved.shop_name is None
    assert sorted(document.kind for document in saved.documents) == ["identity", "residence", "sourcing"]

    page = browser.get(PAGE).get_data(as_text=True)
    assert "Your application was saved." in page
    assert "passport.jpg" in page and "/files/" in page
    assert browser.post(f"{PAGE}/submit").status_code == 302
    page = browser.get(PAGE).get_data(as_text=True)
    assert "Submitted: waiting for review" in page
    assert 'name="legal_name"' not in page
    assert application_of(app, person).status == "submitted"


def test_the_document_links_on_the_page_work(browser):
    post(browser, {**form(), **files("identity")})
    page = browser.get(PAGE).get_data(as_text=True)
    link = page.split('href="/files/', 1)[1].split('"', 1)[0]
    assert browser.get(f"/files/{link}").get_data() == JPEG


def test_bad_input_is_shown_next_to_the_fields_and_nothing_is_written(app, browser, person, rows, stored):
    before, kept = rows(), stored()
    data = {**form(country="XX", bio="x" * 100_000, social_links="ftp://example.com"), **files("residence")}
    data["identity"] = (io.BytesIO(b"MZ\x90\x00 not a picture"), "passport.png")

    response = post(browser, data)

    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Not a known country code (ISO 3166, such as US or JP)." in page
    assert "At most 2000 characters." in page
    assert "Give web addresses starting with http:// or https://" in page
    assert "Upload a JPEG, PNG or WebP photo or a PDF." in page
    assert 'aria-invalid="true"' in page
    assert rows() == before
    assert stored() == kept


def test_a_valid_form_with_one_bad_file_keeps_nothing(app, browser, person, rows, stored):
    before, kept = rows(), stored()
    data = {**form(), **files("identity")}
    data["sourcing"] = (io.BytesIO(b""), "receipt.jpg")
    response = post(browser, data)
    assert response.status_code == 422
    assert "The file is empty." in response.get_data(as_text=True)
    assert rows() == before
    assert stored() == kept


def test_submitting_with_documents_missing_names_them(app, browser, person, rows):
    post(browser, {**form(), **files("identity")})
    before = rows()
    response = browser.post(f"{PAGE}/submit")
    assert response.status_code == 422
    assert ("Upload every document before submitting. Missing: proof of residence, proof of sourcing"
            in response.get_data(as_text=True))
    assert rows() == before
    assert application_of(app, person).status == "draft"


def test_changes_requested_are_shown_and_the_applicant_resubmits(app, browser, person, decide):
    post(browser, {**form(), **files("identity", "residence", "sourcing")})
    browser.post(f"{PAGE}/submit")
    application_id = application_of(app, person).id
    decide(application_id, "request_changes", ["insufficient_proof"], "Send a bill from this year.")

    page = browser.get(PAGE).get_data(as_text=True)
    assert "Changes requested: edit and submit again" in page
    assert "Insufficient proof" in page and "Send a bill from this year." in page
    assert 'value="Osaka"' in page

    edited = post(browser, {**form(city="Kyoto", categories=["beauty"]), **files("residence")})
    assert edited.status_code == 302
    assert browser.post(f"{PAGE}/submit").status_code == 302
    application = application_of(app, person)
    assert (application.id, application.status, application.city) == (application_id, "submitted", "Kyoto")
    assert application.categories == ["beauty"]
    assert (application.reasons, application.note) == ([], None)


def test_after_a_rejection_a_new_application_starts_from_the_old_one(app, browser, person, decide):
    post(browser, {**form(), **files("identity", "residence", "sourcing")})
    browser.post(f"{PAGE}/submit")
    rejected_id = application_of(app, person).id
    decide(rejected_id, "reject", ["other"], "We could not verify your residence.")

    page = browser.get(PAGE).get_data(as_text=True)
    assert "We could not verify your residence." in page
    assert "Start a new application" in page and 'value="Mei Tanaka"' in page
    assert post(browser, form(city="Nagoya")).status_code == 302
    new = application_of(app, person)
    assert (new.id != rejected_id, new.status, new.city, new.documents) == (True, "draft", "Nagoya", [])


def test_once_approved_the_buyer_lands_on_the_dashboard(app, browser, person, decide):
    post(browser, {**form(shop_name="Osaka Finds"), **files("identity", "residence", "sourcing")})
    browser.post(f"{PAGE}/submit")
    decide(application_of(app, person).id, "approve")

    response = browser.get(PAGE)
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/portal/")
    dashboard = browser.get("/portal/")
    assert dashboard.status_code == 200
    assert "Osaka Finds" in dashboard.get_data(as_text=True)


def test_a_submitted_application_cannot_be_changed_from_the_page(app, browser, person, rows):
    post(browser, {**form(), **files("identity", "residence", "sourcing")})
    browser.post(f"{PAGE}/submit")
    before = rows()
    assert post(browser, form(city="Kyoto")).status_code == 409
    assert browser.post(f"{PAGE}/submit").status_code == 409
    assert rows() == before
    assert application_of(app, person).city == "Osaka"
