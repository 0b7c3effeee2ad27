"""How prepared sales become rows: the ``sales`` row and its stock-ledger rows, written
in one statement on PostgreSQL and in one executemany per table on SQLite."""

from __future__ import annotations

import json
import os
import time
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from server_stub.models import (
    SaleRow,
    StockMovement,
)
from server_stub.sale_checks import Prepared
from server_stub.submitter import Submitter
from server_stub.tender_mask import tender_mask


def _sale_row(p: Prepared, submitter: Submitter, received_at: datetime) -> dict[str, Any]:
    r = p.sale
    return {
        "org_id": submitter.org_id,
        "sale_id": p.sale_id,
        "store_id": submitter.store.store_id,
        "device_id": submitter.device_id,
        "till_code": r.till_code,
        "receipt_no": r.receipt_no,
        "cashier_code": r.cashier_code,
        "sold_at": p.sold_at,
        "business_day": p.sold_at.date(),
        "received_at": received_at,
        "currency": r.currency,
        "subtotal": r.subtotal,
        "discount_total": r.line_discounts + r.order_discount,
        "tax_total": r.tax_added + r.tax_included,
        "rounding": r.rounding,
        "total": r.total,
        "line_count": len(r.lines),
        "tender_mask": tender_mask(t.kind for t in r.tenders),
        "content_hash": p.content_hash,
        "payload": p.payload,
        "flags": p.flags,
        "flag_details": p.details,
    }


def _movement_ids(count: int) -> list[str]:
    """``count`` ids of 32 hex digits: the time in milliseconds (12 digits), then 80 random bits.

    A batch of 50 ten-line sales needs 500; ``uuid4`` per row cost more than the rest of the
    ledger write, so the random part comes from one read. The time goes first so that new rows
    land at the end of the ledger's primary key: wholly random ids put each of the 500 on its
    own index page, and the database dirtied (and logged) a page per row.
    """
    prefix = f"{time.time_ns() // 1_000_000:012x}"
    raw = os.urandom(10 * count).hex()
    return [prefix + raw[i : i + 20] for i in range(0, 20 * count, 20)]


def _movements(p: Prepared, submitter: Submitter, received_at: datetime) -> list[dict[str, Any]]:
    ids = _movement_ids(len(p.sale.lines))
    return [
        {
            "org_id": submitter.org_id,
            "movement_id": movement_id,
            "store_id": submitter.store.store_id,
            "product_id": ln.product_id,
            "qty_milli": -int(quantity * 1000),
            "reason": "sale",
            "ref": f"{p.sale_id}:{ln.line_no}",
            "created_at": received_at,
        }
        for movement_id, ln, quantity in zip(ids, p.sale.lines, p.quantities, strict=True)
    ]


_SALES = cast(Table, SaleRow.__table__)
_MOVEMENTS = cast(Table, StockMovement.__table__)


