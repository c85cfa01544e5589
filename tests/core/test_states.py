from types import SimpleNamespace

import pytest

from marketplace.audit.services import events_for, record
from marketplace.core.clock import utcnow
from marketplace.core.states import InvalidTransition, StateMachine

MACHINE = StateMachine("parcel", [("packed", "sent", ("buyer",)), ("sent", "lost", ("system", "admin"))],
                       record=record)


def test_a_listed_transition_moves_and_is_audited(ctx, make):
    actor = make.user()
    parcel = SimpleNamespace(id=7, status="packed")
    MACHINE.move(parcel, "sent", actor=actor, who="buyer", now=utcnow(), note="tracking LX1")
    assert parcel.status == "sent"
    [event] = events_for("parcel", 7)
    assert (event.action, event.actor_id, event.note) == ("parcel.sent", actor.id, "tracking LX1")
    assert (event.before, event.after) == ({"status": "packed"}, {"status": "sent"})


@pytest.mark.parametrize("start, target, who", [("packed", "sent", "admin"), ("packed", "lost", "system"),
                                                 ("sent", "packed", "buyer")])
def test_anything_else_is_a_409_and_changes_nothing(ctx, start, target, who):
    parcel = SimpleNamespace(id=8, status=start)
    with pytest.raises(InvalidTransition) as raised:
        MACHINE.move(parcel, target, actor=None, who=who, now=utcnow())
    assert raised.value.status == 409 and raised.value.code == "invalid_transition"
    assert parcel.status == start
    assert events_for("parcel", 8) == []


def test_targets_lists_what_a_role_may_do():
    assert MACHINE.targets("sent", "admin") == ["lost"]
    assert MACHINE.targets("sent", "buyer") == []
