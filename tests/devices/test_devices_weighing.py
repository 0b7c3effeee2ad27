"""Weighed products take their weight from the scale on a real serial line (pty): a stable
weight becomes the line's quantity, a moving one is asked again for a bounded number of
requests, an overload is refused with the cart unchanged; a weight typed by hand needs a
manager or supervisor, and is logged with who typed it."""

from __future__ import annotations

import logging
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pos_desktop.devices.lifecycle import DeviceState
from pos_desktop.domain.barcode import DEFAULT_RULES, InStoreRule, ValueKind, gtin_check_digit
from pos_desktop.domain.cart import Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Role
from pos_desktop.domain.tax import EXEMPT
from pos_desktop.services.checkout import SaleSession, TillService
from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.dialogs import ValueDialog
from pos_desktop.ui.weighing import needs_weight
from tests.devices.fakes import FakeScale, Recorder
from tests.devices.qt_till import device_till, open_window, worker  # noqa: F401
from tests.escpos_decoder import decode
from tests.ui.conftest import indonesian, qm_dir  # noqa: F401
from tests.ui.fakes import (
    AQUA,
    BERAS,
    PRODUCTS,
    PROFILE,
    SITI,
    FakeCatalog,
    FakeJournal,
    FakeSink,
)
from tests.ui.helpers import cart_rows, idle, login, open_payment

STABLE = b"\x0201.250\r"
MOVING = b"\x02?A\r"
OVERLOAD = b"\x02?B\r"
MAYA = StaffMember(3, "M01", "Maya", Role.MANAGER)


def _scale_table(scale: FakeScale, **extra) -> dict:
    # A pty cannot do 7E1 (the Toledo default), real ports can: 8N1 here.
    return {"url": scale.url + "&bytesize=8&parity=N", "protocol": "toledo", **extra}


# --- the driver on the scale's own thread ------------------------------------------------------
def test_weigh_asks_again_while_moving_then_takes_the_stable_weight(make_hub, plug):
    scale = plug(FakeScale, "scale")
    hub, events = make_hub({"scale": _scale_table(scale, settle_ms=1000, retry_ms=10)})
    events.wait_state("scale", DeviceState.ENABLED)
    scale.script = [MOVING, MOVING]
    assert hub.scale.weigh().result(10) == Decimal("1.250")
    assert scale.requests == 3


def test_weigh_refuses_a_weight_that_never_settles_after_a_bounded_number_of_requests(
    make_hub, plug
):
    scale = plug(FakeScale, "scale", reply=MOVING)
    hub, events = make_hub({"scale": _scale_table(scale, settle_ms=100, retry_ms=20)})
    events.wait_state("scale", DeviceState.ENABLED)
    with pytest.raises(UserError) as refused:
        hub.scale.weigh().result(10)
    assert refused.value.code == "scale.in_motion"
    assert scale.requests == 1 + 100 // 20


@pytest.mark.parametrize(
    ("reply", "code"), [(OVERLOAD, "scale.overload"), (b"\x02?D\r", "scale.under_zero")]
)
def test_weigh_refuses_overload_and_under_zero_at_once(make_hub, plug, reply, code):
    scale = plug(FakeScale, "scale", reply=reply)
    hub, events = make_hub({"scale": _scale_table(scale)})
    events.wait_state("scale", DeviceState.ENABLED)
    with pytest.raises(UserError) as refused:
        hub.scale.weigh().result(10)
    assert refused.value.code == code
    assert scale.requests == 1


# --- the sale screen ---------------------------------------------------------------------------
def _till_window(qtbot, tmp_path, worker, devices: dict, member=SITI, pin="1111"):  # noqa: F811
    till = device_till(tmp_path, devices)
    till.fake.staff.staff.append(MAYA)
    till.fake.staff.pins[MAYA.user_id] = "3333"
    events = Recorder()
    if till.hub is not None:
        till.hub.subscribe(events)
        till.hub.start()
    window = open_window(qtbot, till, worker)
    if till.hub is not None:
        settled = (DeviceState.ENABLED, DeviceState.ERROR)
        events.wait_for(lambda _e: all(s.state in settled for s in till.hub.statuses()))
    login(qtbot, window, member, pin)
    return till, window


def _close(till, window) -> None:
    window.close()
    if till.hub is not None:
        assert till.hub.stop()


def _scan(qtbot, screen, text: str) -> None:
    qtbot.keyClicks(screen.barcode, text)
    qtbot.keyClick(screen.barcode, Qt.Key.Key_Return)


def _quantities(screen) -> list[tuple[str, Decimal]]:
    return [(line.product.sku, line.quantity) for line in screen.session.cart.lines]


