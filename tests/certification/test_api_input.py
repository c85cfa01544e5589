"""Bad input for every field and every file answers a translated 422 and writes nothing."""
from __future__ import annotations

import pytest

from tests.certification.conftest import ENGLISH, JPEG, PDF, PNG, WEBP, application_body, draft, upload

URL = "/api/v1/buyer-applications"
MB = 1024 * 1024


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"country": "XX"}, "country", "Not a known country code (ISO 3166, such as US or JP)."),
    ({"country": "EU"}, "country", "Not a known country code (ISO 3166, such as US or JP)."),
    ({"country": "CN"}, "country", "Buyers live outside mainland China."),
    ({"country": ""}, "country", "This field is required."),
    ({"categories": ["beauty", "lawnmowers"]}, "categories", "Unknown categories: lawnmowers"),
    ({"categories": "beauty"}, "categories", "Give a list here."),
    ({"bio": "x" * 100_000}, "bio", "At most 2000 characters."),
    ({"bio": "   "}, "bio", "This field is required."),
    ({"legal_name": "x" * 121}, "legal_name", "At most 120 characters."),
    ({"city": ""}, "city", "This field is required."),
    ({"city": 12}, "city", "Give text here."),
    ({"languages": ["en", "klingonese"]}, "languages", "Unknown language codes: klingonese"),
    ({"social_links": ["javascript:alert(1)"]}, "social_links",
     "Give web addresses starting with http:// or https:// (at most 300 characters each)."),
    ({"social_links": ["instagram.com/mei"]}, "social_links",
     "Give web addresses starting with http:// or https:// (at most 300 characters each)."),
    ({"social_links": [f"https://example.com/{n}" for n in range(6)]}, "social_links", "At most 5 entries."),
    ({"shop_name": "x" * 121}, "shop_name", "At most 120 characters."),
    ({"website": "https://example.com"}, "website", "This field is not accepted here."),
])
def test_a_bad_field_is_named_and_nothing_is_written(applicant_api, rows, changes, field, message):
    before = rows()
    response = applicant_api.post(URL, json=application_body(**changes), headers=ENGLISH)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert error["code"] == "validation_failed"
    assert error["fields"] == {field: [message]}
    assert rows() == before


def test_every_missing_required_field_is_named(applicant_api, rows):
    before = rows()
    response = applicant_api.post(URL, json={}, headers=ENGLISH)
    assert response.status_code == 422
    assert sorted(response.get_json()["error"]["fields"]) == ["bio", "categories", "city", "country",
                                                             "legal_name"]
    assert rows() == before


def test_problems_are_translated(applicant_api):
    response = applicant_api.post(URL, json=application_body(city=" "), headers={"Accept-Language": "zh-CN"})
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert (error["message"], error["fields"]) == ("部分内容填写有误。", {"city": ["此项为必填项。"]})


def test_a_body_that_is_not_an_object_is_a_400(applicant_api, rows):
    before = rows()
    response = applicant_api.post(URL, data="[1, 2]", content_type="application/json")
    assert response.status_code == 400
    assert rows() == before


def test_country_is_kept_upper_case_and_lists_are_trimmed(applicant_api):
    body = applicant_api.post(URL, json=application_body(
        country="us", languages=[" en ", "en", "ja"], categories=["beauty", " baby", "beauty"])).get_json()
    assert body["country"] == "US"
    assert (body["languages"], body["categories"]) == (["en", "ja"], ["beauty", "baby"])


def test_a_bad_edit_changes_nothing(applicant_api, rows):
    application_id = draft(applicant_api)
    before = rows()
    response = applicant_api.patch(f"{URL}/{application_id}", json={"city": "Kyoto", "country": "XX"},
                                   headers=ENGLISH)
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == ["country"]
    assert rows() == before
    assert applicant_api.get(f"{URL}/{application_id}").get_json()["city"] == "Osaka"


@pytest.mark.parametrize(("data", "filename", "content_type"), [
    (JPEG, "passport.jpg", "image/jpeg"), (PNG, "passport.png", "image/png"),
    (WEBP, "passport.webp", "image/webp"), (PDF, "passport.pdf", "application/pdf"),
    (PNG, "photo-named-wrong.pdf", "image/png"),
])
def test_documents_are_recognised_by_content(applicant_api, data, filename, content_type):
    application_id = draft(applicant_api)
    response = upload(applicant_api, application_id, "identity", data, filename)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["kind"], body["filename"], body["content_type"], body["size"]) == (
        "identity", filename, content_type, len(data))


@pytest.mark.parametrize(("kind", "data", "filename", "field", "message"), [
    ("identity", b"<html><script>alert(1)</script></html>", "passport.png", "file",
     "Upload a JPEG, PNG or WebP photo or a PDF."),
    ("identity", b"GIF89a" + b"\x00" * 32, "passport.gif", "file",
     "Upload a JPEG, PNG or WebP photo or a PDF."),
    ("identity", JPEG[:2], "passport.jpg", "file", "Upload a JPEG, PNG or WebP photo or a PDF."),
    ("identity", b"", "passport.jpg", "file", "The file is empty."),
    ("identity", JPEG + b"\x00" * (11 * MB), "passport.jpg", "file", "The file is larger than 10 MB."),
    ("identity", None, None, "file", "Choose a file to upload."),
    ("selfie", JPEG, "passport.jpg", "kind", "Choose one of: identity, residence, sourcing."),
    (None, JPEG, "passport.jpg", "kind", "Choose one of: identity, residence, sourcing."),
])
def test_bad_uploads_are_refused_and_nothing_is_stored(applicant_api, rows, stored, kind, data, filename,
                                                       field, message):
    application_id = draft(applicant_api)
    before, files = rows(), stored()
    response = upload(applicant_api, application_id, kind, data, filename or "x", headers=ENGLISH)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert (error["code"], error["fields"]) == ("invalid_document", {field: [message]})
    assert error["message"] == message
    assert rows() == before
    assert stored() == files


def test_exactly_ten_megabytes_is_accepted(applicant_api):
    application_id = draft(applicant_api)
    data = PDF + b"\x00" * (10 * MB - len(PDF))
    assert upload(applicant_api, application_id, "sourcing", data, "receipts.pdf").status_code == 201


def test_an_upload_over_the_request_limit_is_a_413(applicant_api, rows):
    application_id = draft(applicant_api)
    before = rows()
    response = upload(applicant_api, application_id, "identity", JPEG + b"\x00" * (13 * MB))
    assert response.status_code == 413
    assert rows() == before


def test_an_application_may_name_no_categories(api, make):
    client = api(make.user())
    response = client.post("/api/v1/buyer-applications", json={
        "legal_name": "Ada Buyer", "country": "US", "city": "Portland", "categories": [],
        "bio": "I shop outlet malls weekly."})
    assert response.status_code == 201
    assert response.get_json()["status"] == "draft"
