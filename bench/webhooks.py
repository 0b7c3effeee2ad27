"""Webhook delivery benchmark (issue 13): sales ingested by tills at a paced rate reach a local
receiver, and what webhooks cost the ingest.

A real ``pos-server serve --workers 2`` runs against a fresh PostgreSQL database with one
endpoint that wants ``sale.created``, pointed at a receiver on 127.0.0.1 (loopback allowed, the
development exception). The receiver runs in a process of its own, so the load generator's
event loop cannot delay the time it stamps on each arrival; it is a small asyncio HTTP/1.1
server that keeps connections open (as most receivers do) and answers 200 at once.

Two measurements, in one run:

* Delivery: tills send 50-sale batches through the sync API, together ``rate`` sales a second
  (each sale makes one ``sale.created``). A webhook's delay is its arrival at the receiver
  minus the event's creation (the body's ``timestamp``, written in the ingest transaction); the
  rate delivered is the phase's events over the time from the phase's start to the last of
  them arriving. Every event must arrive; a webhook-id that arrives twice is counted.
* Ingest with webhooks on and off, side by side: rounds of closed-loop ingest (every till sends
  its next batch when the last is answered) alternate between the endpoint enabled and
  disabled, so drift in the machine's load falls on both sides alike; medians are compared.
  After an "on" round the backlog drains before the next round starts.

The machine is shared (2 cores, other work running), so its load average is printed beside
every phase, and the numbers are for a person to judge, never a pass or fail.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from unittest import mock

import httpx
from sqlalchemy import func, select

from bench.cloud_fixture import (
    Server,
    fresh_postgres,
    load_average,
    pair_tills,
    postgres_unreachable,
    seed,
)
from bench.server import BATCH, BatchMaker, sale_templates
from bench.stats import Sample
from bench.webhook_receiver import Arrival, Receiver
from server_stub.core.db import Database
from server_stub.models import WebhookEvent
from server_stub.webhooks import endpoints
from server_stub.webhooks.endpoints import EndpointIn

log = logging.getLogger("bench.webhooks")

RATE = 1000.0
"""sale.created events a second offered (one per sale)."""
TILLS = 20
PRODUCTS = 20_000
PACED_S = 45.0
ROUNDS = 3
ROUND_S = 12.0
SETTLE_S = 6.0
"""After switching the endpoint: longer than a worker caches which types are wanted (5 s)."""
DRAIN_TIMEOUT_S = 600.0
TARGET_DELAY = "p99 < 2 s"
TARGET_RATIO = ">= 0.90"
TITLE = "## Webhooks"


# -- what the arrivals say -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Delivery:
    """The webhooks of one phase as the receiver saw them."""

    events: int
    """Events the phase made (sales accepted)."""
    arrived: int
    """Distinct webhook-ids that arrived."""
    duplicates: int
    """Arrivals of a webhook-id beyond its first."""
    delays_s: list[float]
    """Per webhook-id, its first arrival minus the event's creation."""
    span_s: float
    """From the phase's start to the last of its webhooks arriving."""
    after_ingest: int = 0
    """Webhooks that arrived after the tills stopped sending (the backlog drained)."""
    after_ingest_s: float = 0.0
    """From the tills stopping to the last webhook arriving."""

    @property
    def rate(self) -> float:
        return self.arrived / self.span_s if self.span_s > 0 else 0.0

    @property
    def drain_rate(self) -> float:
        """Deliveries a second once ingest had stopped: the worker without tills to share the
        machine with."""
        return self.after_ingest / self.after_ingest_s if self.after_ingest_s > 0 else 0.0


def delivery_of(
    arrivals: list[Arrival], since: float, events: int, until: float | None = None
) -> Delivery:
    """The webhooks of events created at or after ``since`` (seconds since the epoch);
    ``until``: when the tills stopped sending."""
    first: dict[str, float] = {}
    seen: Counter[str] = Counter()
    delays: list[float] = []
    last = since
    for webhook_id, at, stamp in arrivals:
        if not stamp:
            continue
        created = datetime.fromisoformat(stamp).timestamp()
        if created < since:
            continue
        seen[webhook_id] += 1
        if webhook_id in first:
            continue
        first[webhook_id] = at
        delays.append(at - created)
        last = max(last, at)
    duplicates = sum(n - 1 for n in seen.values())
    stop = last if until is None else until
    after = sum(1 for at in first.values() if at > stop)
    return Delivery(events, len(first), duplicates, delays, last - since, after, last - stop)


# -- ingest --------------------------------------------------------------------------------


