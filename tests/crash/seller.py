"""A headless till that sells as fast as it can through the app's real code path.

Run as a subprocess by ``test_crash.py``, which SIGKILLs it at random moments. It opens the till
exactly like the GUI does (``app.open_till``: lock, migrate, services, receipt sink), rings up
random carts with ``SaleSession`` and commits them with ``TillService.commit``. After each commit
it writes ``COMMITTED <receipt_no> <sale_id>`` to stdout, so the parent knows which sales the till
considered done before it died.
"""

from __future__ import annotations

import random
import sys

from pos_desktop.app import open_till
from pos_desktop.config import load_config
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.paths import resolve_paths
from pos_desktop.services.checkout import SaleSession


def main() -> int:
    seed = int(sys.argv[1])
    rng = random.Random(seed)
    paths = resolve_paths()
    till = open_till(paths, load_config(paths.config_file))
    ctx = till.context
    cashier = ctx.staff.active_staff()[0]
    products = list(ctx.till.search("a", limit=200)) + list(ctx.till.search("i", limit=200))
    countable = [p for p in products if not p.sold_by_weight]
    till.sink.warm_up()
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    while True:
        session = SaleSession(ctx.profile)
        for _ in range(rng.randint(1, 10)):
            product = rng.choice(countable)
            lookup = ctx.till.lookup(f"{rng.randint(1, 3)}*{product.barcode}")
            session.add(lookup)
        due = session.begin_payment().total_due
        if rng.random() < 0.3:
            session.add_tender(
                Tender(TenderKind.CARD, due // 2, approval_code="A1B2C3", card_last4="4242")
            )
        session.add_tender(Tender(TenderKind.CASH, session.begin_payment().remaining + 5000))
        done = ctx.till.commit(session.prepare_commit(cashier, ctx.clock()))
        assert done.receipt_error is None, done.receipt_error
        sys.stdout.write(f"COMMITTED {done.sale.receipt_no} {done.sale.sale_id}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    raise SystemExit(main())
