"""A real store from nothing, as store IT sets one up from docs/store-it.md, with no demo data.

An empty ``pos-server``; the owner and the store made with its admin CLI; staff and products (a
CSV file) through the owner API; an enrollment code. A till with an empty home opens the pairing
dialog, pairs, shows the cloud's cashier, who logs in with the PIN set in the cloud and sells; the
cloud holds the sale. Then the owner sets the NPWP and switches to tax-exclusive prices while the
cashier has an open cart: that cart keeps its rules, the next sale uses the new ones and its
receipt shows the NPWP. The owner deactivates the cashier: the next login is refused.

Runs on SQLite, and on PostgreSQL when one answers.
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
from PySide6.QtCore import Qt

from pos_desktop.config import TillConfig
from pos_desktop.paths import AppPaths
from pos_desktop.startup import Startup, start_gui
from pos_desktop.ui.i18n import install_translator
from pos_desktop.ui.shift_dialogs import OpenShiftDialog
from server_stub.core.security import totp
from tests.escpos_decoder import decode
from tests.server.conftest import BACKENDS, create_pg_database, drop_pg_database
from tests.sync.cloud import ROOT, CloudServer
from tests.sync.conftest import MemoryKeyring
from tests.sync.till import FAST_SYNC, till_paths
from tests.ui.helpers import cart_rows, idle, open_payment, scan

WAIT_MS = 60_000
OWNER_EMAIL = "pemilik@tokobaru.test"
OWNER_PASSWORD = "kopi susu gula aren 2026"
NPWP = "01.234.567.8-901.000"


def _ean13(first12: str) -> str:
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(first12))
    return first12 + str((10 - total % 10) % 10)


TEH = _ean13("899777000001")  # Rp10.000, PPN
GULA = _ean13("899777000002")  # Rp15.000, exempt
PRODUCTS_CSV = (
    "sku,name,category,price,tax_code,barcodes\r\n"
    f"TEH-1,Teh Botol 450ml,Minuman,10000,PPN,{TEH}\r\n"
    f"GULA-1,Gula Pasir 1kg,Sembako,15000,EXEMPT,{GULA}\r\n"
)


@pytest.fixture(params=BACKENDS)
def empty_cloud(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CloudServer]:
    """A ``pos-server`` on a database nobody has used: no organization, no store, no demo."""
    if request.param == "sqlite":
        url, pg_name = f"sqlite:///{tmp_path / 'cloud.db'}", None
    else:
        url, pg_name = create_pg_database("pos_zero")
    server = CloudServer(url, tmp_path / "cloud")
    try:
        _admin(url, "db", "upgrade")
        server.start()
        yield server
    finally:
        server.stop()
        if pg_name is not None:
            drop_pg_database(pg_name)


def _admin(url: str, *argv: str) -> str:
    """``pos-server`` as store IT runs it; returns what it printed."""
    done = subprocess.run(
        [sys.executable, "-m", "server_stub", *argv, "--database-url", url],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


class Owner:
    """The owner API as the owner's own script or app uses it: email, password, TOTP."""

    def __init__(self, base_url: str, totp_secret: str) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=30)
        answer = self.http.post(
            "/v1/auth/login",
            json={
                "email": OWNER_EMAIL,
                "password": OWNER_PASSWORD,
                "totp": totp.code_at(totp_secret, datetime.now(UTC)),
            },
        )
        assert answer.status_code == 200, answer.text
        self.http.headers["Authorization"] = f"Bearer {answer.json()['access_token']}"

    def call(self, method: str, path: str, expect: int = 200, **kwargs: Any) -> Any:
        answer = self.http.request(method, path, **kwargs)
        assert answer.status_code == expect, f"{method} {path}: {answer.status_code} {answer.text}"
        return answer.json() if answer.content else None

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def start(
    qtbot, tmp_path: Path, memory_keyring: MemoryKeyring
) -> Iterator[Callable[[AppPaths], Startup]]:
    made: list[Startup] = []

    def begin(paths: AppPaths) -> Startup:
        startup = start_gui(paths, TillConfig(language="en", idle_lock_minutes=0, sync=FAST_SYNC))
        made.append(startup)
        return startup

    yield begin
    for startup in made:
        if startup.gui is not None:
            worker = startup.gui.worker
            qtbot.waitUntil(lambda w=worker: w.pending == 0, timeout=20_000)
        startup.close()
        install_translator(startup.app, "en")


