"""Refunds on the till: lookup by receipt/QR, commit in one transaction, journal and outbox."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.permissions import Approval, Permission, PermissionTable, ReasonCode
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.localdb import doc_outbox
from pos_desktop.localdb.journal import SqlJournal
from pos_desktop.localdb.models import DocOutboxRow, RefundLineRow, RefundRow
from pos_desktop.localdb.refunds import SqlRefundStore, refunded_quantities
from pos_desktop.localdb.sales import SqlSaleJournal
from pos_desktop.localdb.transactions import read_session
from pos_desktop.receipts.escpos_render import PROFILE_58MM
from pos_desktop.receipts.layout import render_text
from pos_desktop.receipts.model import StoreInfo
from pos_desktop.receipts.refund_receipt import RefundSlipSink, build_refund_slip
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.services.refunds import CloudSale, CloudUnavailable, RefundService
from tests.localdb.conftest import SOLD_AT, sale_maker

NOW = SOLD_AT + timedelta(hours=3)
CASHIER = StaffMember(1, "K01", "Siti", "cashier")
MANAGER = StaffMember(2, "M01", "Pak Budi", "manager")
APPROVAL = Approval(Permission.REFUND, "M01", "Pak Budi", "manager", ReasonCode.DAMAGED, NOW)
STORE = StoreInfo("Toko Uji", ("Jl. Asia Afrika 8",), "", "022-1234567", ("Terima kasih",))


@pytest.fixture
def sale(factory: sessionmaker[Session], store: StoreProfile) -> SaleRecord:
    return SqlSaleJournal(factory).commit_sale(sale_maker(store))


def service(
    factory: sessionmaker[Session],
    profile: StoreProfile,
    lookup: Callable[[str], CloudSale | None] | None = None,
    receipts: RefundSlipSink | None = None,
) -> RefundService:
    return RefundService(
        store=SqlRefundStore(factory, clock=lambda: NOW),
        profile=lambda: profile,
        permissions=PermissionTable.default,
        clock=lambda: NOW,
        receipts=receipts,
        cloud_lookup=lookup,
    )


def _count(factory: sessionmaker[Session], model: type) -> int:
    with read_session(factory) as session:
        return int(session.execute(select(func.count()).select_from(model)).scalar_one())


def test_find_by_receipt_number_or_qr_text_offline(
    factory: sessionmaker[Session], store: StoreProfile, sale: SaleRecord
) -> None:
    svc = service(factory, store)
    found = svc.find(f"  {sale.receipt_no}\r\n")
    assert found.sale == sale and found.source == "local" and not found.cloud_checked
    assert found.remaining == {ln.line_no: ln.quantity for ln in sale.lines}


def test_commit_stores_refund_lines_journal_and_outbox_in_one_go(
    factory: sessionmaker[Session], store: StoreProfile, sale: SaleRecord, tmp_path: Path
) -> None:
    sink = RefundSlipSink(tmp_path / "slips", STORE, PROFILE_58MM)
    svc = service(factory, store, receipts=sink)
    candidate = svc.find(sale.receipt_no)
    done = svc.commit(
        candidate,
        {1: Decimal(1)},
        to_cash=True,
        cashier=CASHIER,
        reason=ReasonCode.DAMAGED,
        approval=APPROVAL,
    )
    refund = done.refund
    assert refund.refund_no == "S01-T01-R000001"
    assert refund.approver_code == "M01" and refund.reason == "damaged"
    assert [(t.kind, t.amount) for t in refund.tenders] == [(TenderKind.CASH, refund.total)]
    assert done.receipt_error is None and Path(done.receipt_target).exists()
    with read_session(factory) as session:
        row = session.get(RefundRow, refund.refund_id)
        assert row is not None and row.refund_seq == 1 and row.total == refund.total
        assert RefundRecord.from_json(json.loads(row.document)) == refund
        assert refunded_quantities(session, sale.sale_id) == {1: Decimal(1)}
        [pending] = doc_outbox.pending(session, doc_outbox.REFUND, 10)
        assert pending.doc_id == refund.refund_id
    [entry] = [e for e in SqlJournal(factory).entries() if e.kind == "refund"]
    assert entry.actor == "K01" and entry.approver == "M01"
    data = json.loads(entry.data)
    assert data["refund_no"] == refund.refund_no and data["approval"]["reason"] == "damaged"
    assert SqlJournal(factory).verify().fault is None

    again = svc.find(sale.receipt_no)
    assert again.already[1] == Decimal(1)
    assert again.remaining[1] == sale.lines[0].quantity - 1
    second = svc.commit(
        again, {2: Decimal(1)}, to_cash=False, cashier=MANAGER, reason=ReasonCode.WRONG_ITEM
    )
    assert second.refund.refund_no == "S01-T01-R000002"


def test_refusals_change_nothing(
    factory: sessionmaker[Session], store: StoreProfile, sale: SaleRecord
) -> None:
    svc = service(factory, store)
    candidate = svc.find(sale.receipt_no)
    with pytest.raises(UserError) as exc:
        svc.commit(candidate, {1: Decimal(1)}, to_cash=True, cashier=CASHIER, reason="damaged")
    assert exc.value.code == "permission.required"
    with pytest.raises(UserError) as exc:
        svc.commit(candidate, {1: Decimal(99)}, to_cash=True, cashier=MANAGER, reason="damaged")
    assert exc.value.code == "refund.exceeds_sold"
    assert _count(factory, RefundRow) == _count(factory, RefundLineRow) == 0
    assert _count(factory, DocOutboxRow) == 0
    assert [e for e in SqlJournal(factory).entries() if e.kind == "refund"] == []
    ok = svc.commit(candidate, {1: Decimal(1)}, to_cash=True, cashier=MANAGER, reason="damaged")
    assert ok.refund.refund_no == "S01-T01-R000001"  # the refused attempts used no number


def test_a_stale_candidate_cannot_refund_twice(
    factory: sessionmaker[Session], store: StoreProfile, sale: SaleRecord
) -> None:
    svc = service(factory, store)
    candidate = svc.find(sale.receipt_no)
    everything = {ln.line_no: ln.quantity for ln in sale.lines}
    first = svc.commit(candidate, everything, to_cash=True, cashier=MANAGER, reason="damaged")
    assert first.refund.total == sale.total
    with pytest.raises(UserError) as exc:  # same candidate, found before the first commit
        svc.commit(candidate, {1: Decimal(1)}, to_cash=True, cashier=MANAGER, reason="damaged")
    assert exc.value.code == "refund.exceeds_sold"
    assert svc.find(sale.receipt_no).fully_refunded


def test_unknown_receipts_and_other_stores(
    factory: sessionmaker[Session], store: StoreProfile, sale: SaleRecord
) -> None:
    svc = service(factory, store)
    for text, code in [
        ("S01-T01-999999", "refund.sale_not_found_offline"),
        ("S02-T01-000001", "refund.other_store"),
        ("   ", "refund.receipt_required"),
    ]:
        with pytest.raises(UserError) as exc:
            svc.find(text)
        assert exc.value.code == code, text

    def nothing(_: str) -> CloudSale | None:
        return None

    with pytest.raises(UserError) as exc:
        service(factory, store, nothing).find("S01-T02-000001")
    assert exc.value.code == "refund.sale_not_found"


def test_a_sale_of_another_till_comes_from_the_cloud_with_its_refunds(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    make = sale_maker(store)
    theirs = make("S01-T02-000007")
    theirs = SaleRecord.from_json({**theirs.to_json(), "till_code": "T02"})
    offline_svc = service(factory, store)
    # Their earlier refund of line 1, already in the cloud.
    cloud_svc = service(factory, store, lambda _: CloudSale(theirs, ()))
    cloud_first = cloud_svc.find(theirs.receipt_no)
    assert cloud_first.source == "cloud" and cloud_first.cloud_checked
    made = cloud_svc.commit(
        cloud_first, {2: Decimal(1)}, to_cash=True, cashier=MANAGER, reason="damaged"
    ).refund
    earlier_elsewhere = RefundRecord.from_json(
        {**made.to_json(), "refund_id": "elsewhere", "till_code": "T02"}
    )
    merged_svc = service(factory, store, lambda _: CloudSale(theirs, (made, earlier_elsewhere)))
    found = merged_svc.find(theirs.receipt_no)
    # This till's refund is in the cloud too: counted once; the other till's adds to it.
    assert [r.refund_id for r in found.earlier].count(made.refund_id) == 1
    assert found.already[2] == Decimal(2) and found.remaining[2] == 0
    with pytest.raises(UserError) as exc:
        merged_svc.commit(found, {2: Decimal(1)}, to_cash=True, cashier=MANAGER, reason="other")
    assert exc.value.code == "refund.exceeds_sold"

    def offline(_: str) -> CloudSale | None:
        raise CloudUnavailable("no network")

    with pytest.raises(UserError) as exc:
        service(factory, store, offline).find(theirs.receipt_no)
    assert exc.value.code == "refund.sale_not_found_offline"
    with pytest.raises(UserError) as exc:
        offline_svc.find(theirs.receipt_no)
    assert exc.value.code == "refund.sale_not_found_offline"


def test_the_cloud_may_not_hand_over_another_stores_sale(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    theirs = SaleRecord.from_json(
        {**sale_maker(store)("S01-T02-000001").to_json(), "store_code": "S09"}
    )
    with pytest.raises(UserError) as exc:
        service(factory, store, lambda _: CloudSale(theirs, ())).find("S01-T02-000001")
    assert exc.value.code == "refund.other_store"


def test_refund_slip_says_what_was_returned(
    factory: sessionmaker[Session], store: StoreProfile, sale: SaleRecord
) -> None:
    svc = service(factory, store)
    refund = svc.commit(
        svc.find(sale.receipt_no),
        {1: Decimal(1)},
        to_cash=False,
        cashier=CASHIER,
        reason="damaged",
        approval=APPROVAL,
    ).refund
    lines = render_text(build_refund_slip(refund, STORE), 32)
    text = "\n".join(lines)
    assert lines[0].strip() == "RETUR / PENGEMBALIAN"
    assert refund.refund_no in text and sale.receipt_no in text
    assert "Pak Budi" in text and "Siti" in text
    assert "TOTAL DIKEMBALIKAN" in text
    assert all(len(line) <= 32 for line in lines)


def test_refunded_at_is_kept_aware(
    factory: sessionmaker[Session], store: StoreProfile, sale: SaleRecord
) -> None:
    svc = service(factory, store)
    refund = svc.commit(
        svc.find(sale.receipt_no), {1: Decimal(1)}, to_cash=True, cashier=MANAGER, reason="other"
    ).refund
    stored = SqlRefundStore(factory).refunds_of(sale.sale_id)
    assert stored == [refund]
    assert stored[0].refunded_at == NOW and stored[0].refunded_at.tzinfo is not None
