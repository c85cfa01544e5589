"""One application decided through the review queue's own API: the only decision path."""
from __future__ import annotations

from tests.certification.conftest import submitted


def test_a_reviewer_approves_through_the_queue(applicant_api, api, reviewer):
    application_id = submitted(applicant_api)
    reviewer_api = api(reviewer)
    tasks = reviewer_api.get("/api/v1/review/tasks?kind=buyer_application").get_json()["items"]
    task = next(task for task in tasks if task["subject_id"] == application_id)
    assert reviewer_api.post(f"/api/v1/review/tasks/{task['id']}/claim").status_code == 200

    decided = reviewer_api.post(f"/api/v1/review/tasks/{task['id']}/decision",
                                json={"decision": "approve", "reasons": [], "note": None})

    assert decided.status_code == 200, decided.get_json()
    application = applicant_api.get(f"/api/v1/buyer-applications/{application_id}").get_json()
    assert application["status"] == "approved"
    me = applicant_api.get("/api/v1/me").get_json()
    assert ("buyer" in me["roles"], me["shop"]["slug"]) == (True, "mei-tanaka")


def test_a_reviewer_requests_changes_through_the_queue(applicant_api, api, reviewer):
    application_id = submitted(applicant_api)
    reviewer_api = api(reviewer)
    tasks = reviewer_api.get("/api/v1/review/tasks?kind=buyer_application").get_json()["items"]
    task = next(task for task in tasks if task["subject_id"] == application_id)
    reviewer_api.post(f"/api/v1/review/tasks/{task['id']}/claim")
    reviewer_api.post(f"/api/v1/review/tasks/{task['id']}/decision",
                      json={"decision": "request_changes", "reasons": ["insufficient_proof"],
                            "note": "Newer bill"})

    body = applicant_api.get(f"/api/v1/buyer-applications/{application_id}").get_json()
    assert (body["status"], body["reasons"], body["note"]) == ("changes_requested", ["insufficient_proof"],
                                                               "Newer bill")
