"""Cloud API benchmark: sales ingest from 100 tills, and a 300,000-product catalog snapshot.

A real ``pos-server serve --workers 2`` runs as a subprocess on a free loopback port, once against
a fresh PostgreSQL database and once against a fresh SQLite file. The load generator shares the
machine's cores with the server and the database, so its own CPU time is reported beside the
numbers (``client cpu``), as is the CPU the server workers used.

Two ingest phases, because one cannot show both targets. With 100 tills each sending its next
batch as soon as the last is answered (closed loop) the server is saturated and, by Little's law,
a batch waits ``100 / (batches per second)``: 2.5 s at 2,000 sales/s. That phase measures the
ceiling in sales per second. The second phase is what the field looks like: every till sends on
its own schedule (open loop) so that together they offer 2,000 sales/s, and a batch's latency is
counted from when it was due, so a server that falls behind cannot hide the queue it builds.

Sales are made by the till's own domain (cart, ``compute_totals``, payment, ``build_sale``,
``SaleRecord.to_json``); each batch reuses those documents under fresh sale ids and receipt
numbers, so the client spends its CPU on HTTP, not on building carts.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import random
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, insert, make_url, select

from bench.stats import Sample
from pos_desktop.domain.cart import Cart, Product
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.sale import build_sale
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD, TaxSettings
from pos_desktop.domain.totals import compute_totals
from server_stub import catalog, tenancy
from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.core.security.server_secret import load_keys
from server_stub.models import ProductBarcode, ProductRow, SaleRow, StockMovement

log = logging.getLogger("bench.server")

ENV_PG = "POS_BENCH_PG_URL"
DEFAULT_PG = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
TILLS = 100
BATCH = 50
LINES = 10
CATALOG_SIZE = 300_000
SATURATION_S = 20.0
PACED_S = 20.0
PACED_RATE = 2000.0
"""Sales per second offered by all tills together in the paced phase (the target)."""
MAX_BATCHES_PER_TILL = 200
SNAPSHOT_RUNS = 3
SNAPSHOT_PAGE = 5000
STARTUP_TIMEOUT_S = 60.0
WIB = timezone(timedelta(hours=7))
_SALE_ID_MARK = "00000000-0000-4000-8000-000000000000"
_RECEIPT_MARK = "RECEIPT-MARK"


@dataclass
class Phase:
    """What one ingest phase saw."""

    latencies_ms: list[float] = field(default_factory=list)
    done_at: list[float] = field(default_factory=list)
    """Monotonic completion time of each batch (for per-second throughput)."""
    sales: int = 0
    not_accepted: int = 0
    errors: int = 0
    wall_s: float = 0.0
    client_cpu_s: float = 0.0
    server_cpu_s: float = 0.0
    machine_cpu_s: float = 0.0
    """Busy CPU seconds of the whole machine: server, client, database and anything else."""
    load: str = ""

    @property
    def rate(self) -> float:
        return self.sales / self.wall_s if self.wall_s else 0.0

    def per_second(self) -> list[float]:
        """Sales completed in each whole second of the phase (the first and last cut off)."""
        if not self.done_at:
            return [0.0]
        start = min(self.done_at)
        buckets: dict[int, int] = {}
        for t in self.done_at:
            buckets[int(t - start)] = buckets.get(int(t - start), 0) + BATCH
        full = [float(buckets.get(s, 0)) for s in range(1, max(buckets))]
        return full or [float(self.rate)]


# -- machine ------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _load() -> str:
    return " / ".join(f"{x:.2f}" for x in os.getloadavg())


def _machine_busy_s() -> float:
    """Busy (non-idle, non-iowait) CPU seconds of all cores since boot (Linux /proc/stat)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _tree_cpu_s(pid: int) -> float:
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


# -- databases ----------------------------------------------------------------------------


def _pg_admin_url() -> str:
    return os.environ.get(ENV_PG) or os.environ.get("POS_TEST_PG_URL") or DEFAULT_PG


