"""The review task's life, as data. Claims, releases and expiries change the status by
conditional UPDATE (``claims.py``: two reviewers racing, one wins); decisions go through
``REVIEW_TASK.move``. Both check against this table."""
from marketplace.audit import services as audit
from marketplace.core.states import StateMachine

REVIEW_TASK = StateMachine("review_task", [
    ("open", "claimed", ("reviewer",)),
    ("awaiting_second_review", "claimed", ("reviewer",)),
    ("claimed", "claimed", ("reviewer",)),  # the holder renews
    ("claimed", "open", ("reviewer", "system")),  # released, or the claim expired
    ("claimed", "awaiting_second_review", ("reviewer", "system")),  # first approval; or a second claim ended
    ("claimed", "decided", ("reviewer",)),
], record=audit.record)
