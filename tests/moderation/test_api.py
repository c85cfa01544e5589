"""The review queue through the API: listing order and filters, claims, decisions, four-eyes,
every bad input (nothing changes), role checks, audit entries, health."""

from datetime import timedelta

import pytest
from sqlalchemy import update

from marketplace.accounts.models import User
from marketplace.audit.services import events_for
from marketplace.catalog.models import Listing
from marketplace.core.clock import utcnow
from marketplace.extensions import db
from marketplace.moderation import claims
from marketplace.moderation.models import ReviewTask
from tests.moderation import helpers

URL = "/api/v1/review/tasks"


@pytest.fixture
def seller(app, make):
    user = make.buyer(locale="en")
    with app.app_context():
        helpers.rates()
        db.session.commit()
    return user


@pytest.fixture
def submit(app, seller):
    """``submit(**listing_fields)`` → the id of a new listing task (pre-screened)."""

    def create(**fields) -> int:
        with app.app_context():
            user = db.session.get(User, seller.id)  # merge would overwrite roles changed meanwhile
            return helpers.submit(helpers.listing(user.shop.id, **fields), user).id

    return create


@pytest.fixture
def reviewer_api(api, make):
    return api(make.reviewer(name="Rita"))


@pytest.fixture
def other_api(api, make):
    return api(make.reviewer(name="Otto"))


def row(app, task_id):
    with app.app_context():
        return helpers.snapshot(task_id)


def listing_status(app, task_id):
    with app.app_context():
        task = helpers.task_row(task_id)
        return db.session.get(Listing, task.subject_id).status


def test_the_queue_is_ordered_by_risk_then_age(reviewer_api, submit):
    clean, risky, riskier, also_clean = (submit(), submit(images=1), submit(title="Acme replica"), submit())
    body = reviewer_api.get(URL, headers={"Accept-Language": "en"}).get_json()
    assert [item["id"] for item in body["items"]] == [riskier, risky, clean, also_clean]
    assert (body["page"], body["per_page"], body["total"]) == (1, 20, 4)
    first = body["items"][0]
    assert set(first) >= {
        "id",
        "kind",
        "subject_id",
        "status",
        "risk_score",
        "flags",
        "created_at",
        "claimed_by",
    }
    assert (first["kind"], first["status"], first["risk_score"], first["claimed_by"]) == (
        "listing",
        "open",
        40,
        None,
    )
    assert first["flags"] == [
        {
            "code": "banned_words",
            "weight": 40,
            "params": {"words": "replica"},
            "explanation": "Contains words that suggest a fake: replica.",
        }
    ]


def test_filters_by_kind_status_flag_and_risk(reviewer_api, submit):
    clean, risky = submit(), submit(images=1)
    reviewer_api.post(f"{URL}/{clean}/claim")
    ids = lambda query: [item["id"] for item in reviewer_api.get(f"{URL}?{query}").get_json()["items"]]  # noqa: E731
    assert ids("status=open") == [risky]
    assert ids("status=claimed") == [clean]
    assert ids("flag=too_few_images") == [risky]
    assert ids("min_risk=5") == [risky]
    assert ids("kind=buyer_application") == []
    assert ids("kind=listing&older_than_hours=1") == []


@pytest.mark.parametrize(
    "query", ["kind=shoes", "status=done", "flag=nope", "min_risk=-1", "per_page=500", "colour=red"]
)
def test_bad_filters_answer_422(reviewer_api, query):
    response = reviewer_api.get(f"{URL}?{query}")
    assert response.status_code == 422
    assert response.get_json()["error"]["code"] == "validation_failed"


def test_claim_renew_release(app, reviewer_api, submit):
    task_id = submit()
    claimed = reviewer_api.post(f"{URL}/{task_id}/claim")
    assert claimed.status_code == 200
    body = claimed.get_json()
    assert (body["id"], body["status"]) == (task_id, "claimed")
    status, holder, expires = row(app, task_id)[:3]
    assert status == "claimed" and body["claim_expires_at"] == expires.isoformat()
    assert timedelta(minutes=14) < expires - utcnow() <= timedelta(minutes=15)
    renewed = reviewer_api.post(f"{URL}/{task_id}/claim")
    assert renewed.status_code == 200 and row(app, task_id)[2] >= expires
    released = reviewer_api.post(f"{URL}/{task_id}/release")
    assert (released.status_code, released.get_json()["status"]) == (200, "open")
    assert row(app, task_id)[:3] == ("open", None, None)
    with app.app_context():
        actions = [event.action for event in events_for("review_task", task_id)]
    assert actions == [
        "review_task.opened",
        "review_task.prescreened",
        "review_task.claimed",
        "review_task.claim_renewed",
        "review_task.released",
    ]


