"""Back-office benchmark on years of sales (issue 12, "Fast on years of sales").

The history (stores x days x sales a day) is not sent through HTTP ingest: sales rows and the
rollup rows are COPYed straight into a fresh PostgreSQL database. The rollups are computed in
this process while the sales are generated, by ``server_stub.rollups.Deltas.add_sale`` itself
(the code ingest runs), one store-day at a time, so they equal what ingest would have written.
The history has no stock-ledger rows (no back-office page measured here reads them).

Then a real ``pos-server`` is measured with a signed-in owner's session (a web-session row made
by ``server_stub.web.sessions.open_session``): the home page and its htmx fragment, a one-year
report by product, sale searches, the time from a till's ``POST /v1/sync/sales`` to the fragment
counting the sale, and ingest in this process with and without the rollups, rounds alternating
(the "without" rounds replace ``server_stub.ingest._add_to_rollups`` with a no-op; nothing else
changes). Medians, p95s and p99s are reported; nothing asserts on time.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import math
import random
import re
import statistics
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

import server_stub.ingest as ingest_module
from bench.cloud_fixture import (
    Seeded,
    Server,
    fresh_postgres,
    load_average,
    pair_tills,
    postgres_unreachable,
    seed,
)
from bench.server import WIB, BatchMaker, sale_templates
from bench.stats import Sample
from server_stub import tenancy
from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.core.security.server_secret import load_keys
from server_stub.models import Device, ProductRow, Store, User
from server_stub.rollup_fold import fold_all
from server_stub.rollup_recount import rebuild_derived
from server_stub.rollups import SUMS, Deltas, key_columns, zone_named
from server_stub.schemas.sales import SaleIn
from server_stub.submitter import Submitter
from server_stub.tender_mask import tender_mask
from server_stub.web import sessions

log = logging.getLogger("bench.backoffice")

PRODUCTS = 5_000
TEMPLATES_PER_STORE = 200
DAY_CHUNK = 10
OPEN_HOUR, CLOSE_HOUR = 8, 21
SALE_COLUMNS = [
    *("org_id", "sale_id", "store_id", "device_id", "till_code", "receipt_no", "cashier_code"),
    *("sold_at", "business_day", "received_at", "currency", "subtotal", "discount_total"),
    *("tax_total", "rounding", "total", "line_count", "content_hash", "payload", "flags"),
    *("flag_details", "tender_mask"),
]
ROLLUP_HOOK = "_add_to_rollups"
"""The function of ``server_stub.ingest`` that adds a batch to the rollups: the "without" rounds
replace it in this process only (there is no switch to turn the rollups off, by design)."""
_TRANSACTIONS = re.compile(r'data-figure="transactions">([^<]*)<')


@dataclass(frozen=True)
class Scale:
    stores: int = 20
    days: int = 365
    per_day: int = 1000
    repeat: int = 100
    ingest_rounds: int = 20

    @property
    def sales(self) -> int:
        return self.stores * self.days * self.per_day


@dataclass(frozen=True)
class Template:
    sale: SaleIn
    quantities: list[int]
    payload: str
    sold_at_text: str


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1)]


def _templates(product_ids: list[str], rng: random.Random) -> list[Template]:
    out = []
    for text in sale_templates(product_ids, "T001", TEMPLATES_PER_STORE, rng):
        raw = json.loads(text)
        sale = SaleIn.model_validate(raw)
        quantities = [int(float(ln.quantity) * 1000) for ln in sale.lines]
        out.append(Template(sale, quantities, text, raw["sold_at"]))
    return out


def _copy(conn: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    with conn.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as cp:
        for row in rows:
            cp.write_row(row)


def _store_day_rows(
    org_id: str,
    store_id: str,
    store_no: int,
    day: date,
    templates: list[Template],
    per_day: int,
    rng: random.Random,
) -> tuple[list[tuple[Any, ...]], Deltas]:
    """One store's sales of one local day, and what they add to the rollups."""
    zone = zone_named(None)
    deltas = Deltas(org_id)
    start = datetime(day.year, day.month, day.day, OPEN_HOUR, tzinfo=zone)
    span_s = (CLOSE_HOUR - OPEN_HOUR) * 3600
    offsets = sorted(rng.randrange(span_s) for _ in range(per_day))
    rows = []
    for n, offset in enumerate(offsets):
        t = templates[rng.randrange(len(templates))]
        local = start + timedelta(seconds=offset)
        sold_at = local.astimezone(UTC)
        sale_id = str(uuid.uuid4())
        receipt = f"S{store_no:02d}-T001-{day:%y%m%d}{n:05d}"
        payload = (
            t.payload.replace("00000000-0000-4000-8000-000000000000", sale_id, 1)
            .replace("RECEIPT-MARK", receipt, 1)
            .replace(t.sold_at_text, local.isoformat(), 1)
        )
        s = t.sale
        rows.append(
            (
                org_id,
                sale_id,
                store_id,
                "history",
                "T001",
                receipt,
                s.cashier_code,
                sold_at,
                sold_at.date(),
                sold_at,
                s.currency,
                s.subtotal,
                s.line_discounts + s.order_discount,
                s.tax_added + s.tax_included,
                s.rounding,
                s.total,
                len(s.lines),
                hashlib.sha256(payload.encode()).hexdigest(),
                payload,
                "[]",
                "{}",
                tender_mask(tender.kind for tender in s.tenders),
            )
        )
        deltas.add_sale(store_id, zone, s, sold_at, t.quantities, {})
    return rows, deltas