@dataclass
class Ingest:
    """What one ingest phase got: sales accepted, batches failed, the time it took."""

    sales: int = 0
    errors: int = 0
    wall_s: float = 0.0
    load: str = ""
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.sales / self.wall_s if self.wall_s else 0.0


async def _till(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    maker: BatchMaker,
    got: Ingest,
    stop_at: float,
    every_s: float | None,
    first_s: float,
) -> None:
    """One till: a batch every ``every_s`` seconds from ``first_s`` (paced), or the next one
    as soon as the last is answered (``every_s`` None, closed loop)."""
    began = time.monotonic()
    sent = 0
    while True:
        due = time.monotonic() if every_s is None else began + first_s + sent * every_s
        if due >= stop_at:
            return
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        body = maker.next_body()
        sent += 1
        try:
            r = await client.post("/v1/sync/sales", content=body, headers=headers)
            r.raise_for_status()
        except httpx.HTTPError as exc:
            log.warning("batch failed: %r", exc)
            got.errors += 1
            continue
        got.sales += sum(1 for x in r.json()["results"] if x["status"] == "accepted")
        got.latencies_ms.append((time.monotonic() - due) * 1000.0)


async def _ingest(
    base: str, tills: list[tuple[dict[str, str], BatchMaker]], seconds: float, rate: float | None
) -> Ingest:
    got = Ingest()
    every = None if rate is None else len(tills) * BATCH / rate
    limits = httpx.Limits(max_keepalive_connections=len(tills), keepalive_expiry=2.0)
    async with httpx.AsyncClient(base_url=base, timeout=300, limits=limits) as client:
        t0 = time.monotonic()
        await asyncio.gather(
            *(
                _till(client, h, m, got, t0 + seconds, every, (every or 0.0) * i / len(tills))
                for i, (h, m) in enumerate(tills)
            )
        )
        got.wall_s = time.monotonic() - t0
    got.load = load_average()
    return got


# -- the run -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    rate: float = RATE
    seconds: float = PACED_S
    tills: int = TILLS
    products: int = PRODUCTS
    rounds: int = ROUNDS
    round_s: float = ROUND_S
    dedicated: bool = False
    """Delivery by ``pos-server deliver`` beside the API, whose workers then deliver nothing."""


@dataclass
class Result:
    options: Options
    load_start: str = ""
    paced: Ingest = field(default_factory=Ingest)
    delivery: Delivery = field(default_factory=lambda: Delivery(0, 0, 0, [0.0], 0.0))
    receiver_cpu_s: float = 0.0
    on: list[Ingest] = field(default_factory=list)
    off: list[Ingest] = field(default_factory=list)
    load_end: str = ""


class Cloud:
    """The server, its endpoint and its tills during one run."""

    def __init__(self, url: str, work: Path, opts: Options, receiver: Receiver) -> None:
        self.url = url
        self.db = Database(url, pool_size=1)
        seeded = seed(url, opts.products, opts.tills)
        now = datetime.now(UTC)
        with self.db.write() as session:
            row, _secret = endpoints.create_endpoint(
                session,
                seeded.org_id,
                EndpointIn(url=receiver.url, event_types=["sale.created"]),
                now,
                allow_loopback=True,
            )
            session.commit()
        self.org_id, self.endpoint_id = seeded.org_id, row.endpoint_id
        env = {"POS_SERVER_WEBHOOK_LOOPBACK": "1"}
        if opts.dedicated:
            env["POS_SERVER_WEBHOOK_SECONDS"] = "0"
        with mock.patch.dict(os.environ, env):
            self.server = Server(url, work / "server-webhooks.log")
            self.deliverer = _deliverer(url, work / "deliver.log") if opts.dedicated else None
        self.server.wait_ready()
        rng = random.Random(13)
        self.tills = []
        for h in pair_tills(self.server.base, seeded.codes):
            code = h.pop("x-till")
            self.tills.append(
                (h, BatchMaker(sale_templates(seeded.product_ids, code, 20, rng), code))
            )

    def ingest(self, seconds: float, rate: float | None) -> Ingest:
        return asyncio.run(_ingest(self.server.base, self.tills, seconds, rate))

    def events(self) -> int:
        with self.db.read() as session:
            return int(session.execute(select(func.count()).select_from(WebhookEvent)).scalar_one())

    def switch(self, enabled: bool) -> None:
        """Turn the endpoint on or off and wait until every worker has noticed."""
        with self.db.write() as session:
            row = endpoints.get_endpoint(session, self.org_id, self.endpoint_id)
            endpoints.set_enabled(session, row, enabled, datetime.now(UTC))
            session.commit()
        time.sleep(SETTLE_S)  # the workers' cache of wanted types lasts 5 s; nothing to wait on

    def close(self) -> None:
        if self.deliverer is not None:
            self.deliverer.terminate()
            self.deliverer.wait(timeout=90)
        self.server.stop()
        self.db.dispose()