def test_a_task_held_by_another_reviewer_answers_409(app, reviewer_api, other_api, submit):
    task_id = submit()
    reviewer_api.post(f"{URL}/{task_id}/claim")
    before = row(app, task_id)
    response = other_api.post(f"{URL}/{task_id}/claim")
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "already_claimed"
    assert other_api.post(f"{URL}/{task_id}/release").status_code == 409
    decided = other_api.post(f"{URL}/{task_id}/decision", json={"decision": "approve"})
    assert decided.status_code == 409 and decided.get_json()["error"]["code"] == "not_claimed"
    assert row(app, task_id) == before


def test_an_expired_claim_returns_to_the_queue(app, reviewer_api, other_api, submit):
    task_id = submit()
    reviewer_api.post(f"{URL}/{task_id}/claim")
    with app.app_context():
        db.session.execute(
            update(ReviewTask)
            .where(ReviewTask.id == task_id)
            .values(claim_expires_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    listed = reviewer_api.get(f"{URL}?status=open").get_json()["items"]
    assert [(item["id"], item["status"], item["claimed_by"]) for item in listed] == [(task_id, "open", None)]
    late = reviewer_api.post(f"{URL}/{task_id}/decision", json={"decision": "approve"})
    assert late.status_code == 409 and late.get_json()["error"]["code"] == "not_claimed"
    with app.app_context():
        assert claims.expire_claims(utcnow()) == 1
        db.session.commit()
        assert [event.action for event in events_for("review_task", task_id)][
            -1
        ] == "review_task.claim_expired"
    assert row(app, task_id)[:3] == ("open", None, None)
    assert other_api.post(f"{URL}/{task_id}/claim").status_code == 200


def test_an_expired_claim_is_taken_by_another_reviewer_directly(app, reviewer_api, other_api, submit):
    task_id = submit()
    reviewer_api.post(f"{URL}/{task_id}/claim")
    with app.app_context():
        db.session.execute(
            update(ReviewTask)
            .where(ReviewTask.id == task_id)
            .values(claim_expires_at=utcnow() - timedelta(seconds=1))
        )
        db.session.commit()
    assert other_api.post(f"{URL}/{task_id}/claim").status_code == 200


def test_reject_with_reasons_is_final_and_reaches_the_listing(app, reviewer_api, submit):
    task_id = submit()
    reviewer_api.post(f"{URL}/{task_id}/claim")
    response = reviewer_api.post(
        f"{URL}/{task_id}/decision",
        json={
            "decision": "reject",
            "reasons": ["counterfeit_risk", "poor_images"],
            "note": "Blurry receipt.",
        },
    )
    assert response.status_code == 200
    assert response.get_json() == {
        "id": task_id,
        "status": "decided",
        "decision": "reject",
        "reasons": ["counterfeit_risk", "poor_images"],
    }
    status, holder, expires, first, decision, reasons, note, decided_by, decided_at = row(app, task_id)
    assert (status, holder, expires, first, decision, reasons, note) == (
        "decided",
        None,
        None,
        None,
        "reject",
        ["counterfeit_risk", "poor_images"],
        "Blurry receipt.",
    )
    assert listing_status(app, task_id) == "rejected"
    with app.app_context():
        event = events_for("review_task", task_id)[-1]
        assert (event.action, event.before, event.after, event.note) == (
            "review_task.decided",
            {"status": "claimed"},
            {"status": "decided", "decision": "reject", "reasons": ["counterfeit_risk", "poor_images"]},
            "Blurry receipt.",
        )
    again = reviewer_api.post(f"{URL}/{task_id}/decision", json={"decision": "approve"})
    assert again.status_code == 409 and again.get_json()["error"]["code"] == "already_decided"
    assert reviewer_api.post(f"{URL}/{task_id}/claim").status_code == 409


def test_the_buyer_is_told_by_email_in_their_language(app, reviewer_api, submit, seller):
    import glob
    import os
    import pathlib

    task_id = submit()
    reviewer_api.post(f"{URL}/{task_id}/claim")
    reviewer_api.post(
        f"{URL}/{task_id}/decision",
        json={"decision": "request_changes", "reasons": ["insufficient_proof"], "note": "Add a receipt."},
    )
    messages = glob.glob(os.path.join(app.config["MAIL_OUTBOX_PATH"], "*.eml"))
    texts = [pathlib.Path(path).read_text(encoding="utf-8") for path in messages]
    mine = [text for text in texts if seller.email in text and "Your listing needs changes" in text]
    assert len(mine) == 1
    assert "Insufficient proof" in mine[0] and "Add a receipt." in mine[0]


BAD_DECISIONS = [
    ({"decision": "maybe"}, "decision"),
    ({"decision": "reject"}, "reasons"),
    ({"decision": "request_changes", "reasons": []}, "reasons"),
    ({"decision": "reject", "reasons": ["ugly"]}, "reasons"),
    ({"decision": "reject", "reasons": "other"}, "reasons"),
    ({"decision": "approve", "note": "x" * 2001}, "note"),
    ({"reasons": ["other"]}, "decision"),
    ({"decision": "approve", "colour": "red"}, "colour"),
]


@pytest.mark.parametrize("body, field", BAD_DECISIONS)
def test_bad_decisions_answer_422_and_change_nothing(app, reviewer_api, submit, body, field):
    task_id = submit()
    reviewer_api.post(f"{URL}/{task_id}/claim")
    before = row(app, task_id)
    response = reviewer_api.post(f"{URL}/{task_id}/decision", json=body)
    assert response.status_code == 422
    assert list(response.get_json()["error"]["fields"]) == [field]
    assert row(app, task_id) == before
    assert listing_status(app, task_id) == "pending_review"


def test_a_malformed_body_answers_400(app, reviewer_api, submit):
    task_id = submit()
    reviewer_api.post(f"{URL}/{task_id}/claim")
    response = reviewer_api.post(f"{URL}/{task_id}/decision", data="nope", content_type="application/json")
    assert response.status_code == 400 and row(app, task_id)[0] == "claimed"


def test_a_decision_without_a_claim_answers_409(app, reviewer_api, submit):
    task_id = submit()
    before = row(app, task_id)
    response = reviewer_api.post(f"{URL}/{task_id}/decision", json={"decision": "approve"})
    assert response.status_code == 409 and response.get_json()["error"]["code"] == "not_claimed"
    assert row(app, task_id) == before


def test_unknown_tasks_answer_404(reviewer_api):
    for method, path in (("get", ""), ("post", "/claim"), ("post", "/release"), ("post", "/decision")):
        response = getattr(reviewer_api, method)(f"{URL}/987654{path}", json={"decision": "approve"})
        assert response.status_code == 404, path


def test_four_eyes_over_5000_cny_needs_a_different_second_reviewer(app, reviewer_api, other_api, submit):
    task_id = submit(price="800.00")  # 5,680 CNY
    reviewer_api.post(f"{URL}/{task_id}/claim")
    first = reviewer_api.post(f"{URL}/{task_id}/decision", json={"decision": "approve", "note": "ok"})
    assert first.get_json()["status"] == "awaiting_second_review"
    status, holder, _, first_reviewer = row(app, task_id)[:4]
    assert (status, holder, first_reviewer is not None) == ("awaiting_second_review", None, True)
    assert listing_status(app, task_id) == "pending_review"
    before = row(app, task_id)
    again = reviewer_api.post(f"{URL}/{task_id}/claim")
    assert again.status_code == 403 and again.get_json()["error"]["code"] == "second_reviewer_required"
    assert row(app, task_id) == before
    assert other_api.post(f"{URL}/{task_id}/claim").status_code == 200
    final = other_api.post(f"{URL}/{task_id}/decision", json={"decision": "approve"})
    assert final.get_json()["status"] == "decided"
    assert listing_status(app, task_id) == "live"


def test_four_eyes_second_rejection_overrides(app, reviewer_api, other_api, submit):
    task_id = submit(title="Acme replica 第一", images=1, proof=False)  # risk 40 + 10 + 10 + 25 = 85
    reviewer_api.post(f"{URL}/{task_id}/claim")
    reviewer_api.post(f"{URL}/{task_id}/decision", json={"decision": "approve"})
    other_api.post(f"{URL}/{task_id}/claim")
    released = other_api.post(f"{URL}/{task_id}/release")
    assert released.get_json()["status"] == "awaiting_second_review"
    other_api.post(f"{URL}/{task_id}/claim")
    final = other_api.post(
        f"{URL}/{task_id}/decision", json={"decision": "reject", "reasons": ["counterfeit_risk"]}
    )
    assert final.get_json()["status"] == "decided"
    assert row(app, task_id)[4:6] == ("reject", ["counterfeit_risk"])
    assert listing_status(app, task_id) == "rejected"


def test_a_cheap_low_risk_listing_needs_one_reviewer(app, reviewer_api, submit):
    task_id = submit(price="700.00")  # 4,970 CNY
    reviewer_api.post(f"{URL}/{task_id}/claim")
    assert (
        reviewer_api.post(f"{URL}/{task_id}/decision", json={"decision": "approve"}).get_json()["status"]
        == "decided"
    )


def test_roles(api, make, submit, app):
    task_id = submit()
    for path in (URL, f"{URL}/{task_id}", "/api/v1/review/health"):
        assert api(None).get(path).status_code == 401
        assert api(make.user()).get(path).status_code == 403
        assert api(make.buyer()).get(path).status_code == 403
    assert api(make.user()).post(f"{URL}/{task_id}/claim").status_code == 403
    assert row(app, task_id)[0] == "open"


def test_a_reviewer_cannot_review_their_own_shops_listing(app, api, make, seller, submit):
    with app.app_context():
        from marketplace.accounts import services as accounts

        accounts.add_role(db.session.get(User, seller.id), "reviewer")
        db.session.commit()
    task_id = submit()
    before = row(app, task_id)
    response = api(seller).post(f"{URL}/{task_id}/claim")
    assert response.status_code == 403, response.get_json()
    assert response.get_json()["error"]["code"] == "own_shop", response.get_json()
    assert api(seller).post(f"{URL}/{task_id}/decision", json={"decision": "approve"}).status_code == 403
    assert row(app, task_id) == before


def test_task_detail_has_subject_history_and_four_eyes(reviewer_api, submit):
    task_id = submit(images=2)
    reviewer_api.post(f"{URL}/{task_id}/claim")
    body = reviewer_api.get(f"{URL}/{task_id}").get_json()
    assert (body["id"], body["status"], body["four_eyes"], body["changes"]) == (task_id, "claimed", False, [])
    assert body["claimed_by"]["display_name"] == "Rita"
    assert body["subject"]["content"]["brand"] == "Acme"
    assert body["subject"]["prices"] == [{"amount": "25.00", "currency": "USD"}]
    assert body["subject"]["prices_cny"] == [{"amount": "177.50", "currency": "CNY"}]
    assert len(body["subject"]["images"]) == 2 and body["subject"]["proof"].startswith("/files/")
    assert [event["action"] for event in body["history"]] == [
        "review_task.opened",
        "review_task.prescreened",
        "review_task.claimed",
    ]


def test_health_figures(app, reviewer_api, other_api, submit):
    first, second, _third = submit(), submit(), submit()
    with app.app_context():
        db.session.execute(
            update(ReviewTask).where(ReviewTask.id == first).values(created_at=utcnow() - timedelta(hours=2))
        )
        db.session.commit()
    for client, task_id in ((reviewer_api, first), (other_api, second)):
        client.post(f"{URL}/{task_id}/claim")
        client.post(f"{URL}/{task_id}/decision", json={"decision": "approve"})
    body = reviewer_api.get("/api/v1/review/health").get_json()
    assert body["depth"] == 1
    assert 0 <= body["oldest_age_seconds"] < 60
    assert 3600 - 60 < body["median_seconds_to_decision"] < 3600 + 60  # median of ~2 h and ~0
    assert [
        (row["reviewer"]["display_name"], row["today"], row["last_7_days"])
        for row in body["decisions_per_reviewer"]
    ] == [("Rita", 1, 1), ("Otto", 1, 1)]
    assert body["counts"] == {"total": 1, "kind": {"listing": 1}, "status": {"open": 1}}
