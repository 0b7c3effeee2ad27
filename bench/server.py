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
import sys
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx

from bench.cloud_fixture import (
    LINES,
    Server,
    check_ledger,
    count_sales,
    fresh_postgres,
    fresh_sqlite,
    load_average,
    machine_busy_s,
    pair_tills,
    postgres_unreachable,
    seed,
)
from bench.stats import Sample
from pos_desktop.domain.cart import Cart, Product
from pos_desktop.domain.payments import Payment, Tender, TenderKind
from pos_desktop.domain.sale import build_sale
from pos_desktop.domain.tax import EXEMPT, PPN_STANDARD, TaxSettings
from pos_desktop.domain.totals import compute_totals

log = logging.getLogger("bench.server")

TILLS = 100
BATCH = 50
CATALOG_SIZE = 300_000
SATURATION_S = 20.0
PACED_S = 20.0
PACED_RATE = 2000.0
"""Sales per second offered by all tills together in the paced phase (the target)."""
MAX_BATCHES_PER_TILL = 200
SNAPSHOT_RUNS = 3
SNAPSHOT_PAGE = 5000
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
        cpu0, srv0, all0 = time.process_time(), server.cpu_s(), machine_busy_s()
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
        phase.machine_cpu_s = machine_busy_s() - all0
        phase.load = load_average()
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


# -- one backend --------------------------------------------------------------------------


@dataclass
class Options:
    tills: int = TILLS
    products: int = CATALOG_SIZE
    saturation_s: float = SATURATION_S
    paced_s: float = PACED_S
    rate: float = PACED_RATE
    snapshot_runs: int = SNAPSHOT_RUNS


def _log_phase(label: str, name: str, ph: Phase) -> None:
    """One phase's figures, with where the CPU went (server, client, database and the rest)."""
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


def _ingest_samples(label: str, opts: Options, closed: Phase, paced: Phase) -> list[Sample]:
    target = "p99 < 500 ms" if label == "postgresql" else ""
    return [
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
        accepted_before = count_sales(url)
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
        check_ledger(url, accepted_before + closed.sales + paced.sales)
        for name, ph in phases:
            _log_phase(label, name, ph)
        samples = _ingest_samples(label, opts, closed, paced)
        runs = [_snapshot(server.base, tills[0], opts.products) for _ in range(opts.snapshot_runs)]
        log.warning(
            "%s snapshot runs: %s s; load %s", label, [f"{r:.2f}" for r in runs], load_average()
        )
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
            with fresh_postgres() as url:
                samples += bench_backend("postgresql", url, work_dir, opts)
    if "sqlite" in wanted:
        with fresh_sqlite(work_dir) as url:
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
    print(f"load average at start: {load_average()}")
    samples = run(args.work.resolve(), opts, tuple(args.backend or ()))
    print("| benchmark | runs | median | p99 | worst | target |")
    print("|---|---|---|---|---|---|")
    for s in samples:
        print(
            f"| {s.name} | {len(s.values)} | {s.median:.1f} {s.unit} | {s.p99:.1f} {s.unit} "
            f"| {s.worst:.1f} {s.unit} | {s.target} |"
        )
    print(f"load average at end: {load_average()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