def _deliverer(url: str, log_path: Path) -> subprocess.Popen[bytes]:
    """``pos-server deliver`` on the run's database (its environment is the caller's)."""
    argv = [sys.executable, "-m", "server_stub", "deliver", "--no-migrate", "--database-url", url]
    with log_path.open("wb") as sink:
        return subprocess.Popen(argv, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True)


def _drain(cloud: Cloud, receiver: Receiver) -> None:
    """Wait until every event made so far has arrived (or the time-out says it never will)."""
    deadline = time.monotonic() + DRAIN_TIMEOUT_S
    wanted = cloud.events()
    while receiver.count() < wanted:
        if time.monotonic() > deadline:
            raise RuntimeError(f"{receiver.count()} of {wanted} webhooks arrived")
        time.sleep(0.2)  # polling the receiver's count: there is no event to wait on


def _side_by_side(cloud: Cloud, receiver: Receiver, opts: Options, result: Result) -> None:
    """Closed-loop ingest rounds, webhooks off and on in turn (the order swapped each round
    so neither side always runs first)."""
    for n in range(opts.rounds):
        for enabled in (False, True) if n % 2 == 0 else (True, False):
            cloud.switch(enabled)
            got = cloud.ingest(opts.round_s, None)
            (result.on if enabled else result.off).append(got)
            log.warning(
                "round %d webhooks %s: %.0f sales/s, %d errors; load %s",
                n + 1,
                "on" if enabled else "off",
                got.rate,
                got.errors,
                got.load,
            )
            if enabled:
                _drain(cloud, receiver)


def run(work: Path, opts: Options | None = None) -> Result:
    opts = opts or Options()
    reason = postgres_unreachable()
    if reason:
        raise RuntimeError(reason)
    work.mkdir(parents=True, exist_ok=True)
    result = Result(opts, load_start=load_average())
    receiver = Receiver()
    try:
        with fresh_postgres() as url:
            cloud = Cloud(url, work, opts, receiver)
            try:
                cloud.ingest(3.0, opts.rate)  # warm up connections, pools and caches
                _drain(cloud, receiver)
                since, cpu0 = time.time(), receiver.cpu_s()
                before = cloud.events()
                result.paced = cloud.ingest(opts.seconds, opts.rate)
                stopped = time.time()
                made = cloud.events() - before
                _drain(cloud, receiver)
                result.receiver_cpu_s = receiver.cpu_s() - cpu0
                arrivals = receiver.arrivals()
                result.delivery = delivery_of(arrivals, since, made, stopped)
                _save(work / "arrivals.tsv", arrivals)
                _log_delivery(result)
                _side_by_side(cloud, receiver, opts, result)
            finally:
                cloud.close()
    finally:
        receiver.stop()
    result.load_end = load_average()
    return result


def _save(path: Path, arrivals: list[Arrival]) -> None:
    """Every arrival (webhook-id, arrival, creation) for a closer look at a run."""
    with path.open("w", encoding="utf-8") as out:
        for webhook_id, at, stamp in arrivals:
            out.write(f"{webhook_id}\t{at:.6f}\t{stamp}\n")


def _log_delivery(result: Result) -> None:
    d = result.delivery
    s = Sample("", "s", d.delays_s or [0.0])
    log.warning(
        "paced: %.0f sales/s ingested (%d batch errors); %d of %d webhooks arrived, %.0f/s, "
        "%d duplicates; delay median %.2f s p99 %.2f s worst %.2f s; receiver cpu %.1f s; "
        "load %s",
        result.paced.rate,
        result.paced.errors,
        d.arrived,
        d.events,
        d.rate,
        d.duplicates,
        s.median,
        s.p99,
        s.worst,
        result.receiver_cpu_s,
        result.paced.load,
    )


# -- the report ----------------------------------------------------------------------------


