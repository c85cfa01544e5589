"""GET /api/v1/jobs/{id}: status, progress and result for the job's owner, its shop's owner and
admins; 404 for everyone else, as if the job did not exist."""
from __future__ import annotations

from marketplace.extensions import db
from marketplace.jobs.models import JobRecord
from marketplace.jobs.services import enqueue
from tests.jobs.sample_tasks import PROBES


def start(app, task, *args, **kwargs) -> JobRecord:
    with app.app_context():
        record = enqueue(task, *args, **kwargs)
        db.session.commit()
        return db.session.get(JobRecord, record.id, populate_existing=True)


def as_json(record: JobRecord, **changes) -> dict:
    body = {"id": record.id, "task": record.task, "status": record.status, "progress": record.progress,
            "result": record.result, "error": None, "created_at": record.created_at.isoformat(),
            "started_at": record.started_at.isoformat(), "ended_at": record.ended_at.isoformat()}
    return body | changes


def test_the_owner_reads_a_finished_job_with_its_result(app, make, api):
    owner = make.user()
    record = start(app, "tests.echo", 1, "two", owner=owner)
    response = api(owner).get(f"/api/v1/jobs/{record.id}")
    assert response.status_code == 200
    body = response.get_json()
    assert body == as_json(record)
    assert (body["status"], body["progress"], body["result"]) == ("finished", 1.0, {"echo": [1, "two"]})


def test_another_user_gets_404_and_a_stranger_401(app, make, api, client):
    record = start(app, "tests.echo", owner=make.user())
    response = api(make.user()).get(f"/api/v1/jobs/{record.id}")
    assert response.status_code == 404
    assert response.get_json()["error"]["code"] == "not_found"
    anonymous = client.get(f"/api/v1/jobs/{record.id}")
    assert anonymous.status_code == 401
    assert anonymous.get_json()["error"]["code"] == "unauthorized"


def test_the_shop_owner_and_admins_read_a_shop_job(app, make, api):
    buyer = make.buyer()
    record = start(app, "tests.echo", shop=buyer.shop)
    assert api(buyer).get(f"/api/v1/jobs/{record.id}").status_code == 200
    assert api(make.admin()).get(f"/api/v1/jobs/{record.id}").status_code == 200
    assert api(make.buyer()).get(f"/api/v1/jobs/{record.id}").status_code == 404


def test_unknown_and_malformed_ids_are_404(make, api):
    caller = api(make.admin())
    for job_id in ("0" * 32, "not-a-job", "x" * 500, "%00"):
        response = caller.get(f"/api/v1/jobs/{job_id}")
        assert response.status_code == 404, job_id
        assert response.get_json()["error"]["code"] == "not_found"


def test_a_failed_job_shows_its_error_in_the_callers_language(app, make, api):
    owner = make.user()
    refused = start(app, "tests.refuse", 7, owner=owner)
    crashed = start(app, "tests.crash", owner=owner)
    caller = api(owner)
    body = caller.get(f"/api/v1/jobs/{refused.id}").get_json()
    assert body == as_json(refused, error="Row 7 has no price.")
    assert body["status"] == "failed" and body["result"] is None
    english = caller.get(f"/api/v1/jobs/{crashed.id}", headers={"Accept-Language": "en"}).get_json()
    assert english["error"] == "The job failed. Please try again or contact us."
    assert "internal detail" not in str(english)


def test_progress_is_visible_while_the_job_runs(app, make, api):
    owner = make.user()
    caller = api(owner)
    seen = []
    PROBES.append(lambda job_id: seen.append(caller.get(f"/api/v1/jobs/{job_id}").get_json()))
    record = start(app, "tests.progress", owner=owner)
    assert [(body["status"], body["progress"], body["result"]) for body in seen] == [("running", 0.5, None)]
    final = caller.get(f"/api/v1/jobs/{record.id}").get_json()
    assert (final["status"], final["progress"], final["result"]) == ("finished", 1.0, {"done": True})


def test_the_endpoint_is_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "get" in paths["/api/v1/jobs/{job_id}"]