def _rollup_rows(
    org_id: str, deltas: Deltas
) -> Iterator[tuple[str, list[str], list[tuple[Any, ...]]]]:
    for table, rows in deltas.tables():
        columns = ["org_id", *key_columns(table), *SUMS[table.name]]
        yield table.name, columns, [(org_id, *key, *sums) for key, sums in sorted(rows.items())]


def build_history(url: str, org_id: str, product_ids: list[str], scale: Scale) -> dict[str, float]:
    """Stores S02.. beside the seeded S01, then every store's days, COPYed in chunks."""
    import psycopg
    from sqlalchemy import make_url

    db = Database(url, pool_size=1)
    now = datetime.now(UTC)
    with db.write() as session:
        store_ids = [
            s.store_id
            for s in session.execute(select(Store).where(Store.org_id == org_id)).scalars()
        ]
        for n in range(len(store_ids) + 1, scale.stores + 1):
            store = tenancy.create_store(
                session, org_id, code=f"S{n:02d}", name=f"Toko {n}", ppn_enabled=True, now=now
            )
            store_ids.append(store.store_id)
        session.commit()
    db.dispose()
    rng = random.Random(12)
    today = datetime.now(WIB).date()
    days = [today - timedelta(days=d) for d in range(scale.days, 0, -1)]
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    started = time.perf_counter()
    with psycopg.connect(conninfo) as conn:
        for store_no, store_id in enumerate(store_ids[: scale.stores], start=1):
            templates = _templates(product_ids, rng)
            for first in range(0, len(days), DAY_CHUNK):
                for day in days[first : first + DAY_CHUNK]:
                    rows, deltas = _store_day_rows(
                        org_id, store_id, store_no, day, templates, scale.per_day, rng
                    )
                    _copy(conn, "sales", SALE_COLUMNS, rows)
                    for name, columns, rollups in _rollup_rows(org_id, deltas):
                        _copy(conn, name, columns, rollups)
                conn.commit()
            log.warning("history: store %d/%d written", store_no, scale.stores)
        load_s = time.perf_counter() - started
    derived_started = time.perf_counter()
    db = Database(url, pool_size=1)
    with db.write() as session:
        rebuild_derived(session, org_id)  # what every fold keeps: the day rows added up
        session.commit()
    db.dispose()
    derived_s = time.perf_counter() - derived_started
    with psycopg.connect(conninfo, autocommit=True) as conn:
        analyze_started = time.perf_counter()
        conn.execute("ANALYZE")
    return {
        "load_s": load_s,
        "derived_s": derived_s,
        "analyze_s": time.perf_counter() - analyze_started,
    }


