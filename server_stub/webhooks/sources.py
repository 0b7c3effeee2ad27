"""The events each change writes, called by the modules that make the change, in their
transaction: ingest (sale.created, stock.changed), refunds (refund.created, stock.changed),
shift reports (shift.closed), the catalog (product.updated), stock movements (stock.changed)
and the journal (journal.alert).

Every function first asks which types the organization wants (``events.wanted``, a dictionary
look-up almost always) and builds nothing when no endpoint wants them, so a shop without
webhooks pays nothing. Documents the till sent go into ``data`` as the stored text, unparsed;
a sale's only when its sale.created is sent (``complete``), from the sales row.

Resources, whose events one endpoint receives in order: ``sale:<sale id>`` (a sale, then its
refunds), ``stock:<store id>:<product id>``, ``product:<product id>``,
``shift:<store id>:<till code>`` and ``journal:<journal id>``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from server_stub.models import SaleRow, Store
from server_stub.schemas import ProductDetail
from server_stub.webhooks import lists
from server_stub.webhooks.events import NewEvent, data_json, emit, wanted, with_document

if TYPE_CHECKING:
    from server_stub.refunds import Prepared as PreparedRefund
    from server_stub.sale_checks import Prepared as PreparedSale
    from server_stub.submitter import Submitter

SALE = "sale.created"
SALE_RESOURCE = "sale:"
REFUND = "refund.created"
SHIFT = "shift.closed"
PRODUCT = "product.updated"
STOCK = "stock.changed"
JOURNAL = "journal.alert"


def sale_documents(session: Session, org_id: str, sale_ids: Iterable[str]) -> dict[str, str]:
    """The stored documents of ``sale_ids``, for the sale.created bodies being sent.

    A sale.created event is written without the sale's document: the sale row holds it and
    never changes, so the body is completed when it is sent (``complete``), the same on every
    attempt, and ingest does not write every sale's 3 KB a second time into the outbox (that
    copy cost ingest 10 % of its throughput on PostgreSQL; without it, 2 %)."""
    ids = sorted(set(sale_ids))
    on_postgres = lists.postgres(session)
    found: dict[str, str] = {}
    for some in lists.chunks(ids, on_postgres):
        rows = session.execute(
            select(SaleRow.sale_id, SaleRow.payload).where(
                SaleRow.org_id == org_id, lists.among(SaleRow.sale_id, some, on_postgres)
            )
        )
        found.update({sale_id: payload for sale_id, payload in rows})
    return found


def complete(event_type: str, resource: str, stored: str, documents: dict[str, str]) -> str:
    """The body to send: a sale.created body gets its sale's document as ``data.sale``."""
    if event_type != SALE or not resource.startswith(SALE_RESOURCE):
        return stored
    document = documents.get(resource.removeprefix(SALE_RESOURCE))
    if document is None:  # pragma: no cover - a sale row is never deleted
        return stored
    return f'{stored[:-2]},"sale":{document}}}}}'


def _stock_events(
    store: Store, reason: str, ref: str, changes: Iterable[tuple[str, int]]
) -> list[NewEvent]:
    """One stock.changed per product of one document (lines of a product added together)."""
    by_product: dict[str, int] = defaultdict(int)
    for product_id, qty_milli in changes:
        by_product[product_id] += qty_milli
    return [
        NewEvent(
            STOCK,
            f"stock:{store.store_id}:{product_id}",
            data_json(
                {
                    "store_code": store.code,
                    "product_id": product_id,
                    "change_milli": change,
                    "reason": reason,
                    "ref": ref,
                }
            ),
        )
        for product_id, change in sorted(by_product.items())
        if change
    ]


