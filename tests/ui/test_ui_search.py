"""F2 product search: incremental, debounced, newest query wins, Enter adds."""

from __future__ import annotations

import threading

from PySide6.QtCore import Qt

from pos_desktop.ui.search_dialog import SearchDialog
from tests.ui.fakes import SITI, FakeTill
from tests.ui.helpers import cart_rows, idle, login


def _open(qtbot, window) -> SearchDialog:
    login(qtbot, window, SITI, "1111")
    idle(qtbot, window.sale)
    qtbot.keyClick(window.sale.barcode, Qt.Key.Key_F2)
    dialog = window.sale.dialog
    assert isinstance(dialog, SearchDialog)
    qtbot.waitUntil(dialog.field.hasFocus)
    return dialog


def test_typing_searches_once_per_pause_and_enter_adds(qtbot, window, fake: FakeTill):
    queries: list[str] = []
    search = fake.catalog.search

    def recording(text: str, limit: int = 50):
        queries.append(text)
        return search(text, limit)

    fake.catalog.search = recording  # type: ignore[method-assign]
    dialog = _open(qtbot, window)
    with qtbot.waitSignal(dialog.resultsShown, timeout=5000) as shown:
        qtbot.keyClicks(dialog.field, "gu")
    assert shown.args == ["gu"]
    assert queries == ["gu"], "keystrokes inside the debounce make one query"
    assert [p.name for p in dialog.products] == ["Gulaku 1 kg"]

    with qtbot.waitSignal(dialog.resultsShown, timeout=5000):
        qtbot.keyClick(dialog.field, Qt.Key.Key_Backspace)
        qtbot.keyClick(dialog.field, Qt.Key.Key_Backspace)
        qtbot.keyClicks(dialog.field, "a")
    assert [p.name for p in dialog.products] == [
        "Aqua 600 ml",
        "Gulaku 1 kg",
        "Beras Pandan Wangi",
    ]
    qtbot.keyClick(dialog.field, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sale.dialog is None)
    assert [row[1] for row in cart_rows(window.sale)] == ["Gulaku 1 kg"]
    assert window.sale.total_label.text() == "Rp17.700"


def test_an_older_slow_query_never_overwrites_a_newer_one(qtbot, window, fake: FakeTill):
    gate = threading.Event()
    search = fake.catalog.search

    def slow_first(text: str, limit: int = 50):
        if text == "indo":
            gate.wait(5)
        return search(text, limit)

    fake.catalog.search = slow_first  # type: ignore[method-assign]
    dialog = _open(qtbot, window)
    shown: list[str] = []
    dialog.resultsShown.connect(shown.append)
    dialog.set_query("indo")
    qtbot.waitUntil(lambda: window.worker.pending == 1)  # "indo" is running
    dialog.set_query("aqua")
    qtbot.waitUntil(lambda: window.worker.pending == 2)  # "aqua" queued behind it
    gate.set()
    qtbot.waitUntil(lambda: shown == ["aqua"])
    idle(qtbot, window.sale)
    assert shown == ["aqua"]
    assert [p.name for p in dialog.products] == ["Aqua 600 ml"]


def test_nothing_found_and_esc_backs_out(qtbot, window, fake: FakeTill):
    dialog = _open(qtbot, window)
    with qtbot.waitSignal(dialog.resultsShown, timeout=5000):
        qtbot.keyClicks(dialog.field, "zzz")
    assert dialog.message.text() == "Tidak ada produk yang cocok dengan “zzz”."
    qtbot.keyClick(dialog.field, Qt.Key.Key_Return)  # nothing to add: stays open
    assert dialog.isVisible()
    qtbot.keyClick(dialog.field, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.sale.dialog is None)
    assert cart_rows(window.sale) == []
    qtbot.waitUntil(window.sale.barcode.hasFocus)
