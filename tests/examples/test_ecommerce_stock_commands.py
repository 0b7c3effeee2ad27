"""The commands README.md gives, run as an integrator runs them: from a copy of the folder
alone, as ``python -m ecommerce_stock.<module>`` processes against a real cloud."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from examples.ecommerce_stock.shop import ShopCatalog
from tests.examples.conftest import STORE, Shop, wait_for

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce_stock"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The folder as an integrator copies it, somewhere else."""
    home = tmp_path / "integration"
    shutil.copytree(EXAMPLE, home / "ecommerce_stock", ignore=shutil.ignore_patterns("__pycache__"))
    return home


def _env(shop: Shop) -> dict[str, str]:
    return {
        **os.environ,
        "POS_URL": shop.cloud.url,
        "POS_KEY": shop.api_key,
        "WEBHOOK_SECRETS": shop.secret,
        "PYTHONPATH": "",
    }


def _run(copy: Path, shop: Shop, *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *argv],
        cwd=copy,
        env=_env(shop),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def served(copy: Path, shop: Shop) -> Iterator[subprocess.Popen[str]]:
    """``python -m ecommerce_stock.receiver`` on the endpoint's port, instead of the test's."""
    shop.receiver.stop()
    argv = ["--store", STORE, "--listen", f"127.0.0.1:{shop.port}", "--catalog", "shop.db"]
    proc = subprocess.Popen(
        [sys.executable, "-m", "ecommerce_stock.receiver", *argv],
        cwd=copy,
        env=_env(shop),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    yield proc
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)


def test_shop_and_sync_once_commands(copy: Path, shop: Shop) -> None:
    shop.move("12")
    added = _run(copy, shop, "ecommerce_stock.shop", "add", "IND-001", "TKP-1001", "Indomie")
    assert added.returncode == 0, added.stderr
    synced = _run(copy, shop, "ecommerce_stock.receiver", "--store", STORE, "--sync-once")
    assert synced.returncode == 0, synced.stderr
    assert "1 listings set" in synced.stderr
    listed = _run(copy, shop, "ecommerce_stock.shop", "list")
    assert "TKP-1001" in listed.stdout and " 12 " in listed.stdout, listed.stdout


def test_the_receiver_command_applies_a_webhook(
    copy: Path, shop: Shop, served: subprocess.Popen[str]
) -> None:
    catalog = ShopCatalog(copy / "shop.db")
    catalog.add("IND-001", "TKP-1001", "Indomie Goreng")
    shop.move("6")

    def listed() -> bool:
        assert served.poll() is None, served.stdout.read() if served.stdout else ""
        found = catalog.get("IND-001")
        return found is not None and found.stock == 6

    wait_for(listed, "the receiver process set the listing")
    served.send_signal(signal.SIGINT)  # Ctrl+C: it stops cleanly
    assert served.wait(timeout=60) == 0


def test_push_orders_command(copy: Path, shop: Shop, tmp_path: Path) -> None:
    orders = tmp_path / "orders.json"
    orders.write_text('[{"order_id": "W-7", "lines": [{"sku": "IND-001", "quantity": 1}]}]')
    for _ in range(2):
        pushed = _run(copy, shop, "ecommerce_stock.push_orders", "--store", STORE, str(orders))
        assert pushed.returncode == 0, pushed.stderr
    assert "already pushed" in pushed.stderr
    assert shop.level() == -1000
    unreadable = _run(copy, shop, "ecommerce_stock.push_orders", "--store", STORE, "nope.json")
    assert unreadable.returncode == 2 and "cannot read nope.json" in unreadable.stderr
