"""Translations and user messages: Indonesian by default, English selectable, every code worded."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

from PySide6.QtCore import Qt

import pos_desktop
from pos_desktop.domain.errors import UserError
from pos_desktop.ui.i18n import current_language, install_translator, qm_path, translations_dir
from pos_desktop.ui.main_window import MainWindow
from pos_desktop.ui.messages import known_codes, message_for
from tests.ui.fakes import AQUA, INDOMIE, SITI, FakeTill
from tests.ui.helpers import login, scan

PACKAGE = Path(pos_desktop.__file__).parent


def _codes_raised_in_the_project() -> set[str]:
    pattern = re.compile(r"""UserError\(\s*["']([a-z0-9_.]+)["']""")
    codes: set[str] = set()
    for path in PACKAGE.rglob("*.py"):
        codes.update(pattern.findall(path.read_text(encoding="utf-8")))
    return codes


def test_every_user_error_code_in_the_project_has_a_message():
    codes = _codes_raised_in_the_project()
    assert {"product.not_found", "payment.incomplete", "storage.unexpected"} <= codes
    assert codes - known_codes() == set()
    for code in ("storage.locked", "storage.full", "storage.io", "storage.corrupt"):
        assert code in known_codes()


def test_messages_fill_parameters_and_unknown_codes_stay_readable(indonesian):
    assert message_for(UserError("payment.incomplete", remaining=1500)) == (
        "Belum lunas: kurang Rp1.500."
    )
    text = message_for(UserError("no.such.code", x=1))
    assert text == "Terjadi kesalahan (kode no.such.code)."
    # A parameter the sentence needs but the error lacks does not crash the screen.
    assert message_for(UserError("product.not_found")) == "Produk tidak ditemukan: "


def test_indonesian_sources_are_complete():
    tree = ElementTree.parse(translations_dir() / "id.ts")
    unfinished = [
        m.findtext("source")
        for m in tree.iter("message")
        if (m.find("translation").get("type") or "") == "unfinished"
    ]
    assert unfinished == []
    translated = {m.findtext("source"): m.findtext("translation") for m in tree.iter("message")}
    for source, word in {
        "Pay": "Bayar",
        "Cash": "Tunai",
        "Change": "Kembalian",
        "Rounding": "Pembulatan",
        "Receipt": "Struk",
        "Card": "Kartu",
        "Search product": "Cari produk",
        "Cash drawer": "Laci kas",
        "Lock": "Kunci",
        "Log out": "Keluar",
    }.items():
        assert translated[source] == word


def test_labels_are_indonesian_and_english_is_selectable(
    qtbot, qapp, window: MainWindow, fake: FakeTill, qm_dir: Path
):
    login(qtbot, window, SITI, "1111")
    sale = window.sale
    assert sale.pay_button.text() == "Bayar  F12"
    assert sale.sum_captions["rounding"].text() == "Pembulatan"
    assert sale.change_caption.text() == "Kembalian"
    headers = [sale.model.headerData(c, Qt.Orientation.Horizontal) for c in range(6)]
    assert headers == ["No", "Nama", "Jml", "Harga", "Diskon", "Total"]
    assert window.language_button.text() == "Bahasa Indonesia"

    install_translator(qapp, "en", qm_dir)
    assert current_language() == "en"
    qtbot.waitUntil(lambda: sale.pay_button.text() == "Pay  F12")  # LanguageChange is posted
    assert sale.change_caption.text() == "Change"
    assert sale.model.headerData(2, Qt.Orientation.Horizontal) == "Qty"
    assert window.language_button.text() == "English"


def test_the_app_finds_its_qm_next_to_the_package():
    assert qm_path("id") == PACKAGE / "i18n" / "id.qm"


def test_missing_translation_falls_back_to_english(qapp, tmp_path: Path):
    assert install_translator(qapp, "id", tmp_path) is None
    assert current_language(qapp) == "id"
    install_translator(qapp, "en", tmp_path)


def test_the_line_count_above_the_total_has_a_plural_in_english(
    qtbot, qapp, window: MainWindow, fake: FakeTill, qm_dir: Path
):
    """lupdate gives a plural only to ``self.tr`` calls: a caption worded through another
    class's context would read "3 line" in English."""
    login(qtbot, window, SITI, "1111")
    sale = window.sale
    assert sale.total_caption.text() == "Total  ·  0 baris"
    scan(qtbot, sale, INDOMIE.barcode)
    assert sale.total_caption.text() == "Total  ·  1 baris"

    install_translator(qapp, "en", qm_dir)
    qtbot.waitUntil(lambda: sale.pay_button.text() == "Pay  F12")
    assert sale.total_caption.text() == "Total  ·  1 line"
    scan(qtbot, sale, AQUA.barcode)
    assert sale.total_caption.text() == "Total  ·  2 lines"