def _pay_cash(qtbot, screen, amount: str) -> None:
    dialog = open_payment(qtbot, screen)
    qtbot.keyClicks(dialog.cash_field, amount)
    qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.completed, timeout=WAIT_MS):
        qtbot.keyClick(dialog.cash_field, Qt.Key.Key_Return)
    idle(qtbot, screen)


def _receipt_lines(paths: AppPaths, receipt_no: str) -> list[str]:
    files = sorted(paths.receipts_dir.rglob(f"*{receipt_no}*"))
    assert files, f"no receipt file for {receipt_no} in {paths.receipts_dir}"
    return decode(files[0].read_bytes()).lines


def test_a_store_from_zero_sells_and_follows_the_owner(
    qtbot, empty_cloud: CloudServer, start: Callable[[AppPaths], Startup], tmp_path: Path
) -> None:
    url = empty_cloud.database_url

    # --- Store IT: the owner and the store with the admin CLI (docs/store-it.md).
    printed = _admin(
        url, "admin", "create-owner", "--org", "Toko Baru", "--email", OWNER_EMAIL,
        "--password", OWNER_PASSWORD,
    )  # fmt: skip
    found = re.search(r"TOTP secret:\s+(\S+)", printed)
    assert found, printed
    _admin(
        url, "admin", "create-store", "--email", OWNER_EMAIL, "--code", "S01",
        "--name", "Toko Baru Sejahtera", "--address", "Jl. Melati 7, Bandung", "--ppn",
    )  # fmt: skip
    owner = Owner(empty_cloud.url, found.group(1))
    try:
        # --- Staff and products through the owner API; then a code for the till.
        rina = owner.call(
            "POST",
            "/v1/staff",
            201,
            json={"name": "Rina", "role": "cashier", "stores": ["S01"], "pin": "2468"},
        )
        owner.call(
            "POST",
            "/v1/staff",
            201,
            json={"name": "Pak Harun", "role": "manager", "stores": ["S01"], "pin": "8642"},
        )
        imported = owner.call(
            "POST",
            "/v1/products/import",
            200,
            content=PRODUCTS_CSV.encode(),
            headers={"Content-Type": "text/csv"},
        )
        assert imported["created"] == 2, imported
        code = owner.call("POST", "/v1/stores/S01/enrollment-codes", 201, json={"till_code": "T01"})

        # --- The till on an empty machine: the pairing dialog, not an exit.
        paths = till_paths(tmp_path / "till")
        startup = start(paths)
        dialog = startup.pairing
        assert startup.gui is None and dialog is not None and dialog.isVisible()
        with qtbot.waitSignal(dialog.paired, timeout=WAIT_MS):
            dialog.server.setText(empty_cloud.url)
            dialog.code.setText(code["code"])
            dialog.pair_button.click()
        gui = startup.gui
        assert gui is not None
        window = gui.window
        dialog.close_button.click()
        login = window.login
        qtbot.waitUntil(
            lambda: {m.name for m in login.staff} == {"Rina", "Pak Harun"}, timeout=WAIT_MS
        )
        assert login.store_label.text() == "Toko Baru Sejahtera"

        # --- Rina logs in with the PIN the owner set in the cloud and opens her shift.
        member = next(m for m in login.staff if m.name == "Rina")
        login.select_staff(member.user_id)
        qtbot.keyClicks(login.pin, "2468")
        qtbot.keyClick(login.pin, Qt.Key.Key_Return)
        screen = window.sale
        qtbot.waitUntil(lambda: isinstance(screen.dialog, OpenShiftDialog), timeout=WAIT_MS)
        opening = screen.dialog
        opening.float_field.setText("100.000")
        opening.submit()
        qtbot.waitUntil(lambda: screen.dialog is None, timeout=WAIT_MS)

        # --- The first sale: prices include PPN (Rp10.000 holds PPN Rp991).
        scan(qtbot, screen, TEH)
        scan(qtbot, screen, GULA)
        assert screen.total_label.text() == "Rp25.000"
        _pay_cash(qtbot, screen, "50000")
        first = screen.last_sale
        assert first is not None and first.total == 25_000
        qtbot.waitUntil(
            lambda: bool(owner.call("GET", "/v1/sales", params={"store": "S01"})["items"]),
            timeout=WAIT_MS,
        )
        sales = owner.call("GET", "/v1/sales", params={"store": "S01"})["items"]
        assert [(s["receipt_no"], s["total"]) for s in sales] == [(first.receipt_no, 25_000)]

        # --- An open cart while the owner sets the NPWP and tax-exclusive prices.
        scan(qtbot, screen, TEH)
        assert screen.total_label.text() == "Rp10.000"
        before = _profile_version(paths)
        owner.call("PATCH", "/v1/stores/S01", json={"npwp": NPWP, "prices_include_tax": False})
        qtbot.waitUntil(lambda: _profile_version(paths) > before, timeout=WAIT_MS)
        # The open cart keeps the rules it started with.
        scan(qtbot, screen, TEH)
        assert screen.total_label.text() == "Rp20.000"
        _pay_cash(qtbot, screen, "20000")
        kept = screen.last_sale
        assert kept is not None and kept.total == 20_000
        # The next sale uses the new ones: PPN Rp1.100 on top of Rp10.000.
        scan(qtbot, screen, TEH)
        assert screen.total_label.text() == "Rp11.100"
        _pay_cash(qtbot, screen, "11100")
        changed = screen.last_sale
        assert changed is not None and changed.total == 11_100
        lines = _receipt_lines(paths, changed.receipt_no)
        assert any("01.234.567.8-901.000" in line or "012345678901000" in line for line in lines), (
            lines
        )
        assert not any("NPWP" in line for line in _receipt_lines(paths, first.receipt_no))
        qtbot.waitUntil(
            lambda: len(owner.call("GET", "/v1/sales", params={"store": "S01"})["items"]) == 3,
            timeout=WAIT_MS,
        )
        in_cloud = {
            s["receipt_no"]: s
            for s in owner.call("GET", "/v1/sales", params={"store": "S01"})["items"]
        }
        assert in_cloud[changed.receipt_no]["total"] == 11_100
        assert in_cloud[kept.receipt_no]["total"] == 20_000
        # The cart that kept its rules was paid after the change: the owner sees it was charged
        # under the superseded profile; the sale after it was not.
        assert in_cloud[kept.receipt_no]["flags"] == ["stale_profile"]
        assert in_cloud[changed.receipt_no]["flags"] == []
        assert in_cloud[first.receipt_no]["flags"] == []

        # --- The owner deactivates Rina: she is logged out and cannot log in again.
        owner.call("POST", f"/v1/staff/{rina['id']}/deactivate")
        qtbot.waitUntil(lambda: window.stack.currentWidget() is login, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: all(m.name != "Rina" for m in login.staff), timeout=WAIT_MS)
        staff = window.context.staff
        assert staff.verify_pin(member.user_id, "2468", datetime.now(UTC)).user is None
        assert cart_rows(screen) == []
    finally:
        owner.close()


def _profile_version(paths: AppPaths) -> int:
    import sqlite3

    conn = sqlite3.connect(paths.database)
    try:
        return int(conn.execute("SELECT profile_version FROM store_settings").fetchone()[0])
    finally:
        conn.close()
