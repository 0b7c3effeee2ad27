"""Parked sales in SQLite: they survive closing the store, recall is once only, both journaled."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from pos_desktop.domain.cart import Cart, Discount
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Role
from pos_desktop.localdb.held_carts import SqlHeldCarts
from pos_desktop.localdb.journal import SqlJournal
from pos_desktop.localdb.store import open_local_store
from pos_desktop.services.ports import StaffMember
from tests.localdb.conftest import cheap_hasher, product

T0 = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
SITI = StaffMember(1, "K01", "Siti", Role.CASHIER)
BUDI = StaffMember(2, "K02", "Budi", Role.CASHIER)


def _cart() -> Cart:
    cart = Cart()
    line = cart.add(product("Gula", 17_650, "PPN"), Decimal(2), now=T0)
    cart.add(product("Beras", 14_000, weighed=True), Decimal("0.750"), now=T0)
    cart.set_line_discount(line.line_id, Discount.percent(5))
    return cart


def test_hold_survives_reopening_the_store_and_recall_is_once_only(tmp_path: Path) -> None:
    path = tmp_path / "till.db"
    store = open_local_store(path, hasher=cheap_hasher())
    cart = _cart()
    try:
        held = SqlHeldCarts(store.session_factory).hold(
            cart, total=44_000, label="  Ibu baju merah  ", actor=SITI, now=T0
        )
    finally:
        store.close()
    assert held.label == "Ibu baju merah" and held.line_count == 2

    store = open_local_store(path, hasher=cheap_hasher())
    try:
        carts = SqlHeldCarts(store.session_factory)
        [listed] = carts.held()
        assert listed == held
        back = carts.recall(held.hold_id, actor=BUDI, now=T0 + timedelta(minutes=5))
        assert back.lines == cart.lines and back._next_id == cart._next_id
        assert carts.held() == []
        with pytest.raises(UserError) as again:
            carts.recall(held.hold_id, actor=BUDI, now=T0)
        assert again.value.code == "held.not_found"
        journal = SqlJournal(store.session_factory)
        kinds = [(e.kind, e.actor, json.loads(e.data)) for e in journal.entries()]
        assert [k[:2] for k in kinds] == [("sale_hold", "K01"), ("sale_recall", "K02")]
        assert kinds[0][2]["total"] == 44_000 and kinds[1][2]["held_by"] == "K01"
        assert journal.verify().fault is None
    finally:
        store.close()


def test_an_empty_cart_is_not_held_and_a_damaged_one_stays_parked(factory) -> None:
    carts = SqlHeldCarts(factory)
    with pytest.raises(UserError) as empty:
        carts.hold(Cart(), total=0, label="", actor=SITI, now=T0)
    assert empty.value.code == "sale.empty"
    held = carts.hold(_cart(), total=1, label="", actor=SITI, now=T0)
    with factory.begin() as session:
        session.execute(text("UPDATE held_carts SET document = '{\"version\": 1}'"))
    with pytest.raises(UserError) as damaged:
        carts.recall(held.hold_id, actor=SITI, now=T0)
    assert damaged.value.code == "held.unreadable"
    assert [h.hold_id for h in carts.held()] == [held.hold_id]
    assert [e.kind for e in SqlJournal(factory).entries()] == ["sale_hold"]


def test_held_carts_are_listed_oldest_first(factory) -> None:
    carts = SqlHeldCarts(factory)
    later = carts.hold(_cart(), total=2, label="b", actor=SITI, now=T0 + timedelta(minutes=1))
    first = carts.hold(_cart(), total=1, label="a", actor=BUDI, now=T0)
    assert [h.hold_id for h in carts.held()] == [first.hold_id, later.hold_id]