@contextmanager
def _fresh_postgres() -> Iterator[str]:
    import psycopg

    admin = make_url(_pg_admin_url())
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

    admin = make_url(_pg_admin_url())
    conninfo = admin.set(drivername="postgresql").render_as_string(hide_password=False)
    try:
        with psycopg.connect(conninfo, autocommit=True, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return f"PostgreSQL at {admin.render_as_string()} is unreachable: {exc}"
    return None


@contextmanager
def _fresh_sqlite(work_dir: Path) -> Iterator[str]:
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


# -- the server ---------------------------------------------------------------------------


class Server:
    def __init__(self, url: str, log_path: Path, workers: int = 2) -> None:
        self.port = _free_port()
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
        return _tree_cpu_s(self.proc.pid)

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


# -- sales --------------------------------------------------------------------------------


def sale_templates(
    product_ids: list[str], till_code: str, count: int, rng: random.Random
) -> list[str]:
    """``count`` ten-line sales by the till's domain, as JSON with marks for id and receipt."""
    out = []
    settings = TaxSettings(ppn_enabled=True, prices_include_tax=True)
    for _ in range(count):
        cart = Cart()
        for pid in rng.sample(product_ids, LINES):
            n = int(pid[1:])
            cart.add(
                Product(
                    product_id=pid,
                    sku=f"SKU-{pid}",
                    name=f"Barang {pid[1:]}",
                    unit_price=1000 + (n * 37) % 90_000,
                    tax_category=PPN_STANDARD if n % 3 == 0 else EXEMPT,
                    barcode=f"899{n:010d}",
                ),
                Decimal(rng.randint(1, 5)),
                merge=False,
            )
        totals = compute_totals(cart.lines, cart.order_discount, settings, 100)
        payment = Payment(totals.total)
        payment.add(Tender(TenderKind.CASH, totals.total + rng.choice((0, 0, 500, 10_000))))
        record = build_sale(
            sale_id=_SALE_ID_MARK,
            receipt_no=_RECEIPT_MARK,
            store_code="S01",
            till_code=till_code,
            sold_at=datetime.now(WIB),
            cashier_code="C01",
            cashier_name="Siti",
            currency="IDR",
            prices_include_tax=True,
            cart=cart,
            totals=totals,
            payment=payment,
        )
        out.append(json.dumps(record.to_json(), separators=(",", ":")))
    return out


class BatchMaker:
    """Fresh sale ids and receipt numbers over the domain-made documents of one till."""

    def __init__(self, templates: list[str], till_code: str) -> None:
        self.templates = templates
        self.till_code = till_code
        self.receipt = 0

    def next_body(self) -> bytes:
        sales = []
        for i in range(BATCH):
            self.receipt += 1
            template = self.templates[(self.receipt + i) % len(self.templates)]
            sales.append(
                template.replace(_SALE_ID_MARK, str(uuid.uuid4()), 1).replace(
                    _RECEIPT_MARK, f"S01-{self.till_code}-{self.receipt:07d}", 1
                )
            )
        return ('{"sales":[' + ",".join(sales) + "]}").encode("utf-8")


async def _send(
    client: httpx.AsyncClient, headers: dict[str, str], body: bytes, phase: Phase, due: float
) -> None:
    try:
        r = await client.post("/v1/sync/sales", content=body, headers=headers)
    except httpx.HTTPError as exc:
        log.warning("batch failed: %r", exc)
        phase.errors += 1
        return
    now = time.monotonic()
    if r.status_code != 200:
        log.warning("batch answered %s: %s", r.status_code, r.text[:300])
        phase.errors += 1
        return
    results = r.json()["results"]
    accepted = sum(1 for a in results if a["status"] == "accepted")
    phase.sales += accepted
    phase.not_accepted += len(results) - accepted
    phase.latencies_ms.append((now - due) * 1000.0)
    phase.done_at.append(now)


async def _till_loop(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    maker: BatchMaker,
    phase: Phase,
    *,
    deadline: float,
    period: float | None,
    offset: float,
) -> None:
    """Closed loop (``period`` None): send, wait for the answer, send again. Paced: one batch
    every ``period`` seconds from ``offset``; latency counts from when the batch was due."""
    start = time.monotonic()
    for k in range(MAX_BATCHES_PER_TILL):
        body = maker.next_body()
        if period is None:
            due = time.monotonic()
        else:
            due = start + offset + k * period
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
        if due >= deadline or time.monotonic() >= deadline:
            return
        await _send(client, headers, body, phase, due)


async def _ingest_phase(
    base: str,
    tills: list[dict[str, str]],
    makers: list[BatchMaker],
    *,
    duration_s: float,
    rate: float | None,
    server: Server,
) -> Phase:
    phase = Phase()
    # Idle connections are dropped before the server's 5 s keep-alive timeout can close one
    # under a request that is being sent (a "ReadError" that is no server fault).
    limits = httpx.Limits(
        max_connections=len(tills) + 10, max_keepalive_connections=len(tills), keepalive_expiry=2.0
    )
    period = None if rate is None else len(tills) * BATCH / rate
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
        cpu0, srv0, all0 = time.process_time(), server.cpu_s(), _machine_busy_s()
        t0 = time.monotonic()
        deadline = t0 + duration_s
        await asyncio.gather(
            *(
                _till_loop(
                    client,
                    headers,
                    maker,
                    phase,
                    deadline=deadline,
                    period=period,
                    offset=0.0 if period is None else period * i / len(tills),
                )
                for i, (headers, maker) in enumerate(zip(tills, makers, strict=True))
            )
        )
        phase.wall_s = time.monotonic() - t0
        phase.client_cpu_s = time.process_time() - cpu0
        phase.server_cpu_s = server.cpu_s() - srv0
        phase.machine_cpu_s = _machine_busy_s() - all0
        phase.load = _load()
    return phase


def _snapshot(base: str, headers: dict[str, str], expected: int) -> float:
    start = time.perf_counter()
    seen = 0
    cursor = ""
    with httpx.Client(base_url=base, timeout=120) as client:
        while True:
            params: dict[str, Any] = {"limit": SNAPSHOT_PAGE}
            if cursor:
                params["cursor"] = cursor
            r = client.get("/v1/sync/catalog", params=params, headers=headers)
            r.raise_for_status()
            page = r.json()
            seen += len(page["products"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
    elapsed = time.perf_counter() - start
    if seen != expected:
        raise RuntimeError(f"snapshot gave {seen} products, expected {expected}")
    return elapsed


def _check_ledger(url: str, accepted: int) -> None:
    """Every accepted sale stored once, with one stock movement per line."""
    db = Database(url, pool_size=1)
    with db.read() as session:
        sales = session.execute(select(func.count()).select_from(SaleRow)).scalar_one()
        moves = session.execute(select(func.count()).select_from(StockMovement)).scalar_one()
    db.dispose()
    if sales != accepted or moves != accepted * LINES:
        raise RuntimeError(f"stored {sales} sales / {moves} movements for {accepted} accepted")


# -- one backend --------------------------------------------------------------------------


@dataclass
class Options:
    tills: int = TILLS
    products: int = CATALOG_SIZE
    saturation_s: float = SATURATION_S
    paced_s: float = PACED_S
    rate: float = PACED_RATE
    snapshot_runs: int = SNAPSHOT_RUNS


def bench_backend(label: str, url: str, work_dir: Path, opts: Options) -> list[Sample]:
    rng = random.Random(11)
    t = time.monotonic()
    seeded = seed(url, opts.products, opts.tills)
    log.warning("%s: seeded %d products in %.1f s", label, opts.products, time.monotonic() - t)
    server = Server(url, work_dir / f"server-{label}.log")
    try:
        server.wait_ready()
        tills = pair_tills(server.base, seeded.codes)
        pool = seeded.product_ids
        makers = [
            BatchMaker(sale_templates(pool, h["x-till"], 20, rng), h["x-till"]) for h in tills
        ]
        for h in tills:
            h.pop("x-till")
        # Warm up: every till's connection, every worker's pools and caches.
        asyncio.run(
            _ingest_phase(server.base, tills, makers, duration_s=3, rate=None, server=server)
        )
        accepted_before = _count_sales(url)
        samples: list[Sample] = []
        phases: list[tuple[str, Phase]] = []
        closed = asyncio.run(
            _ingest_phase(
                server.base, tills, makers, duration_s=opts.saturation_s, rate=None, server=server
            )
        )
        phases.append(("closed loop", closed))
        paced = asyncio.run(
            _ingest_phase(
                server.base, tills, makers, duration_s=opts.paced_s, rate=opts.rate, server=server
            )
        )
        phases.append((f"{opts.rate:,.0f} sales/s offered", paced))
        _check_ledger(url, accepted_before + closed.sales + paced.sales)
        for name, ph in phases:
            log.warning(
                "%s %s: %.0f sales/s over %.1f s, %d sales, %d not accepted, %d errors; "
                "p50 %.0f ms p99 %.0f ms; client cpu %.1f s (%.0f%% of one core), "
                "server workers cpu %.1f s (%.2f ms/sale); database and the rest %.2f ms/sale; "
                "machine busy %.0f%% of %d cores; load %s",
                label,
                name,
                ph.rate,
                ph.wall_s,
                ph.sales,
                ph.not_accepted,
                ph.errors,
                Sample("", "", ph.latencies_ms or [0.0]).median,
                Sample("", "", ph.latencies_ms or [0.0]).p99,
                ph.client_cpu_s,
                100 * ph.client_cpu_s / ph.wall_s,
                ph.server_cpu_s,
                1000 * ph.server_cpu_s / max(1, ph.sales),
                1000 * (ph.machine_cpu_s - ph.server_cpu_s - ph.client_cpu_s) / max(1, ph.sales),
                100 * ph.machine_cpu_s / ph.wall_s / (os.cpu_count() or 1),
                os.cpu_count() or 1,
                ph.load,
            )
        target = "p99 < 500 ms" if label == "postgresql" else ""
        samples += [
            Sample(
                f"ingest {label}, {opts.tills} tills closed loop: sales/s (per second)",
                "sales/s",
                closed.per_second(),
                ">= 2,000" if label == "postgresql" else "",
            ),
            Sample(
                f"ingest {label}, closed loop: batch latency",
                "ms",
                closed.latencies_ms or [0.0],
                "",
            ),
            Sample(
                f"ingest {label}, {opts.rate:,.0f} sales/s offered: batch latency",
                "ms",
                paced.latencies_ms or [0.0],
                target,
            ),
            Sample(
                f"ingest {label}, {opts.rate:,.0f} sales/s offered: sales/s served",
                "sales/s",
                [paced.rate],
                "",
            ),
        ]
        runs = [_snapshot(server.base, tills[0], opts.products) for _ in range(opts.snapshot_runs)]
        log.warning("%s snapshot runs: %s s; load %s", label, [f"{r:.2f}" for r in runs], _load())
        samples.append(
            Sample(
                f"catalog snapshot {label}, {opts.products:,} products",
                "s",
                runs,
                "< 10 s",
            )
        )
        return samples
    finally:
        server.stop()


def _count_sales(url: str) -> int:
    db = Database(url, pool_size=1)
    with db.read() as session:
        count = int(session.execute(select(func.count()).select_from(SaleRow)).scalar_one())
    db.dispose()
    return count


def run(
    work_dir: Path, opts: Options | None = None, backends: tuple[str, ...] = ()
) -> list[Sample]:
    """Both backends (PostgreSQL skipped with the reason when it does not answer)."""
    opts = opts or Options()
    wanted = backends or ("postgresql", "sqlite")
    work_dir.mkdir(parents=True, exist_ok=True)
    samples: list[Sample] = []
    if "postgresql" in wanted:
        reason = postgres_unreachable()
        if reason is not None:
            print(f"skipping the PostgreSQL server benchmark: {reason}", file=sys.stderr)
        else:
            with _fresh_postgres() as url:
                samples += bench_backend("postgresql", url, work_dir, opts)
    if "sqlite" in wanted:
        with _fresh_sqlite(work_dir) as url:
            samples += bench_backend("sqlite", url, work_dir, opts)
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.server", description=__doc__)
    parser.add_argument("--work", type=Path, default=Path("var/bench"))
    parser.add_argument("--backend", choices=("postgresql", "sqlite"), action="append")
    parser.add_argument("--products", type=int, default=CATALOG_SIZE)
    parser.add_argument("--tills", type=int, default=TILLS)
    parser.add_argument("--seconds", type=float, default=SATURATION_S, help="per ingest phase")
    parser.add_argument("--rate", type=float, default=PACED_RATE, help="offered sales/s")
    parser.add_argument("--snapshots", type=int, default=SNAPSHOT_RUNS)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    opts = Options(
        tills=args.tills,
        products=args.products,
        saturation_s=args.seconds,
        paced_s=args.seconds,
        rate=args.rate,
        snapshot_runs=args.snapshots,
    )
    print(f"load average at start: {_load()}")
    samples = run(args.work.resolve(), opts, tuple(args.backend or ()))
    print("| benchmark | runs | median | p99 | worst | target |")
    print("|---|---|---|---|---|---|")
    for s in samples:
        print(
            f"| {s.name} | {len(s.values)} | {s.median:.1f} {s.unit} | {s.p99:.1f} {s.unit} "
            f"| {s.worst:.1f} {s.unit} | {s.target} |"
        )
    print(f"load average at end: {_load()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
