"""The reviewer's pages: the queue with filters, counts and health; the task page; claim and
decide through the forms; 422 on bad form input with nothing changed; role checks."""

import pytest

from marketplace.accounts.models import User
from marketplace.catalog.models import Listing
from marketplace.extensions import db
from tests.moderation import helpers


@pytest.fixture
def submit(app, make):
    seller = make.buyer()
    with app.app_context():
        helpers.rates()
        db.session.commit()

    def create(**fields) -> int:
        with app.app_context():
            user = db.session.get(User, seller.id)
            return helpers.submit(helpers.listing(user.shop.id, **fields), user).id

    return create


@pytest.fixture
def reviewer_page(make):
    return make.signed_in(make.reviewer(name="Rita", locale="en"))


def row(app, task_id):
    with app.app_context():
        return helpers.snapshot(task_id)


def test_the_queue_lists_tasks_with_flags_counts_and_health(reviewer_page, submit):
    clean, risky = submit(), submit(title="Acme replica")
    page = reviewer_page.get("/review/")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert html.index(f"/review/tasks/{risky}") < html.index(f"/review/tasks/{clean}")
    assert "Banned words" in html and "Contains words that suggest a fake: replica." in html
    assert "2 waiting" in html and "2 listings" in html
    assert "Queue health" in html and 'class="depth">2<' in html
    assert "review.js" in html


def test_queue_filters(reviewer_page, submit):
    clean, risky = submit(), submit(images=1)
    html = reviewer_page.get("/review/?flag=too_few_images").get_data(as_text=True)
    assert f"/review/tasks/{risky}" in html and f"/review/tasks/{clean}" not in html
    html = reviewer_page.get("/review/?kind=buyer_application").get_data(as_text=True)
    assert "Nothing is waiting for review." in html
    assert reviewer_page.get("/review/?min_risk=-3").status_code == 422


def test_claim_and_reject_through_the_forms(app, reviewer_page, submit):
    task_id = submit(images=2)
    page = reviewer_page.get(f"/review/tasks/{task_id}").get_data(as_text=True)
    assert "Claim for 15 minutes" in page and "Too few images" in page and "/media/public/l/0.jpg" in page
    claimed = reviewer_page.post(f"/review/tasks/{task_id}/claim", follow_redirects=True)
    html = claimed.get_data(as_text=True)
    assert "You hold this task until" in html and 'id="decision-form"' in html
    response = reviewer_page.post(
        f"/review/tasks/{task_id}/decision",
        data={
            "decision": "reject",
            "reasons": ["poor_images", "insufficient_proof"],
            "note": "Sharper photos, please.",
        },
    )
    assert response.status_code == 302
    assert row(app, task_id)[4:7] == (
        "reject",
        ["poor_images", "insufficient_proof"],
        "Sharper photos, please.",
    )
    with app.app_context():
        task = helpers.task_row(task_id)
        assert db.session.get(Listing, task.subject_id).review_reasons == [
            "poor_images",
            "insufficient_proof",
        ]
    html = reviewer_page.get(f"/review/tasks/{task_id}").get_data(as_text=True)
    assert "Reject: Poor images, Insufficient proof" in html and "review_task.decided" in html


@pytest.mark.parametrize(
    "data, message",
    [
        ({"decision": "reject"}, "Give at least one reason."),
        ({"decision": "maybe"}, "Choose approve, reject or request_changes."),
        ({"decision": "reject", "reasons": ["ugly"]}, "Unknown reason code: ugly."),
    ],
)
def test_bad_decision_forms_answer_422_and_change_nothing(app, reviewer_page, submit, data, message):
    task_id = submit()
    reviewer_page.post(f"/review/tasks/{task_id}/claim")
    before = row(app, task_id)
    response = reviewer_page.post(f"/review/tasks/{task_id}/decision", data=data)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert row(app, task_id) == before


def test_deciding_without_a_claim_answers_409(app, reviewer_page, submit):
    task_id = submit()
    before = row(app, task_id)
    response = reviewer_page.post(f"/review/tasks/{task_id}/decision", data={"decision": "approve"})
    assert response.status_code == 409 and row(app, task_id) == before


def test_release_through_the_form(app, reviewer_page, submit):
    task_id = submit()
    reviewer_page.post(f"/review/tasks/{task_id}/claim")
    assert reviewer_page.post(f"/review/tasks/{task_id}/release").status_code == 302
    assert row(app, task_id)[:2] == ("open", None)


def test_only_reviewers_see_the_pages(client, make, submit):
    task_id = submit()
    assert client.get("/review/").status_code == 302  # to sign-in
    for user in (make.user(), make.buyer()):
        page = make.signed_in(user)
        assert page.get("/review/").status_code == 403
        assert page.get(f"/review/tasks/{task_id}").status_code == 403
        assert page.post(f"/review/tasks/{task_id}/claim").status_code == 403


def test_unknown_task_page_is_404(reviewer_page):
    assert reviewer_page.get("/review/tasks/999999").status_code == 404


def test_the_keyboard_script_is_served(reviewer_page):
    script = reviewer_page.get("/review/static/review.js")
    assert script.status_code == 200 and b'key === "j"' in script.data