def _cookie(url: str, org_id: str) -> str:
    db = Database(url, pool_size=1)
    with db.write() as session:
        user = session.execute(select(User).where(User.org_id == org_id)).scalar_one()
        opened = sessions.open_session(
            session, user, stage=sessions.STAGE_FULL, now=datetime.now(UTC)
        )
        session.commit()
    db.dispose()
    return opened.cookie


def _store_id(url: str, org_id: str, code: str) -> str:
    db = Database(url, pool_size=1)
    with db.read() as session:
        store_id = session.execute(
            select(Store.store_id).where(Store.org_id == org_id, Store.code == code)
        ).scalar_one()
    db.dispose()
    return str(store_id)


def _get_ms(client: httpx.Client, paths: list[str], repeat: int) -> list[float]:
    for path in paths:
        client.get(path).raise_for_status()
    out = []
    for i in range(repeat):
        path = paths[i % len(paths)]
        start = time.perf_counter()
        r = client.get(path)
        out.append((time.perf_counter() - start) * 1000.0)
        r.raise_for_status()
    return out


def _transactions(client: httpx.Client) -> int:
    r = client.get("/app/home/figures")
    r.raise_for_status()
    found = _TRANSACTIONS.search(r.text)
    return int(re.sub(r"\D", "", found.group(1)) or 0) if found else -1


def _visible_ms(
    client: httpx.Client, base: str, headers: dict[str, str], maker: BatchMaker, rounds: int
) -> list[float]:
    """From the POST of one sale to the home fragment counting it (polled every 50 ms)."""
    out = []
    with httpx.Client(base_url=base, timeout=30) as till:
        for _ in range(rounds):
            before = _transactions(client)
            body = json.loads(maker.next_body())
            one = json.dumps({"sales": body["sales"][:1]}).encode()
            start = time.perf_counter()
            till.post("/v1/sync/sales", content=one, headers=headers).raise_for_status()
            deadline = start + 30
            while _transactions(client) <= before and time.perf_counter() < deadline:
                time.sleep(0.05)  # the browser polls too; there is no event to wait on
            out.append((time.perf_counter() - start) * 1000.0)
    return out


@dataclass
class IngestRates:
    with_rates: list[float]
    without_rates: list[float]
    shares: list[float]
    """The rollups' share of each "with" batch (computing and queueing its deltas)."""
    overhead: float
    """Time per sale with the rollups, the fold of what they queued included, over the time
    per sale without, less one, in percent: the issue's "within 10 %"."""
    fold_ms_per_sale: float