_SALE_RECORD = (
    "sale_id varchar, till_code varchar, receipt_no varchar, cashier_code varchar, "
    "sold_at timestamptz, business_day date, currency varchar, subtotal bigint, "
    "discount_total bigint, tax_total bigint, rounding bigint, total bigint, line_count integer, "
    "tender_mask integer, content_hash varchar, flags json, flag_details json, moves json, "
    "payload json"
)
_SALE_FIELDS = tuple(part.split()[0] for part in _SALE_RECORD.split(", "))[:-2]
"""The ``sales`` columns a row document carries besides ``payload`` (``moves`` is the ledger)."""
_PG_INSERT_SALES = text(  # built once from the constants above, never from input
    f"WITH r AS (SELECT * FROM json_to_recordset(CAST(:rows AS json)) AS r({_SALE_RECORD})), "  # noqa: S608
    "ins AS ("
    "INSERT INTO sales (org_id, store_id, device_id, received_at, "
    f"{', '.join(_SALE_FIELDS)}, payload) "
    "SELECT :org_id, :store_id, :device_id, CAST(:received_at AS timestamptz), "
    f"{', '.join('r.' + name for name in _SALE_FIELDS)}, CAST(r.payload AS text) FROM r "
    "ON CONFLICT (org_id, sale_id) DO NOTHING RETURNING sale_id), "
    "ledger AS ("
    "INSERT INTO stock_movements "
    "(org_id, movement_id, store_id, product_id, qty_milli, reason, ref, created_at) "
    "SELECT :org_id, m.i, :store_id, m.p, m.q, "
    "'sale', ins.sale_id || ':' || m.n, CAST(:received_at AS timestamptz) "
    "FROM ins JOIN r ON r.sale_id = ins.sale_id "
    "CROSS JOIN LATERAL json_to_recordset(r.moves) "
    "AS m(i varchar, p varchar, q bigint, n integer)) "
    "SELECT sale_id FROM ins"
)
"""PostgreSQL: the whole batch, sales and their ledger rows, as one statement over one JSON
parameter.

One fixed SQL text whatever the batch size, so neither SQLAlchemy nor psycopg builds and parses a
statement with a thousand placeholders per request, and the server plans it once. The rows travel
as one JSON document because ``json.dumps`` escapes the small fields in C, where psycopg's text
arrays escape them with a Python callback per quote. Each sale's canonical document goes into it
as a JSON value, not as an escaped string: a ``json`` value keeps its exact text, so the stored
payload is byte for byte the canonical text and neither side escapes it a second time. Only the
sales the insert returns get ledger rows (``moves``: movement id, product, quantity in
thousandths, line number). Rows go in in the document's order, the sorted order the caller
chose, so two batches sharing sales take their row locks in the same order.
"""


def _pg_rows(batch: list[Prepared]) -> str:
    """The JSON document of ``_PG_INSERT_SALES``, one object per sale in ``batch`` order."""
    parts = []
    for p in batch:
        r = p.sale
        head = json.dumps(
            {
                "sale_id": p.sale_id,
                "till_code": r.till_code,
                "receipt_no": r.receipt_no,
                "cashier_code": r.cashier_code,
                "sold_at": p.sold_at.isoformat(),
                "business_day": p.sold_at.date().isoformat(),
                "currency": r.currency,
                "subtotal": r.subtotal,
                "discount_total": r.line_discounts + r.order_discount,
                "tax_total": r.tax_added + r.tax_included,
                "rounding": r.rounding,
                "total": r.total,
                "line_count": len(r.lines),
                "tender_mask": tender_mask(t.kind for t in r.tenders),
                "content_hash": p.content_hash,
                "flags": p.flags,
                "flag_details": p.details,
                "moves": [
                    {
                        "i": movement_id,
                        "p": ln.product_id,
                        "q": -int(quantity * 1000),
                        "n": ln.line_no,
                    }
                    for movement_id, ln, quantity in zip(
                        _movement_ids(len(r.lines)), r.lines, p.quantities, strict=True
                    )
                ],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        # The canonical document goes in as it is: a JSON value inside the row object.
        parts.append(f'{head[:-1]},"payload":{p.payload}}}')
    return "[" + ",".join(parts) + "]"


def insert_pg(
    session: Session, batch: list[Prepared], submitter: Submitter, received_at: datetime
) -> set[str]:
    """PostgreSQL: ``batch`` and the ledger rows of the sales inserted, in one statement."""
    params = {
        "org_id": submitter.org_id,
        "store_id": submitter.store.store_id,
        "device_id": submitter.device_id,
        "received_at": received_at,
        "rows": _pg_rows(batch),
    }
    return set(session.execute(_PG_INSERT_SALES, params).scalars())


def insert_sqlite(
    session: Session, batch: list[Prepared], submitter: Submitter, received_at: datetime
) -> set[str]:
    """SQLite: one executemany, which SQLAlchemy sends as multi-row statements in the rows'
    order; then the ledger rows of the sales inserted."""
    stmt = (
        sqlite_insert(_SALES)
        .on_conflict_do_nothing(index_elements=["org_id", "sale_id"])
        .returning(_SALES.c.sale_id)
    )
    rows = [_sale_row(p, submitter, received_at) for p in batch]
    inserted = set(session.execute(stmt, rows).scalars())
    movements = [
        m for p in batch if p.sale_id in inserted for m in _movements(p, submitter, received_at)
    ]
    if movements:
        session.execute(insert(_MOVEMENTS), movements)
    return inserted
