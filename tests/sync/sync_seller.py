"""A headless till that sells and syncs through the app's real code path, to be SIGKILLed.

``open_till`` as the GUI does, ``start_sync`` as the GUI does (the real sync thread, its
back-off, its own sessions), and sales rung up with ``SaleSession`` and ``TillService.commit``.
Prints ``READY`` once open and ``COMMITTED <sale_id>`` after each durable commit.
"""

from __future__ import annotations

import random
import sys

from pos_desktop.app import open_till
from pos_desktop.config import load_config
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.paths import resolve_paths
from pos_desktop.services.checkout import SaleSession
from pos_desktop.sync.runtime import start_sync


def main() -> int:
    rng = random.Random(int(sys.argv[1]))
    paths = resolve_paths()
    config = load_config(paths.config_file)
    till = open_till(paths, config)
    setup = start_sync(till.store.session_factory, paths, config.sync)
    assert setup.service is not None, setup.status
    ctx = till.context
    cashier = ctx.staff.active_staff()[0]
    products = [p for p in ctx.till.search("a", limit=200) if not p.sold_by_weight and p.barcode]
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        session = SaleSession(ctx.profile)
        for _ in range(rng.randint(1, 4)):
            session.add(ctx.till.lookup(f"{rng.randint(1, 3)}*{rng.choice(products).barcode}"))
        session.add_tender(Tender(TenderKind.CASH, session.begin_payment().total_due))
        done = ctx.till.commit(session.prepare_commit(cashier, ctx.clock()))
        sys.stdout.write(f"COMMITTED {done.sale.sale_id}\n")
        sys.stdout.flush()
        setup.service.worker.notify_sale()


if __name__ == "__main__":
    raise SystemExit(main())
