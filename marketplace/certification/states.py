"""The buyer application's life, as data: who may move it where."""
from marketplace.audit import services as audit
from marketplace.core.states import StateMachine

APPLICATION_STATES = StateMachine("buyer_application", [
    ("draft", "submitted", ("applicant",)),
    ("submitted", "approved", ("reviewer",)),
    ("submitted", "rejected", ("reviewer",)),
    ("submitted", "changes_requested", ("reviewer",)),
    ("changes_requested", "submitted", ("applicant",)),
], record=audit.record)

# The review queue's decision → the application's status.
OUTCOMES = {"approve": "approved", "reject": "rejected", "request_changes": "changes_requested"}
