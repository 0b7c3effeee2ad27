"""The till's side of a cloud restored from a backup (``localdb.cloud_loss``, ``sync.resend``).

What is put back in the queue, step by step on a real till database: the sales numbered after
the cloud's highest, the documents acknowledged since (with the clock margin), the journal after
the cloud's last entry; nothing when the cloud holds everything; and no endless resending when
the cloud does not move after the resend.
"""

from __future__ import annotations

import random
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from pos_desktop.app import OpenTill
from pos_desktop.localdb import cloud_loss
from pos_desktop.localdb.numbering import CloudMarks
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.sync.resend import CloudLossCheck, resend_what_the_cloud_lost
from tests.sync.till import opened, seeded_till, sell, till_paths

T0 = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def till_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("till-template") / "till"
    seeded_till(home)
    return home


@dataclass
class Till:
    open: OpenTill
    database: Path

    @property
    def sessions(self) -> Any:
        return self.open.store.session_factory


@pytest.fixture
def till(till_template: Path, tmp_path: Path) -> Iterator[Till]:
    home = tmp_path / "till"
    shutil.copytree(till_template, home, ignore=shutil.ignore_patterns("*.lock", "*.bak"))
    paths = till_paths(home)
    with opened(paths) as open_till:
        yield Till(open_till, paths.database)


def _stamp(minutes: int) -> str:
    return (T0 + timedelta(minutes=minutes)).isoformat(timespec="microseconds")


def delivered(till: Till, sales: int, documents: int) -> list[str]:
    """``sales`` sales and ``documents`` shift-report rows, all acknowledged a minute apart
    (documents after the sales), and the journal marked sent to its end; the receipt numbers."""
    numbers = [s.receipt_no for s in sell(till.open, sales, random.Random(3))]
    db = sqlite3.connect(till.database)
    with db:
        ids = [r[0] for r in db.execute("SELECT id FROM outbox ORDER BY id")]
        for minute, outbox_id in enumerate(ids):
            db.execute(
                "UPDATE outbox SET status = 'done', ack_status = 'accepted', acked_at = ?"
                " WHERE id = ?",
                (_stamp(minute), outbox_id),
            )
        for n in range(documents):
            db.execute(
                "INSERT INTO doc_outbox (kind, doc_id, created_at, status, attempts, acked_at,"
                " ack_status) VALUES ('shift_report', ?, ?, 'done', 1, ?, 'accepted')",
                (f"z-{n}", _stamp(0), _stamp(sales + n)),
            )
        db.execute("UPDATE journal_meta SET synced_seq = (SELECT max(seq) FROM journal)")
    db.close()
    return numbers


def statuses(till: Till) -> tuple[list[str], list[str], int]:
    db = sqlite3.connect(till.database)
    try:
        sales = [r[0] for r in db.execute("SELECT status FROM outbox ORDER BY id")]
        docs = [r[0] for r in db.execute("SELECT status FROM doc_outbox ORDER BY id")]
        [(synced,)] = db.execute("SELECT synced_seq FROM journal_meta").fetchall()
    finally:
        db.close()
    return sales, docs, int(synced)


def last_seq(till: Till) -> int:
    db = sqlite3.connect(till.database)
    try:
        return int(db.execute("SELECT max(seq) FROM journal").fetchone()[0])
    finally:
        db.close()


def test_nothing_is_sent_again_while_the_cloud_holds_everything(till: Till) -> None:
    numbers = delivered(till, 3, 1)
    marks = CloudMarks(numbers[-1], last_seq(till))
    with read_session(till.sessions, "test") as session:
        assert not cloud_loss.cloud_lost(session, marks)


def test_what_came_after_the_clouds_marks_goes_again(till: Till) -> None:
    numbers = delivered(till, 5, 2)
    kept_seq = last_seq(till) - 4
    marks = CloudMarks(numbers[1], kept_seq)  # the backup holds two sales
    with write_session(till.sessions, "test") as session:
        assert cloud_loss.cloud_lost(session, marks)
        done = cloud_loss.requeue(session, marks)
    sales, docs, synced = statuses(till)
    assert sales == ["done", "done", "pending", "pending", "pending"]
    # The documents were acknowledged after the cloud's newest sale: both go again.
    assert docs == ["pending", "pending"]
    assert synced == kept_seq == done.journal_from
    assert (done.sales, done.documents) == (3, 2)


def test_documents_acknowledged_well_before_the_clouds_newest_sale_stay_done(
    till: Till,
) -> None:
    numbers = delivered(till, 3, 2)
    db = sqlite3.connect(till.database)
    with db:  # the first document long before the sales, the second one after them
        db.execute("UPDATE doc_outbox SET acked_at = ? WHERE doc_id = 'z-0'", (_stamp(-180),))
    db.close()
    marks = CloudMarks(numbers[-1], 0)  # every sale kept, the journal lost
    with write_session(till.sessions, "test") as session:
        assert cloud_loss.cloud_lost(session, marks)
        cloud_loss.requeue(session, marks)
    sales, docs, synced = statuses(till)
    assert sales == ["done"] * 3
    assert docs == ["done", "pending"]
    assert synced == 0


def test_a_cloud_with_nothing_of_this_till_gets_everything(till: Till) -> None:
    delivered(till, 2, 1)
    with write_session(till.sessions, "test") as session:
        assert cloud_loss.cloud_lost(session, CloudMarks(None, None))
        cloud_loss.requeue(session, CloudMarks(None, None))
    assert statuses(till) == (["pending", "pending"], ["pending"], 0)


@dataclass
class FakeClient:
    answer: dict[str, Any]
    asked: int = 0

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        self.asked += 1
        return self.answer


@dataclass
class FakeEngine:
    sessions: Any
    client: FakeClient


def test_the_same_cloud_marks_after_a_resend_do_not_start_it_again(till: Till) -> None:
    numbers = delivered(till, 3, 0)
    client = FakeClient({"last_receipt_no": numbers[0], "last_journal_seq": 1})
    engine = FakeEngine(till.sessions, client)
    handled = resend_what_the_cloud_lost(engine, None)  # type: ignore[arg-type]
    assert handled == CloudMarks(numbers[0], 1)
    assert statuses(till)[0] == ["done", "pending", "pending"]
    db = sqlite3.connect(till.database)
    with db:  # sent again, and the cloud still says the same (it refused to store them)
        db.execute("UPDATE outbox SET status = 'done'")
    db.close()
    assert resend_what_the_cloud_lost(engine, handled) == handled  # type: ignore[arg-type]
    assert statuses(till)[0] == ["done"] * 3
    client.answer = {"last_receipt_no": numbers[-1], "last_journal_seq": 10**6}
    assert resend_what_the_cloud_lost(engine, handled) is None  # type: ignore[arg-type]


def test_the_sync_thread_asks_on_its_first_round_then_once_a_minute(till: Till) -> None:
    numbers = delivered(till, 2, 0)
    client = FakeClient({"last_receipt_no": numbers[-1], "last_journal_seq": 10**6})
    engine = FakeEngine(till.sessions, client)
    check = CloudLossCheck(interval_s=60)
    for now in (1000.0, 1001.0, 1059.9):
        check.run(engine, now)  # type: ignore[arg-type]
    assert client.asked == 1
    client.answer = {"last_receipt_no": numbers[0], "last_journal_seq": 1}  # restored
    check.run(engine, 1060.0)  # type: ignore[arg-type]
    assert client.asked == 2
    assert statuses(till)[0] == ["done", "pending"]
