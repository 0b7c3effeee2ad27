"""Staff from the cloud on the till: applied with the catalog page and its cursor in one
transaction, PINs checked offline against the cloud's verifier, lockouts kept per till, and a
PIN changed here queued in the document outbox in the transaction that stores it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.permissions import Role
from pos_desktop.domain.sync_messages import Ack, CatalogPage, CloudStaff
from pos_desktop.localdb import catalog_sync, doc_outbox, journal, pin_changes
from pos_desktop.localdb.catalog_sync import apply_catalog_page
from pos_desktop.localdb.staff import SqlStaffDirectory
from pos_desktop.localdb.transactions import read_session, write_session
from tests.localdb.conftest import cheap_hasher

T0 = datetime(2026, 12, 7, 9, 0, tzinfo=UTC)
HASHER = cheap_hasher()
SITI_ID = "a" * 32
BUDI_ID = "b" * 32


def member(
    staff_id: str = SITI_ID,
    pin: str | None = "1111",
    *,
    seq: int,
    name: str = "Siti",
    role: str = Role.CASHIER,
    active: bool = True,
) -> CloudStaff:
    verifier = HASHER.hash(pin) if pin is not None and active else None
    return CloudStaff(staff_id, name, role, active, verifier, seq)


def page(*staff: CloudStaff, cursor: str, more: bool = False) -> CatalogPage:
    return CatalogPage((), (), (), next_cursor=cursor, has_more=more, staff=staff)


def pull(factory: sessionmaker[Session], *staff: CloudStaff, cursor: str) -> None:
    with write_session(factory) as session:
        sent = catalog_sync.catalog_cursor(session)
        apply_catalog_page(session, page(*staff, cursor=cursor), sent_cursor=sent, now=T0)


@pytest.fixture
def directory(factory: sessionmaker[Session]) -> SqlStaffDirectory:
    return SqlStaffDirectory(factory, HASHER)


def by_name(directory: SqlStaffDirectory) -> dict[str, int]:
    return {m.name: m.user_id for m in directory.active_staff()}


def test_staff_arrive_with_the_page_and_log_in_offline(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    pull(factory, member(seq=3), member(BUDI_ID, "1111", seq=4, name="Budi"), cursor="4")
    staff = {m.name: m for m in directory.active_staff()}
    assert set(staff) == {"Siti", "Budi"}
    assert staff["Siti"].code == SITI_ID and staff["Siti"].role == Role.CASHIER
    # Same PIN, two people: each logs in by picking their name first.
    assert directory.verify_pin(staff["Siti"].user_id, "1111", T0).user == staff["Siti"]
    assert directory.verify_pin(staff["Budi"].user_id, "1111", T0).user == staff["Budi"]
    assert directory.verify_pin(staff["Siti"].user_id, "2222", T0).user is None
    with read_session(factory) as session:
        assert catalog_sync.catalog_cursor(session) == "4"


def test_a_page_that_fails_leaves_neither_staff_nor_cursor(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    with pytest.raises(RuntimeError), write_session(factory) as session:
        apply_catalog_page(session, page(member(seq=3), cursor="3"), sent_cursor=None, now=T0)
        raise RuntimeError("power cut before commit")
    assert directory.active_staff() == []
    with read_session(factory) as session:
        assert catalog_sync.catalog_cursor(session) is None


def test_deactivation_and_store_removal_stop_the_login_and_drop_the_verifier(
    factory: sessionmaker[Session], directory: SqlStaffDirectory, engine: Engine
) -> None:
    pull(factory, member(seq=3), member(BUDI_ID, "2222", seq=4, name="Budi"), cursor="4")
    ids = by_name(directory)
    pull(factory, member(seq=5, active=False), cursor="5")
    assert set(by_name(directory)) == {"Budi"}
    assert directory.verify_pin(ids["Siti"], "1111", T0).user is None
    assert directory.current_member(ids["Siti"]) is None
    with engine.connect() as conn:
        stored = conn.execute(
            text("SELECT pin_hash FROM users WHERE cloud_id = :c"), {"c": SITI_ID}
        ).scalar_one()
    assert stored == ""  # a till keeps no verifier of someone who does not work here
    # Back in the store: the feed sends the verifier again.
    pull(factory, member(seq=6), cursor="6")
    assert directory.verify_pin(ids["Siti"], "1111", T0).user is not None


def test_a_full_pull_deactivates_cloud_staff_it_does_not_send(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    pull(factory, member(seq=3), member(BUDI_ID, "2222", seq=4, name="Budi"), cursor="4")
    with write_session(factory) as session:
        catalog_sync.reset_catalog_cursor(session)
    with write_session(factory) as session:
        apply_catalog_page(
            session, page(member(BUDI_ID, "2222", seq=9, name="Budi"), cursor="9"),
            sent_cursor=None, now=T0,
        )  # fmt: skip
    assert set(by_name(directory)) == {"Budi"}


def test_renames_and_role_changes_apply_and_unknown_roles_are_left_out(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    pull(factory, member(seq=3), cursor="3")
    pull(factory, member(seq=4, name="Siti Aminah", role=Role.SUPERVISOR), cursor="4")
    pull(factory, member(BUDI_ID, "2222", seq=5, name="Budi", role="owner"), cursor="5")
    (siti,) = directory.active_staff()
    assert (siti.name, siti.role) == ("Siti Aminah", Role.SUPERVISOR)


def test_lockout_stays_across_feed_updates_until_a_new_pin_arrives(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    pull(factory, member(seq=3), cursor="3")
    siti = by_name(directory)["Siti"]
    for _ in range(4):
        result = directory.verify_pin(siti, "0000", T0)
    assert result.locked_until is not None
    same = member(seq=4, name="Siti A.")
    same = CloudStaff(same.id, same.name, same.role, True, _stored_hash(factory), 4)
    pull(factory, same, cursor="4")  # a rename, same verifier: still locked
    assert directory.verify_pin(siti, "1111", T0 + timedelta(seconds=1)).user is None
    pull(factory, member(pin="4321", seq=5), cursor="5")  # the owner reset the PIN
    assert directory.verify_pin(siti, "4321", T0 + timedelta(seconds=2)).user is not None


def _stored_hash(factory: sessionmaker[Session]) -> str:
    with read_session(factory) as session:
        return str(
            session.execute(
                text("SELECT pin_hash FROM users WHERE cloud_id = :c"), {"c": SITI_ID}
            ).scalar_one()
        )


def test_users_made_on_the_till_retire_once_cloud_staff_arrive(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    directory.create_user(code="K01", name="Siti lokal", role=Role.CASHIER, pin="1111")
    pull(factory, member(seq=3, active=False), cursor="3")  # nobody active here yet
    assert set(by_name(directory)) == {"Siti lokal"}
    pull(factory, member(seq=4), cursor="4")
    assert set(by_name(directory)) == {"Siti"}


def test_new_pins_are_4_to_6_digits_but_an_older_8_digit_pin_still_works(
    factory: sessionmaker[Session], directory: SqlStaffDirectory, engine: Engine
) -> None:
    for pin in ("123", "1234567", "12a4"):
        with pytest.raises(UserError):
            directory.create_user(code="K09", name="X", role=Role.CASHIER, pin=pin)
    old = directory.create_user(code="K01", name="Lama", role=Role.CASHIER, pin="123456")
    with engine.begin() as conn:
        conn.execute(text("UPDATE users SET pin_hash = :h"), {"h": HASHER.hash("12345678")})
    assert directory.verify_pin(old.user_id, "12345678", T0).user == old


# -- a PIN changed on this till ------------------------------------------------------------------


def _outbox(engine: Engine) -> list[tuple[str, str, str, str | None]]:
    """(kind, doc_id, status, document) of every document outbox row, read with plain SQL."""
    with engine.connect() as conn:
        rows = conn.execute(
            text("SELECT kind, doc_id, status, document FROM doc_outbox ORDER BY id")
        ).all()
    return [(r[0], r[1], r[2], r[3]) for r in rows]


def _answer(factory: sessionmaker[Session], status: str, reason: str | None = None) -> None:
    """The cloud's answer to every pending PIN change, recorded as the relay records it."""
    with write_session(factory) as session:
        batch = doc_outbox.pending(session, doc_outbox.STAFF_PIN, 10)
        acks = [Ack(d.doc_id, status, reason) for d in batch]
        doc_outbox.record_acks(session, batch, acks, T0)


