"""Two (or eight) reviewers racing for one task: exactly one claim wins. Each thread has its own
app context, session and connection, and the data is committed for real."""

import threading
from types import SimpleNamespace

from marketplace.core.clock import utcnow
from marketplace.core.errors import Conflict
from marketplace.extensions import db
from marketplace.moderation import claims
from marketplace.moderation.models import ReviewTask

RACERS = 8


def test_exactly_one_of_many_concurrent_claims_wins(app, make, committed_db):
    reviewer_ids = [make.reviewer().id for _ in range(RACERS)]
    with app.app_context():
        task = ReviewTask(
            kind="listing",
            subject_id=1,
            status="open",
            flags=[],
            reasons=[],
            flag_codes="",
            created_at=utcnow(),
        )
        db.session.add(task)
        db.session.commit()
        task_id = task.id
    start, outcomes = threading.Barrier(RACERS), []

    def race(reviewer_id: int) -> None:
        with app.app_context():
            # Plain values, and the read transaction ended: on SQLite a reader that then writes
            # cannot upgrade its lock under contention, which would test SQLite, not the claim.
            reviewer = SimpleNamespace(id=reviewer_id, shop=None)
            start.wait()
            try:
                claims.claim(task_id, reviewer, utcnow())
                db.session.commit()
                outcomes.append(("won", reviewer_id))
            except Conflict as error:
                db.session.rollback()
                outcomes.append((error.code, reviewer_id))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=race, args=(reviewer_id,)) for reviewer_id in reviewer_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [reviewer_id for outcome, reviewer_id in outcomes if outcome == "won"]
    assert len(winners) == 1
    assert sorted(outcome for outcome, _ in outcomes) == ["already_claimed"] * (RACERS - 1) + ["won"]
    with app.app_context():
        stored = db.session.get(ReviewTask, task_id)
        assert (stored.status, stored.claimed_by_id) == ("claimed", winners[0])