def _ingest_rates(
    url: str, org_id: str, headers: dict[str, str], maker: BatchMaker, rounds: int
) -> IngestRates:
    """Sales/s with and without the rollups (alternating rounds, in this process), then one
    fold of everything the "with" rounds queued, as a worker's folder does every 2 s."""
    db = Database(url, pool_size=1)
    device_id = headers["Authorization"].split(" ", 1)[1].split(".", 1)[0]
    real = getattr(ingest_module, ROLLUP_HOOK)
    spent: list[float] = []

    def timed(*args: Any) -> None:
        start = time.perf_counter()
        real(*args)
        spent.append(time.perf_counter() - start)

    def noop(*args: Any) -> None:
        return None

    rates: dict[bool, list[float]] = {True: [], False: []}
    seconds: dict[bool, float] = {True: 0.0, False: 0.0}
    sales_of: dict[bool, int] = {True: 0, False: 0}
    shares: list[float] = []
    try:
        _fold(db)  # start with an empty queue
        for n in range(2 * rounds):
            use_rollups = n % 2 == 0 if (n // 2) % 2 == 0 else n % 2 == 1
            sales = json.loads(maker.next_body())["sales"]
            setattr(ingest_module, ROLLUP_HOOK, timed if use_rollups else noop)
            spent.clear()
            elapsed = _ingest_once(db, org_id, device_id, sales)
            rates[use_rollups].append(len(sales) / elapsed)
            seconds[use_rollups] += elapsed
            sales_of[use_rollups] += len(sales)
            if use_rollups:
                shares.append(100.0 * sum(spent) / elapsed)
        fold_s = _fold(db)
    finally:
        setattr(ingest_module, ROLLUP_HOOK, real)
        db.dispose()
    per_sale_with = (seconds[True] + fold_s) / sales_of[True]
    per_sale_without = seconds[False] / sales_of[False]
    return IngestRates(
        rates[True],
        rates[False],
        shares,
        100.0 * (per_sale_with / per_sale_without - 1),
        1000.0 * fold_s / sales_of[True],
    )


def _fold(db: Database) -> float:
    started = time.perf_counter()
    with db.write() as session:
        fold_all(session)
        session.commit()
    return time.perf_counter() - started


def _ingest_once(db: Database, org_id: str, device_id: str, sales: list[Any]) -> float:
    with db.write() as session:
        device = session.execute(
            select(Device).where(Device.org_id == org_id, Device.device_id == device_id)
        ).scalar_one()
        store = session.execute(
            select(Store).where(Store.org_id == org_id, Store.store_id == device.store_id)
        ).scalar_one()
        submitter = Submitter(org_id, device_id, store, device.till_code)
        start = time.perf_counter()
        acks = ingest_module.ingest(
            session,
            submitter,
            sales,
            received_at=datetime.now(UTC),
            sent_at=None,
            skew_limit_s=300,
        )
        elapsed = time.perf_counter() - start
    if any(a.status != "accepted" for a in acks):
        raise RuntimeError(f"in-process ingest refused sales: {acks[:1]}")
    return elapsed


def _measure(url: str, seeded: Any, scale: Scale, work: Path) -> list[Sample]:
    server = Server(url, work / "backoffice-server.log")
    try:
        server.wait_ready()
        headers = pair_tills(server.base, seeded.codes[:1])[0]
        till = headers["x-till"]
        maker = BatchMaker(sale_templates(seeded.product_ids, till, 50, random.Random(7)), till)
        cookie = _cookie(url, seeded.org_id)
        one_store = _store_id(url, seeded.org_id, "S02")
        today = datetime.now(WIB).date()
        year = f"from={today - timedelta(days=365)}&to={today - timedelta(days=1)}"
        month = f"from={today - timedelta(days=30)}&to={today - timedelta(days=1)}"
        with httpx.Client(
            base_url=server.base, timeout=60, cookies={sessions.COOKIE: cookie}
        ) as client:
            if client.get("/app/", follow_redirects=False).status_code != 200:
                raise RuntimeError("the back-office session was not accepted")
            samples = [
                _sample("home page GET /app/", _get_ms(client, ["/app/"], scale.repeat), 300),
                _sample(
                    "home fragment GET /app/home/figures",
                    _get_ms(client, ["/app/home/figures"], scale.repeat),
                    300,
                ),
                _sample(
                    "1-year report by product (all stores)",
                    _get_ms(client, [f"/app/reports?kind=product&{year}"], scale.repeat),
                    500,
                ),
                _sample(
                    "1-year report by product (one store)",
                    _get_ms(
                        client,
                        [f"/app/reports?kind=product&store={one_store}&{year}"],
                        scale.repeat,
                    ),
                    500,
                ),
                _sample(
                    "1-year report by category (all stores)",
                    _get_ms(client, [f"/app/reports?kind=category&{year}"], scale.repeat),
                    500,
                ),
                _sample(
                    "1-year report by day (all stores)",
                    _get_ms(client, [f"/app/reports?kind=day&{year}"], scale.repeat),
                    500,
                ),
                *(
                    _sample(f"sale search GET {path}", _get_ms(client, [path], scale.repeat), 300)
                    for path in (
                        f"/app/sales?{month}&tender=cash",
                        f"/app/sales?{month}&tender=qris",
                        "/app/sales?q=S01-T001",
                        f"/app/sales?{year}&cashier=C01",
                        "/app/sales",
                    )
                ),
                _sample(
                    "till sale -> home fragment shows it",
                    _visible_ms(client, server.base, headers, maker, 20),
                    5000,
                ),
            ]
    finally:
        server.stop()
    ingest = _ingest_rates(url, seeded.org_id, headers, maker, scale.ingest_rounds)
    samples += [
        Sample("ingest with rollups (50-sale batches, in-process)", "sales/s", ingest.with_rates),
        Sample("ingest without rollups (same, alternating)", "sales/s", ingest.without_rates),
        Sample(
            "rollups' share of an ingest batch (deltas computed and queued)", "%", ingest.shares
        ),
        Sample(
            "time per sale with the rollups and their fold, over without, less 1",
            "%",
            [ingest.overhead],
            "< 10%",
        ),
        Sample("fold of the queued deltas, per sale", "ms", [ingest.fold_ms_per_sale]),
    ]
    return samples


def _sample(name: str, values: list[float], target_ms: int) -> Sample:
    return Sample(name, "ms", values, f"p95 < {target_ms} ms")


def existing(url: str) -> Seeded:
    """The organization of a history an earlier run left (``--existing-url``), with a fresh
    enrollment code for its first store, so a run can measure without loading it again."""
    db = Database(url, pool_size=1)
    migrate.upgrade(db.engine)
    with db.write() as session:
        org_id = session.execute(select(Store.org_id).limit(1)).scalar_one()
        store = session.execute(
            select(Store).where(Store.org_id == org_id, Store.code == "S01")
        ).scalar_one()
        pepper = load_keys(session).enrollment_pepper
        till = f"T{uuid.uuid4().int % 900 + 100:03d}"
        code = tenancy.issue_enrollment_code(
            session, store, pepper=pepper, now=datetime.now(UTC), ttl_minutes=120, till_code=till
        ).code
        products = list(
            session.execute(
                select(ProductRow.product_id).where(ProductRow.org_id == org_id)
            ).scalars()
        )
        session.commit()
    db.dispose()
    return Seeded(org_id, [code], products)


def run(work: Path, scale: Scale) -> tuple[list[Sample], dict[str, float]]:
    reason = postgres_unreachable()
    if reason:
        raise RuntimeError(reason)
    work.mkdir(parents=True, exist_ok=True)
    with fresh_postgres() as url:
        seeded = seed(url, PRODUCTS, 2)
        built = build_history(url, seeded.org_id, seeded.product_ids, scale)
        built["load_average"] = float(load_average().split(" / ")[0])
        return _measure(url, seeded, scale, work), built


def table(samples: list[Sample]) -> list[str]:
    rows = [
        "| benchmark | runs | median | p95 | p99 | target |",
        "|---|---|---|---|---|---|",
    ]
    for s in samples:
        rows.append(
            f"| {s.name} | {len(s.values)} | {statistics.median(s.values):.1f} {s.unit} "
            f"| {percentile(s.values, 0.95):.1f} {s.unit} | {percentile(s.values, 0.99):.1f} "
            f"{s.unit} | {s.target} |"
        )
    return rows


def section(scale: Scale, samples: list[Sample], built: dict[str, float]) -> list[str]:
    return [
        f"## Back office on a generated history ({scale.stores} stores x {scale.days} days x "
        f"{scale.per_day:,} sales a day = {scale.sales:,} sales, PostgreSQL)",
        "",
        f"History COPYed in {built['load_s']:.0f} s (sales and day rollups), derived product "
        f"rows in {built['derived_s']:.0f} s, ANALYZE {built['analyze_s']:.0f} s; load average "
        f"after: {built['load_average']:.2f}.",
        "",
        *table(samples),
        "",
    ]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--stores", type=int, default=Scale.stores)
    parser.add_argument("--days", type=int, default=Scale.days)
    parser.add_argument("--sales-per-day", type=int, default=Scale.per_day)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.backoffice")
    add_arguments(parser)
    parser.add_argument(
        "--existing-url",
        help="measure a history an earlier run left in this database instead of loading one",
    )
    parser.add_argument("--work", type=Path, default=Path("var/bench/backoffice"))
    parser.add_argument("--repeat", type=int, default=Scale.repeat)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    scale = Scale(args.stores, args.days, args.sales_per_day, args.repeat)
    if args.existing_url:
        args.work.mkdir(parents=True, exist_ok=True)
        built = {"load_s": 0.0, "derived_s": 0.0, "analyze_s": 0.0}
        built["load_average"] = float(load_average().split(" / ")[0])
        samples = _measure(args.existing_url, existing(args.existing_url), scale, args.work)
    else:
        samples, built = run(args.work.resolve(), scale)
    sys.stdout.write("\n".join(section(scale, samples, built)) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