def test_a_pin_change_commits_with_its_journal_entry_and_its_outbox_row(
    factory: sessionmaker[Session], directory: SqlStaffDirectory, engine: Engine
) -> None:
    pull(factory, member(seq=3), cursor="3")
    siti = by_name(directory)["Siti"]
    result = directory.change_own_pin(siti, "1111", "8642", T0)
    assert result.user is not None
    assert directory.verify_pin(siti, "8642", T0).user is not None
    assert directory.verify_pin(siti, "1111", T0).user is None
    with read_session(factory) as session:
        (entry,) = [e for e in journal.entries(session) if e.kind == JournalKind.PIN_CHANGE]
        (queued,) = doc_outbox.pending(session, doc_outbox.STAFF_PIN, 10)
        assert pin_changes.pending_staff_ids(session) == {SITI_ID}
    data = json.loads(entry.data)
    assert data["staff_id"] == SITI_ID and "8642" not in entry.data and "argon2" not in entry.data
    ((kind, doc_id, status, stored),) = _outbox(engine)
    assert (kind, doc_id, status) == ("staff_pin", data["change_id"], "pending")
    assert stored == queued.document and queued.doc_id == data["change_id"]
    doc = json.loads(queued.document)
    assert set(doc) == {"id", "staff_id", "pin_verifier", "changed_at"}
    assert (doc["id"], doc["staff_id"], doc["changed_at"]) == (doc_id, SITI_ID, entry.at)
    assert doc["pin_verifier"] == _stored_hash(factory)  # the user row's verifier, as stored
    assert doc["pin_verifier"].startswith("$argon2id$") and HASHER.verify(
        doc["pin_verifier"], "8642"
    )
    assert "8642" not in queued.document