def samples(result: Result) -> list[Sample]:
    opts, d = result.options, result.delivery
    rate = f"{opts.rate:,.0f}/s offered"
    return [
        Sample(
            f"webhooks, {rate}: delay, creation to arrival", "s", d.delays_s or [0.0], TARGET_DELAY
        ),
        Sample(f"webhooks, {rate}: delivered rate", "events/s", [d.rate], f">= {opts.rate:,.0f}"),
        Sample(
            f"ingest, {rate}: batch latency (webhooks on)",
            "ms",
            result.paced.latencies_ms or [0.0],
            "",
        ),
        Sample(
            "ingest closed loop, webhooks off", "sales/s", [r.rate for r in result.off] or [0.0]
        ),
        Sample("ingest closed loop, webhooks on", "sales/s", [r.rate for r in result.on] or [0.0]),
    ]


def ratio(result: Result) -> float:
    """Median ingest rate with webhooks on over the median with them off."""
    if not result.on or not result.off:
        return 0.0
    return statistics.median(r.rate for r in result.on) / statistics.median(
        r.rate for r in result.off
    )


def section(result: Result) -> list[str]:
    """The benchmark's part of docs/benchmarks.md."""
    opts, d = result.options, result.delivery
    rows = ["| benchmark | runs | median | p99 | worst | target |", "|---|---|---|---|---|---|"]
    for s in samples(result):
        rows.append(
            f"| {s.name} | {len(s.values)} | {s.median:.2f} {s.unit} | {s.p99:.2f} {s.unit} "
            f"| {s.worst:.2f} {s.unit} | {s.target} |"
        )
    rounds = ", ".join(
        f"{off.rate:.0f} / {on.rate:.0f}" for off, on in zip(result.off, result.on, strict=False)
    )
    return [
        f"{TITLE} (issue 13: {opts.tills} tills, sale.created to a receiver on 127.0.0.1, "
        "PostgreSQL, `pos-server --workers 2`"
        + (" with delivery in `pos-server deliver`)" if opts.dedicated else ")"),
        "",
        f"Written by `python -m bench.webhooks` (also `make bench`). Load average at start "
        f"{result.load_start}, after the paced phase {result.paced.load}, at end "
        f"{result.load_end} (1/5/15 min; a shared 2-core machine).",
        "",
        f"Paced phase: {opts.seconds:.0f} s at {opts.rate:,.0f} sales/s offered; "
        f"{result.paced.rate:,.0f} sales/s ingested; {d.arrived:,} of {d.events:,} events "
        f"arrived, {d.duplicates} twice; the receiver used {result.receiver_cpu_s:.1f} s of CPU. "
        f"After the tills stopped, the {d.after_ingest:,} webhooks still queued arrived at "
        f"{d.drain_rate:,.0f} a second (the workers without ingest beside them).",
        "",
        *rows,
        "",
        f"Ingest with webhooks on over off (medians of {len(result.on)} alternating "
        f"{opts.round_s:.0f}-second closed-loop rounds, each off / on in sales/s: {rounds}): "
        f"**{ratio(result):.2f}** (target {TARGET_RATIO}). With webhooks on, the same two "
        "cores also run the delivery worker, the receiver and PostgreSQL's share of both.",
        "",
    ]


def splice(document: str, lines: list[str]) -> str:
    """``document`` with its webhooks section replaced by ``lines`` (added at the end when it
    has none), every other section left as it was."""
    old = document.splitlines()
    start = next((i for i, line in enumerate(old) if line.startswith(TITLE)), None)
    if start is None:
        body = old + ([""] if old and old[-1] else [])
        return "\n".join(body + lines) + "\n"
    end = next((i for i in range(start + 1, len(old)) if old[i].startswith("## ")), len(old))
    return "\n".join(old[:start] + lines + old[end:]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench.webhooks", description=__doc__)
    parser.add_argument("--work", type=Path, default=Path("var/bench/webhooks"))
    parser.add_argument("--out", type=Path, default=Path("docs/benchmarks.md"))
    parser.add_argument("--rate", type=float, default=RATE)
    parser.add_argument("--seconds", type=float, default=PACED_S)
    parser.add_argument("--tills", type=int, default=TILLS)
    parser.add_argument("--rounds", type=int, default=ROUNDS)
    parser.add_argument("--round-seconds", type=float, default=ROUND_S)
    parser.add_argument(
        "--dedicated", action="store_true", help="deliver from `pos-server deliver`, not the API"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(message)s")
    opts = Options(
        args.rate,
        args.seconds,
        args.tills,
        PRODUCTS,
        args.rounds,
        args.round_seconds,
        args.dedicated,
    )
    lines = section(run(args.work.resolve(), opts))
    old = args.out.read_text(encoding="utf-8") if args.out.exists() else "# Benchmarks\n"
    args.out.write_text(splice(old, lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
