"""Identities in the service: stored encrypted with a blind index, consent recorded, audited
masked, readable after a key rotation, removable unless an open order uses them."""
from datetime import UTC, datetime

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from marketplace.audit.models import AuditEvent
from marketplace.core.crypto import DecryptionFailed
from marketplace.core.errors import NotFound, ValidationFailed
from marketplace.extensions import db
from marketplace.orderers import services
from marketplace.orderers.errors import IdentityExists, IdentityInUse
from marketplace.orderers.models import Identity
from tests.orderers.conftest import LI_SI, ZHANG_SAN, count, every_stored_value

NOW = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)


def add(owner, number=ZHANG_SAN, name="张三", consent=True, now=NOW):
    identity = services.add_identity(owner, real_name=name, id_number=number, consent=consent, channel="web",
                                     now=now)
    db.session.commit()
    return identity


def raw_row(identity_id) -> dict:
    return dict(db.session.execute(text("SELECT * FROM identities WHERE id = :id"),
                                   {"id": identity_id}).mappings().one())


def test_the_number_and_name_are_stored_encrypted_and_masked(ctx, shopper):
    identity = add(shopper, "11010519491231002x", name=" 张三 ")
    row = raw_row(identity.id)
    assert ZHANG_SAN not in repr(row) and "11010519491231002x" not in repr(row)
    assert "张三" not in repr(row)
    assert row["id_number_masked"] == "110***********002X"
    assert services.id_number_of(identity) == ZHANG_SAN  # normalised: upper-case X
    assert services.identity_state(identity) == {
        "id": identity.id, "real_name": "张三", "id_number_masked": "110***********002X",
        "consented_at": NOW, "created_at": NOW}


def test_consent_is_required_and_recorded(app, ctx, shopper):
    identity = add(shopper)
    assert (identity.consented_at, identity.consent_channel) == (NOW, "web")
    with pytest.raises(ValidationFailed) as refused:
        add(shopper, LI_SI, consent=False)
    assert list(refused.value.fields) == ["consent"]
    assert count(app, Identity) == 1


def test_the_blind_index_finds_the_same_person_across_accounts(ctx, shopper, other):
    mine, theirs = add(shopper), add(other, "110105 19491231 002x", name="张三")
    different = add(other, LI_SI, name="李四")
    assert mine.id_number_index == theirs.id_number_index
    assert len(mine.id_number_index) == 64 and ZHANG_SAN not in mine.id_number_index
    assert different.id_number_index != mine.id_number_index
    assert mine.id_number_encrypted != theirs.id_number_encrypted  # Fernet tokens are randomised
    same_person = db.session.scalars(select(Identity.owner_id)
                                     .where(Identity.id_number_index == mine.id_number_index)).all()
    assert sorted(same_person) == sorted([shopper.id, other.id])


def test_a_rotated_key_still_reads_old_rows_and_keeps_the_index(app, ctx, monkeypatch, shopper, other):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    monkeypatch.setitem(app.config, "DATA_ENCRYPTION_KEY", old)
    before = add(shopper)
    monkeypatch.setitem(app.config, "DATA_ENCRYPTION_KEY", f"{new},{old}")
    assert services.id_number_of(before) == ZHANG_SAN
    assert services.real_name_of(before) == "张三"
    after = add(other)
    assert after.id_number_index == before.id_number_index
    monkeypatch.setitem(app.config, "DATA_ENCRYPTION_KEY", new)
    assert services.id_number_of(after) == ZHANG_SAN  # written with the new key
    with pytest.raises(DecryptionFailed):
        services.id_number_of(before)


def test_the_same_number_twice_for_one_owner_is_a_conflict(app, ctx, shopper):
    add(shopper)
    with pytest.raises(IdentityExists) as conflict:
        add(shopper, "11010519491231002x", name="张叁")
    assert (conflict.value.status, list(conflict.value.fields)) == (409, ["id_number"])
    assert count(app, Identity) == 1


def test_audit_rows_hold_the_masked_number_only(ctx, shopper):
    identity = add(shopper)
    services.delete_identity(shopper, identity.id, now=NOW)
    db.session.commit()
    events = db.session.scalars(select(AuditEvent).where(AuditEvent.subject_type == "identity")
                                .order_by(AuditEvent.id)).all()
    assert [event.action for event in events] == ["identity.added", "identity.deleted"]
    assert events[0].after == {"owner_id": shopper.id, "id_number_masked": "110***********002X",
                               "consented_at": NOW.isoformat(), "consent_channel": "web"}
    assert events[1].before == events[0].after


def test_nothing_stored_anywhere_holds_the_clear_number(app, ctx, shopper):
    add(shopper)
    stored = every_stored_value(app)
    assert "110***********002X" in stored
    assert ZHANG_SAN not in stored and ZHANG_SAN.lower() not in stored


def test_an_identity_in_use_is_kept(app, ctx, monkeypatch, shopper):
    identity = add(shopper)
    monkeypatch.setattr(services, "_in_use_checks", [])
    services.register_in_use_check(lambda used: used.id == identity.id)
    with pytest.raises(IdentityInUse):
        services.delete_identity(shopper, identity.id, now=NOW)
    assert count(app, Identity) == 1


def test_register_in_use_check_is_idempotent(monkeypatch):
    monkeypatch.setattr(services, "_in_use_checks", [])

    def check(identity):
        return False

    services.register_in_use_check(check)
    services.register_in_use_check(check)
    assert services._in_use_checks == [check]


def test_another_owners_identity_is_not_found(app, ctx, shopper, other):
    identity = add(shopper)
    with pytest.raises(NotFound):
        services.owned_identity(other, identity.id)
    with pytest.raises(NotFound):
        services.delete_identity(other, identity.id, now=NOW)
    assert count(app, Identity) == 1