def test_a_pin_change_whose_outbox_row_fails_stores_nothing(
    factory: sessionmaker[Session],
    directory: SqlStaffDirectory,
    engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pull(factory, member(seq=3), cursor="3")
    siti = by_name(directory)["Siti"]
    with read_session(factory) as session:
        journal_before = journal.last_seq(session)

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(doc_outbox, "enqueue", broken)
    with pytest.raises(OSError):
        directory.change_own_pin(siti, "1111", "8642", T0)
    # Verifier, journal entry and outbox row are one transaction: none of them is left.
    assert directory.verify_pin(siti, "1111", T0).user is not None
    assert directory.verify_pin(siti, "8642", T0).user is None
    with read_session(factory) as session:
        assert journal.last_seq(session) == journal_before
    assert _outbox(engine) == []


def test_two_changes_made_offline_go_up_in_order_each_with_its_own_verifier(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    pull(factory, member(seq=3), cursor="3")
    siti = by_name(directory)["Siti"]
    directory.change_own_pin(siti, "1111", "8642", T0)
    directory.change_own_pin(siti, "8642", "2468", T0 + timedelta(minutes=1))
    with read_session(factory) as session:
        first, then = [json.loads(d.document) for d in doc_outbox.pending(session, "staff_pin", 9)]
    assert HASHER.verify(first["pin_verifier"], "8642")
    assert HASHER.verify(then["pin_verifier"], "2468")
    assert first["changed_at"] < then["changed_at"] and first["id"] != then["id"]


def test_a_member_made_on_the_till_is_journaled_but_has_nothing_to_send(
    directory: SqlStaffDirectory, factory: sessionmaker[Session], engine: Engine
) -> None:
    local = directory.create_user(code="K01", name="Lokal", role=Role.CASHIER, pin="1111")
    assert directory.change_own_pin(local.user_id, "1111", "8642", T0).user == local
    with read_session(factory) as session:
        kinds = [e.kind for e in journal.entries(session)]
    assert kinds.count(JournalKind.PIN_CHANGE) == 1
    assert _outbox(engine) == []


def test_the_feed_does_not_undo_a_pin_change_the_cloud_has_not_answered(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    pull(factory, member(seq=3), cursor="3")
    siti = by_name(directory)["Siti"]
    directory.change_own_pin(siti, "1111", "8642", T0)
    pull(factory, member(seq=4, name="Siti A."), cursor="4")  # written before the change arrived
    assert directory.verify_pin(siti, "8642", T0).user is not None
    renamed = directory.current_member(siti)  # the rest of the page did apply
    assert renamed is not None and renamed.name == "Siti A."
    _answer(factory, "accepted")
    with read_session(factory) as session:
        assert pin_changes.pending_staff_ids(session) == set()
    pull(factory, member(pin="8642", seq=5), cursor="5")  # the cloud's copy of the change
    assert directory.verify_pin(siti, "8642", T0).user is not None
    pull(factory, member(pin="5555", seq=6), cursor="6")  # answered: the feed rules again
    assert directory.verify_pin(siti, "5555", T0).user is not None


def test_a_superseded_change_leaves_the_queue_and_the_cloud_pin_comes_back(
    factory: sessionmaker[Session], directory: SqlStaffDirectory, engine: Engine
) -> None:
    pull(factory, member(seq=3), cursor="3")
    siti = by_name(directory)["Siti"]
    directory.change_own_pin(siti, "1111", "8642", T0)
    _answer(factory, "conflict", "pin.superseded")
    ((_, _, status, _),) = _outbox(engine)
    assert status == "failed"
    pull(factory, member(pin="7777", seq=4), cursor="4")  # the owner's PIN, sent again
    assert directory.verify_pin(siti, "7777", T0).user is not None
    assert directory.verify_pin(siti, "8642", T0).user is None


def test_a_wrong_old_pin_counts_toward_the_lockout_and_changes_nothing(
    factory: sessionmaker[Session], directory: SqlStaffDirectory, engine: Engine
) -> None:
    pull(factory, member(seq=3), cursor="3")
    siti = by_name(directory)["Siti"]
    results = [directory.change_own_pin(siti, "0000", "8642", T0) for _ in range(4)]
    assert [r.failed_attempts for r in results] == [1, 2, 3, 4]
    assert results[-1].locked_until is not None
    locked = directory.change_own_pin(siti, "1111", "8642", T0)
    assert locked.user is None and locked.locked_until is not None
    later = T0 + timedelta(hours=1)
    assert directory.verify_pin(siti, "1111", later).user is not None
    assert _outbox(engine) == []
    with pytest.raises(UserError) as bad:
        directory.change_own_pin(siti, "1111", "1234567", later)
    assert bad.value.code == "pin.invalid"


# -- the staff service on this store ---------------------------------------------------------------


def test_the_service_ends_the_duty_of_the_deactivated_and_the_regraded(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    from pos_desktop.services.staff import StaffService, staff_service

    pull(factory, member(seq=3), member(BUDI_ID, "2222", seq=4, name="Budi"), cursor="4")
    service = staff_service(directory, lambda: T0)
    assert isinstance(service, StaffService)
    staff = {m.name: m for m in directory.active_staff()}
    assert service.check_on_duty(staff["Siti"]) is None
    pull(factory, member(seq=5, role=Role.SUPERVISOR), member(BUDI_ID, seq=6, active=False),
         cursor="6")  # fmt: skip
    regraded, gone = service.check_on_duty(staff["Siti"]), service.check_on_duty(staff["Budi"])
    assert regraded is not None and regraded.code == "staff.role_changed"
    assert gone is not None and (gone.code, gone.params["name"]) == ("staff.deactivated", "Budi")
    assert staff_service(object(), lambda: T0) is None  # a fake directory: feature off


@pytest.mark.parametrize(
    ("old", "new", "again", "code"),
    [
        ("", "2468", "2468", "pin.old_missing"),
        ("1111", "2468", "2469", "pin.mismatch"),
        ("1111", "1111", "1111", "pin.unchanged"),
        ("1111", "12a4", "12a4", "pin.invalid"),
        ("1111", "1234567", "1234567", "pin.invalid"),
        ("0000", "2468", "2468", "pin.wrong_old"),
    ],
)
def test_the_service_words_every_refused_pin_change(
    factory: sessionmaker[Session],
    directory: SqlStaffDirectory,
    old: str,
    new: str,
    again: str,
    code: str,
) -> None:
    from pos_desktop.services.staff import StaffService

    pull(factory, member(seq=3), cursor="3")
    (siti,) = directory.active_staff()
    with pytest.raises(UserError) as refused:
        StaffService(directory, lambda: T0).change_own_pin(siti, old, new, again)
    assert refused.value.code == code
    assert directory.verify_pin(siti.user_id, "1111", T0).user is not None


def test_the_service_says_how_long_a_locked_member_waits(
    factory: sessionmaker[Session], directory: SqlStaffDirectory
) -> None:
    from pos_desktop.services.staff import StaffService

    pull(factory, member(seq=3), cursor="3")
    (siti,) = directory.active_staff()
    service = StaffService(directory, lambda: T0)
    for _ in range(3):
        with pytest.raises(UserError):
            service.change_own_pin(siti, "0000", "2468", "2468")
    with pytest.raises(UserError) as locked:
        service.change_own_pin(siti, "0000", "2468", "2468")
    assert (locked.value.code, locked.value.params["seconds"]) == ("pin.locked", 30)
