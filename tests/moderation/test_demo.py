"""The demo queue: open tasks with realistic flags, modelled on live listings."""
from marketplace.core.clock import utcnow
from marketplace.demo.review_tasks import seed_review_tasks
from marketplace.extensions import db
from tests.moderation import helpers


def test_seed_review_tasks_makes_open_flagged_tasks(buyer, make):
    other = db.session.merge(make.buyer())
    helpers.listing(other.shop.id, status="live", hashes=(helpers.HASH,))
    helpers.listing(buyer.shop.id, status="live", hashes=("0123456789abcdef",))
    tasks = seed_review_tasks(utcnow())
    db.session.commit()
    flags = [sorted({flag["code"] for flag in task.flags}) for task in tasks]
    assert len(tasks) == 6 and {task.status for task in tasks} == {"open"}
    assert "banned_words" in flags[0] and "missing_proof" in flags[2] and "too_few_images" in flags[3]
    assert "absolute_claims" in flags[4] and "duplicate_image" in flags[5]


def test_nothing_to_model_on_means_no_tasks(ctx):
    assert seed_review_tasks(utcnow()) == []
