"""Private documents: signed links for the applicant and reviewers only, links that expire,
replacement of a kind, and another user's application answering 404 on every route."""
from __future__ import annotations

import pytest
from itsdangerous import TimestampSigner

from tests.certification.conftest import JPEG, PDF, PNG, complete_draft, draft, submitted, upload

URL = "/api/v1/buyer-applications"


@pytest.fixture
def clock(monkeypatch):
    """``clock.move(seconds)``: the signed-link clock, moved on without sleeping."""

    class Clock:
        offset = 0

        def move(self, seconds: int) -> None:
            self.offset += seconds

    clock, real = Clock(), TimestampSigner.get_timestamp
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda signer: real(signer) + clock.offset)
    return clock


def fetch(client, url: str):
    return client.get(url)


def test_the_applicant_fetches_documents_through_signed_links(app, applicant_api, client):
    application_id = complete_draft(applicant_api)
    response = applicant_api.get(f"{URL}/{application_id}/documents")
    assert response.status_code == 200
    listed = response.get_json()
    assert listed["total"] == 3
    by_kind = {item["kind"]: item for item in listed["items"]}
    assert set(by_kind) == {"identity", "residence", "sourcing"}
    for kind, data in (("identity", JPEG), ("residence", PDF), ("sourcing", PNG)):
        assert by_kind[kind]["url"].startswith("/files/")
        downloaded = fetch(client, by_kind[kind]["url"])
        assert downloaded.status_code == 200
        assert downloaded.get_data() == data
        assert downloaded.headers["Cache-Control"].startswith("private")
    assert by_kind["identity"]["url_expires_at"] > by_kind["identity"]["uploaded_at"]


def test_documents_are_stored_under_private_keys(app, applicant_api, stored):
    application_id = complete_draft(applicant_api)
    keys = {key for key in stored() if key.startswith(f"private/applications/{application_id}/")}
    assert len(keys) == 3
    assert not any(key.startswith("public/") for key in stored())
    assert {key.rsplit(".", 1)[1] for key in keys} == {"jpg", "pdf", "png"}


def test_a_reviewer_sees_the_application_with_working_links(applicant, applicant_api, api, reviewer, client):
    application_id = submitted(applicant_api)
    response = api(reviewer).get(f"/api/v1/review/applications/{application_id}")
    assert response.status_code == 200
    body = response.get_json()
    assert (body["id"], body["status"]) == (application_id, "submitted")
    assert body["applicant"]["id"] == applicant.id
    assert [document["kind"] for document in body["documents"]] == ["identity", "residence", "sourcing"]
    assert fetch(client, body["documents"][0]["url"]).get_data() == JPEG


def test_only_reviewers_use_the_review_route(applicant_api, api, make):
    application_id = submitted(applicant_api)
    assert applicant_api.get(f"/api/v1/review/applications/{application_id}").status_code == 403
    assert api(make.user()).get(f"/api/v1/review/applications/{application_id}").status_code == 403
    assert api(make.reviewer()).get("/api/v1/review/applications/999999").status_code == 404


def test_links_expire(applicant_api, client, clock):
    application_id = complete_draft(applicant_api)
    url = applicant_api.get(f"{URL}/{application_id}/documents").get_json()["items"][0]["url"]
    clock.move(299)
    assert fetch(client, url).status_code == 200
    clock.move(2)
    assert fetch(client, url).status_code == 403


def test_a_new_upload_replaces_the_kind_and_removes_the_old_file(app, applicant_api, client, stored):
    application_id = draft(applicant_api)
    upload(applicant_api, application_id, "identity", JPEG, "old.jpg")
    old_keys = {key for key in stored() if key.startswith(f"private/applications/{application_id}/identity-")}
    old_url = applicant_api.get(f"{URL}/{application_id}/documents").get_json()["items"][0]["url"]

    response = upload(applicant_api, application_id, "identity", PDF, "new.pdf")

    assert response.status_code == 201
    listed = applicant_api.get(f"{URL}/{application_id}/documents").get_json()["items"]
    assert [(item["kind"], item["filename"]) for item in listed] == [("identity", "new.pdf")]
    assert fetch(client, listed[0]["url"]).get_data() == PDF
    new_keys = {key for key in stored() if key.startswith(f"private/applications/{application_id}/identity-")}
    assert len(old_keys) == len(new_keys) == 1
    assert old_keys.isdisjoint(new_keys)
    assert fetch(client, old_url).status_code == 404


def other_users_calls(application_id: int):
    item = f"{URL}/{application_id}"
    return [("GET", item, {}), ("PATCH", item, {"json": {"city": "Kyoto"}}),
            ("PATCH", item, {"json": {"x": 1}}), ("PATCH", item, {"data": "not json"}),
            ("GET", f"{item}/documents", {}),
            ("POST", f"{item}/documents", {"data": {"kind": "selfie"}}), ("POST", f"{item}/submit", {})]


def test_another_users_application_is_absent_on_every_route(applicant_api, api, make, rows, stored):
    application_id = complete_draft(applicant_api)
    intruder = api(make.user())
    before, files = rows(), stored()
    for method, path, kwargs in other_users_calls(application_id):
        response = intruder.open(path, method=method, **kwargs)
        assert response.status_code == 404, f"{method} {path} answered {response.status_code}"
    response = upload(intruder, application_id, "identity", JPEG)
    assert response.status_code == 404
    assert intruder.get(URL).get_json()["total"] == 0
    assert rows() == before
    assert stored() == files


def test_a_buyer_or_reviewer_is_no_owner_either(applicant_api, api, make):
    application_id = draft(applicant_api)
    for other in (make.buyer(), make.reviewer()):
        assert api(other).get(f"{URL}/{application_id}").status_code == 404
        assert api(other).get(f"{URL}/{application_id}/documents").status_code == 404


def test_without_a_token_every_route_is_a_401(applicant_api, api):
    application_id = draft(applicant_api)
    anonymous = api()
    assert anonymous.get(f"{URL}/{application_id}").status_code == 401
    assert anonymous.post(URL, json={}).status_code == 401
    assert anonymous.get(f"/api/v1/review/applications/{application_id}").status_code == 401
