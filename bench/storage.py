"""Storage-side timings on a 300k catalog: barcode lookup, name search, durable sale commit."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable

from bench.stats import Sample, timed_ms
from pos_desktop.app import open_till
from pos_desktop.config import TillConfig
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.paths import AppPaths
from pos_desktop.services.checkout import SaleSession


def run(paths: AppPaths, repeat: int = 1000) -> list[Sample]:
    rng = random.Random(7)
    conn = sqlite3.connect(paths.database)
    barcodes = [
        r[0]
        for r in conn.execute("SELECT barcode FROM product_barcodes ORDER BY random() LIMIT 2000")
    ]
    names = [r[0] for r in conn.execute("SELECT name FROM products ORDER BY random() LIMIT 2000")]
    conn.close()
    words = [w for n in names for w in n.split() if len(w) >= 3]
    till = open_till(paths, TillConfig())
    try:
        ctx = till.context
        service = ctx.till
        lookup = timed_ms(lambda: service.lookup(rng.choice(barcodes)), repeat)

        def query() -> str:
            word: str = rng.choice(words)
            return word[: rng.randint(3, len(word))]

        search = timed_ms(lambda: service.search(query(), 50), repeat)
        short = timed_ms(lambda: service.search(rng.choice(words)[:2], 50), repeat // 4)
        cashier = ctx.staff.active_staff()[0]
        looked_up = [service.lookup(b) for b in barcodes[:200]]

        def one_sale_factory() -> Callable[[str], SaleRecord]:
            session = SaleSession(ctx.profile)
            for item in rng.sample(looked_up, 10):
                session.add(item)
            session.add_tender(Tender(TenderKind.CASH, session.begin_payment().total_due))
            return session.prepare_commit(cashier, ctx.clock())

        journal = till.store.sales
        factories = [one_sale_factory() for _ in range(repeat + 5)]
        it = iter(factories)
        commit = timed_ms(lambda: journal.commit_sale(next(it)), repeat)
    finally:
        till.close()
    return [
        Sample("barcode lookup (parse + query)", "ms", lookup),
        Sample("name search, 3+ characters, 50 results", "ms", search, "p99 < 50 ms"),
        Sample("name search, 2 characters (prefix)", "ms", short, "p99 < 50 ms"),
        Sample("durable 10-line sale commit (synchronous=FULL)", "ms", commit, "p99 < 10 ms"),
    ]