def test_stable_weight_becomes_the_line_and_later_scans_keep_their_order(
    qtbot,
    tmp_path,
    plug,
    worker,  # noqa: F811
    indonesian,  # noqa: F811
):
    scale = plug(FakeScale, "scale")
    till, window = _till_window(qtbot, tmp_path, worker, {"scale": _scale_table(scale)})
    try:
        screen = window.sale
        till.hub.scale.driver.reply_timeout = 10.0  # the test holds the answer back
        scale.held = True
        _scan(qtbot, screen, BERAS.barcode)
        qtbot.waitUntil(lambda: screen.weighing is not None)
        assert screen.message.text() == "Menimbang..."
        scale.wait_for(lambda: scale.owed == 1)
        _scan(qtbot, screen, AQUA.barcode)  # scanned while the rice is on the scale
        qtbot.waitUntil(lambda: len(screen._held) == 1)
        assert screen.session.cart.is_empty
        scale.release()
        qtbot.waitUntil(lambda: len(screen.session.cart.lines) == 2)
        assert _quantities(screen) == [(BERAS.sku, Decimal("1.250")), (AQUA.sku, Decimal(1))]
        assert [row[1] for row in cart_rows(screen)] == [BERAS.name, AQUA.name]
        assert screen.weighing is None and not screen.message.is_error
    finally:
        scale.release()
        _close(till, window)


def test_moving_then_stable_weight_is_taken(qtbot, tmp_path, plug, worker):  # noqa: F811
    scale = plug(FakeScale, "scale")
    table = _scale_table(scale, settle_ms=2000, retry_ms=10)
    till, window = _till_window(qtbot, tmp_path, worker, {"scale": table})
    try:
        screen = window.sale
        scale.script = [MOVING, MOVING, MOVING]
        _scan(qtbot, screen, BERAS.barcode)
        qtbot.waitUntil(lambda: len(screen.session.cart.lines) == 1, timeout=10_000)
        assert _quantities(screen) == [(BERAS.sku, Decimal("1.250"))]
        assert scale.requests == 4
    finally:
        _close(till, window)