def sales_stored(
    session: Session, submitter: Submitter, stored: Sequence[PreparedSale], now: datetime
) -> None:
    """sale.created for each sale stored now (never a duplicate), and stock.changed."""
    if not stored:
        return
    types = wanted(session, submitter.org_id)
    if SALE not in types and STOCK not in types:
        return
    store = submitter.store
    events: list[NewEvent] = []
    for p in stored:
        if SALE in types:
            head = {
                "sale_id": p.sale_id,
                "store_code": store.code,
                "till_code": p.sale.till_code,
                "receipt_no": p.sale.receipt_no,
                "sold_at": p.sold_at.isoformat(),
                "total": p.sale.total,
                "currency": p.sale.currency,
                "flags": p.flags,
            }
            # The sale's own document is added when the event is sent (``sale_documents``).
            events.append(NewEvent(SALE, f"{SALE_RESOURCE}{p.sale_id}", data_json(head)))
        if STOCK in types:
            changes = (
                (ln.product_id, -int(q * 1000))
                for ln, q in zip(p.sale.lines, p.quantities, strict=True)
            )
            events.extend(_stock_events(store, "sale", p.sale_id, changes))
    emit(session, submitter.org_id, events, now)


def refunds_stored(
    session: Session, submitter: Submitter, stored: Sequence[PreparedRefund], now: datetime
) -> None:
    """refund.created for each refund stored now, and stock.changed for the counted ones."""
    if not stored:
        return
    types = wanted(session, submitter.org_id)
    if REFUND not in types and STOCK not in types:
        return
    store = submitter.store
    events: list[NewEvent] = []
    for p in stored:
        r = p.record
        if REFUND in types:
            head = {
                "refund_id": p.refund_id,
                "refund_no": r.refund_no,
                "store_code": store.code,
                "till_code": r.till_code,
                "original_sale_id": r.original_sale_id,
                "refunded_at": r.refunded_at.isoformat(),
                "total": r.total,
                "counted": p.counted,
                "flags": p.flags,
            }
            resource = f"sale:{r.original_sale_id}"
            events.append(NewEvent(REFUND, resource, with_document(head, "refund", p.payload)))
        if STOCK in types and p.counted:
            changes = ((ln.product_id[:64], int(ln.quantity * 1000)) for ln in r.lines)
            events.extend(_stock_events(store, "refund", p.refund_id, changes))
    emit(session, submitter.org_id, events, now)


def shift_closed(
    session: Session, submitter: Submitter, head: dict[str, Any], payload: str, now: datetime
) -> None:
    """shift.closed for a Z report stored now; ``head`` its stored columns, ``payload`` the
    report as the till sent it."""
    if SHIFT not in wanted(session, submitter.org_id):
        return
    store = submitter.store
    head = {"store_code": store.code, "till_code": submitter.till_code, **head}
    data = with_document(head, "report", payload)
    resource = f"shift:{store.store_id}:{submitter.till_code}"
    emit(session, submitter.org_id, [NewEvent(SHIFT, resource, data)], now)


def products_changed(
    session: Session, org_id: str, products: Sequence[tuple[ProductDetail, bool]], now: datetime
) -> None:
    """product.updated for each (product as its owner sees it, whether it is new)."""
    if not products or PRODUCT not in wanted(session, org_id):
        return
    events = [
        NewEvent(
            PRODUCT,
            f"product:{product.id}",
            data_json(
                {"change": "created" if new else "updated", **product.model_dump(mode="json")}
            ),
        )
        for product, new in products
    ]
    emit(session, org_id, events, now)


def stock_moved(
    session: Session,
    store: Store,
    product_id: str,
    qty_milli: int,
    reason: str,
    ref: str,
    now: datetime,
) -> None:
    """stock.changed for a movement an owner or an integration recorded."""
    if STOCK not in wanted(session, store.org_id):
        return
    emit(session, store.org_id, _stock_events(store, reason, ref, [(product_id, qty_milli)]), now)


def journal_alert(
    session: Session, submitter: Submitter, alert: dict[str, Any], now: datetime
) -> None:
    """journal.alert for an alert raised now (``alert``: its stored columns)."""
    if JOURNAL not in wanted(session, submitter.org_id):
        return
    data = data_json(
        {"store_code": submitter.store.code, "till_code": submitter.till_code, **alert}
    )
    resource = f"journal:{alert['journal_id']}"
    emit(session, submitter.org_id, [NewEvent(JOURNAL, resource, data)], now)
