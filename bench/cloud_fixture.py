"""The cloud under benchmark: a fresh database, a seeded organization, a real ``pos-server``
process, paired tills, and the machine's CPU and load read beside the numbers.

Shared by the ingest and catalog benchmark (``bench.server``) and any later cloud benchmark, so
each measures its own requests rather than rebuilding the fixture.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import httpx
from sqlalchemy import func, insert, make_url, select

from server_stub import catalog, tenancy
from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.core.security.server_secret import load_keys
from server_stub.models import ProductBarcode, ProductRow, SaleRow, StockMovement

ENV_PG = "POS_BENCH_PG_URL"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
STARTUP_TIMEOUT_S = 60.0
LINES = 10
"""Lines per benchmark sale: ``check_ledger`` expects one stock movement per line."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def load_average() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def machine_busy_s() -> float:
    """Busy (non-idle, non-iowait) CPU seconds of all cores since boot (Linux /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def tree_cpu_s(pid: int) -> float:
    """User + system CPU seconds of a process and its live descendants (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            stat = Path(f"/proc/{current}/stat").read_text()
            fields = stat.rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
            for task in Path(f"/proc/{current}/task").iterdir():
                children = (task / "children").read_text().split()
                stack.extend(int(c) for c in children)
        except (OSError, IndexError, ValueError):
            continue
    return total


def pg_admin_url() -> str:
    return os.environ.get(ENV_PG) or os.environ.get("POS_TEST_PG_URL") or DEFAULT_PG


@contextmanager
def fresh_postgres() -> Iterator[str]:
    import psycopg

    admin = make_url(pg_admin_url())
    name = f"pos_bench_{uuid.uuid4().hex[:10]}"
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield admin.set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def postgres_unreachable() -> str | None:
    """Why PostgreSQL cannot be used, or None when it answers."""
    import psycopg

    admin = make_url(pg_admin_url())
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL at {admin.render_as_string()} is unreachable: {exc}"
    return None


@contextmanager
def fresh_sqlite(work_dir: Path) -> Iterator[str]:
    work_dir.mkdir(parents=True, exist_ok=True)
    path = work_dir / f"server-bench-{uuid.uuid4().hex[:8]}.db"
    try:
        yield f"sqlite:///{path}"
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)


@dataclass(frozen=True)
class Seeded:
    org_id: str
    codes: list[str]
    product_ids: list[str]


def seed(url: str, products: int, tills: int) -> Seeded:
    """Organization, a PPN store, ``tills`` enrollment codes and a catalog of ``products``.

    The catalog goes in as bulk inserts stamped with numbers from ``catalog.reserve_seq`` in the
    same transaction, exactly what ``catalog.upsert_products`` does, minus its per-row checks.
    """
    db = Database(url, pool_size=1)
    migrate.upgrade(db.engine)
    now = datetime.now(UTC)
    with db.write() as session:
        org, _ = tenancy.create_owner(
            session,
            org_name="Bench",
            email=f"bench-{uuid.uuid4().hex[:8]}@bench.local",
            password="bench password 1",
            now=now,
        )
        store = tenancy.create_store(
            session, org.org_id, code="S01", name="Bench", ppn_enabled=True, now=now
        )
        pepper = load_keys(session).enrollment_pepper
        codes = [
            tenancy.issue_enrollment_code(
                session, store, pepper=pepper, now=now, ttl_minutes=120, till_code=f"T{n:03d}"
            ).code
            for n in range(1, tills + 1)
        ]
        session.commit()
    product_ids = [f"P{n:06d}" for n in range(products)]
    chunk = 10_000
    for start in range(0, products, chunk):
        ids = product_ids[start : start + chunk]
        with db.write() as session:
            first = catalog.reserve_seq(session, org.org_id, len(ids))
            rows = [
                {
                    "org_id": org.org_id,
                    "product_id": pid,
                    "sku": f"SKU-{pid}",
                    "name": f"Barang {pid[1:]}",
                    "category": "Bench",
                    "price": 1000 + (n * 37) % 90_000,
                    "tax_code": "PPN" if n % 3 == 0 else "EXEMPT",
                    "sold_by_weight": False,
                    "unit": "pcs",
                    "in_store_code": None,
                    "active": True,
                    "seq": first + i,
                    "created_at": now,
                    "updated_at": now,
                }
                for i, (n, pid) in enumerate(enumerate(ids, start=start))
            ]
            session.execute(insert(ProductRow), rows)
            session.execute(
                insert(ProductBarcode),
                [
                    {"org_id": org.org_id, "barcode": f"899{n:010d}", "product_id": pid}
                    for n, pid in enumerate(ids, start=start)
                ],
            )
            session.commit()
    if db.dialect == "postgresql":
        # A long-running database has planner statistics (autovacuum gathers them within a
        # minute of a bulk load); without them PostgreSQL plans the product look-ups blind.
        with db.engine.connect() as conn:
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
    db.dispose()
    return Seeded(org.org_id, codes, product_ids)


class Server:
    def __init__(self, url: str, log_path: Path, workers: int = 2) -> None:
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        argv = [
            sys.executable,
            "-m",
            "server_stub",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--database-url",
            url,
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-migrate",
        ]
        self.log_path = log_path
        with log_path.open("wb") as sink:
            self.proc = subprocess.Popen(
                argv, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
            )

    def wait_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        with httpx.Client(timeout=2) as client:
            while time.monotonic() < deadline:
                if self.proc.poll() is not None:
                    raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
                try:
                    if client.get(f"{self.base}/readyz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.2)  # waiting for the port to open; there is no event to wait on
        raise RuntimeError(f"server not ready: {self.log_path.read_text()[-2000:]}")

    def cpu_s(self) -> float:
        return tree_cpu_s(self.proc.pid)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)


def pair_tills(base: str, codes: list[str]) -> list[dict[str, str]]:
    headers = []
    with httpx.Client(base_url=base, timeout=30) as client:
        for code in codes:
            r = client.post("/v1/devices/enroll", json={"code": code})
            r.raise_for_status()
            body = r.json()
            headers.append(
                {
                    "Authorization": f"Bearer {body['device_id']}.{body['device_secret']}",
                    "Content-Type": "application/json",
                    "x-till": body["till_code"],
                }
            )
    return headers


def check_ledger(url: str, accepted: int) -> None:
    """Every accepted sale stored once, with one stock movement per line."""
    db = Database(url, pool_size=1)
    with db.read() as session:
        sales = session.execute(select(func.count()).select_from(SaleRow)).scalar_one()
        moves = session.execute(select(func.count()).select_from(StockMovement)).scalar_one()
    db.dispose()
    if sales != accepted or moves != accepted * LINES:
        raise RuntimeError(f"stored {sales} sales / {moves} movements for {accepted} accepted")


def count_sales(url: str) -> int:
    db = Database(url, pool_size=1)
    with db.read() as session:
        count = int(session.execute(select(func.count()).select_from(SaleRow)).scalar_one())
    db.dispose()
    return count