@pytest.mark.parametrize(
    ("reply", "code", "requests"),
    [(OVERLOAD, "scale.overload", 1), (MOVING, "scale.in_motion", 1 + 60 // 20)],
)
def test_refused_weight_leaves_the_cart_unchanged(
    qtbot,
    tmp_path,
    plug,
    worker,  # noqa: F811
    reply,
    code,
    requests,
):
    scale = plug(FakeScale, "scale")
    table = _scale_table(scale, settle_ms=60, retry_ms=20)
    till, window = _till_window(qtbot, tmp_path, worker, {"scale": table})
    try:
        screen = window.sale
        _scan(qtbot, screen, AQUA.barcode)
        qtbot.waitUntil(lambda: len(screen.session.cart.lines) == 1)
        scale.reply = reply
        _scan(qtbot, screen, BERAS.barcode)
        qtbot.waitUntil(lambda: screen.message.code == code, timeout=10_000)
        assert _quantities(screen) == [(AQUA.sku, Decimal(1))]
        assert screen.weighing is None
        assert scale.requests == requests
    finally:
        _close(till, window)


def test_a_cashier_may_not_type_a_weight(qtbot, tmp_path, worker, caplog):  # noqa: F811
    till, window = _till_window(qtbot, tmp_path, worker, {})  # no scale on this till
    try:
        screen = window.sale
        with caplog.at_level(logging.WARNING, logger="pos_desktop.ui.weighing"):
            _scan(qtbot, screen, BERAS.barcode)
            idle(qtbot, screen)
            assert screen.message.code == "scale.manual_not_permitted"
            _scan(qtbot, screen, "1,5*" + BERAS.barcode)
            idle(qtbot, screen)
        assert screen.message.code == "scale.manual_not_permitted"
        assert screen.session.cart.is_empty and screen.dialog is None
        assert "manual weight refused for K01" in caplog.text
    finally:
        _close(till, window)


def test_a_cashier_may_not_type_a_weight_when_the_scale_fails(
    qtbot,
    tmp_path,
    worker,  # noqa: F811
):
    missing = {"url": f"serial://{tmp_path / 'no-scale'}"}
    till, window = _till_window(qtbot, tmp_path, worker, {"scale": missing})
    try:
        screen = window.sale
        _scan(qtbot, screen, BERAS.barcode)
        qtbot.waitUntil(lambda: screen.message.code == "scale.manual_not_permitted")
        assert screen.session.cart.is_empty and screen.dialog is None
        assert screen.weighing is None
    finally:
        _close(till, window)


def test_a_manager_types_the_weight_when_the_scale_fails_and_it_is_logged(
    qtbot,
    tmp_path,
    worker,  # noqa: F811
    caplog,
):
    missing = {"url": f"serial://{tmp_path / 'no-scale'}"}
    till, window = _till_window(
        qtbot, tmp_path, worker, {"scale": missing}, member=MAYA, pin="3333"
    )
    try:
        screen = window.sale
        with caplog.at_level(logging.WARNING, logger="pos_desktop.ui.weighing"):
            _scan(qtbot, screen, BERAS.barcode)
            qtbot.waitUntil(lambda: isinstance(screen.dialog, ValueDialog))
            dialog = screen.dialog
            assert dialog.objectName() == "weightDialog"
            screen.submit_scan(AQUA.barcode)  # a lookup in flight waits behind the weight
            qtbot.waitUntil(lambda: len(screen._held) == 1)
            qtbot.keyClicks(dialog.field, "0,5x")
            qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
            assert dialog.message.code == "ui.bad_quantity" and screen.session.cart.is_empty
            dialog.field.setText("0,75")
            qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
            qtbot.waitUntil(lambda: len(screen.session.cart.lines) == 2)
            _scan(qtbot, screen, "1,5*" + BERAS.barcode)
            qtbot.waitUntil(lambda: len(screen.session.cart.lines) == 3)
        assert _quantities(screen) == [
            (BERAS.sku, Decimal("0.75")),
            (AQUA.sku, Decimal(1)),
            (BERAS.sku, Decimal("1.5")),
        ]
        manual = [r.getMessage() for r in caplog.records if "manual weight" in r.getMessage()]
        assert len(manual) == 2
        assert all("M01 Maya (manager)" in m for m in manual)
        assert "0.75 kg of BERAS-KG" in manual[0] and "scale failed: scale.unavailable" in manual[0]
        assert "1.5 kg of BERAS-KG" in manual[1]
    finally:
        _close(till, window)


def test_changing_a_weighed_line_is_a_typed_weight(qtbot, tmp_path, plug, worker):  # noqa: F811
    scale = plug(FakeScale, "scale")
    till, window = _till_window(qtbot, tmp_path, worker, {"scale": _scale_table(scale)})
    try:
        screen = window.sale
        _scan(qtbot, screen, BERAS.barcode)
        qtbot.waitUntil(lambda: len(screen.session.cart.lines) == 1)
        screen.change_quantity("3")
        assert screen.message.code == "scale.manual_not_permitted"
        assert _quantities(screen) == [(BERAS.sku, Decimal("1.250"))]
    finally:
        _close(till, window)


# --- price labels on weighed products ----------------------------------------------------------
PRICE_23 = InStoreRule("23", 5, 5, 0, ValueKind.PRICE)
DAGING = Product("p-daging", "2300042", "Daging Sapi Has", 145_000, EXEMPT, "", True, "kg")
DAGING_LABEL = "230004223500" + str(gtin_check_digit("230004223500"))  # Rp23.500 of beef


def test_a_price_label_needs_no_weight_and_sells_at_its_price() -> None:
    """Service level: the lookup of a price label carries the amount, the sale session makes
    it a line of exactly that amount, and nothing asks for a weight."""
    catalog = FakeCatalog([*PRODUCTS, DAGING])
    till = TillService(catalog, FakeJournal(), FakeSink(), (PRICE_23, *DEFAULT_RULES))
    lookup = till.lookup(DAGING_LABEL)
    assert lookup.product == DAGING and lookup.scan.price == 23_500
    assert not needs_weight(lookup)
    assert needs_weight(till.lookup(BERAS.barcode))  # without a label it is weighed
    session = SaleSession(PROFILE)
    line = session.add(lookup)
    assert (line.quantity, line.gross) == (Decimal("0.162"), 23_500)
    assert session.totals().total == 23_500


@pytest.mark.parametrize("with_scale", [True, False])
def test_a_cashier_scans_a_price_label_on_a_weighed_product_and_it_sells_at_once(
    qtbot,
    tmp_path,
    plug,
    worker,  # noqa: F811
    with_scale,
):
    """Siti scans the butcher's label: no weighing, no typed weight, no manager; the line, the
    total and the receipt carry the label's price and the weight it stands for."""
    devices = {}
    scale = None
    if with_scale:
        scale = plug(FakeScale, "scale")
        devices = {"scale": _scale_table(scale)}
    till, window = _till_window(qtbot, tmp_path, worker, devices)
    try:
        till.fake.catalog.products.append(DAGING)
        till.context.till.rules = (PRICE_23, *DEFAULT_RULES)
        screen = window.sale
        _scan(qtbot, screen, DAGING_LABEL)
        _scan(qtbot, screen, AQUA.barcode)
        qtbot.waitUntil(lambda: len(screen.session.cart.lines) == 2)
        idle(qtbot, screen)
        assert _quantities(screen) == [(DAGING.sku, Decimal("0.162")), (AQUA.sku, Decimal(1))]
        assert screen.session.cart.lines[0].gross == 23_500
        assert screen.weighing is None and screen.dialog is None
        assert not screen.message.is_error
        if scale is not None:
            assert scale.requests == 0
        assert screen.session.totals().total == 23_500 + AQUA.unit_price

        pay = open_payment(qtbot, screen)
        qtbot.keyClicks(pay.cash_field, "30000")
        qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
        with qtbot.waitSignal(pay.completed, timeout=10_000) as done:
            qtbot.keyClick(pay.cash_field, Qt.Key.Key_Return)
        sale = done.args[0].sale
        assert sale.total == 27_500
        receipt = decode(Path(done.args[0].receipt_target).read_bytes())
        assert any("0,162 kg" in line and "145.059" in line for line in receipt.lines)
        assert any(line.rstrip().endswith("23.500") for line in receipt.lines)
    finally:
        _close(till, window)
