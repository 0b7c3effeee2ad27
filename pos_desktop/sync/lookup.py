"""The till asking the cloud for a sale to refund: ``GET /v1/sync/sales/lookup``.

Used by the refund service (on the database worker thread) to find sales made on other tills of
the store and the refunds the cloud already counted for them. It goes through ``CloudClient``'s
request plumbing, so timeouts and error kinds are the sync engine's; any failure to get an answer
becomes ``CloudUnavailable`` and the service falls back to this till's own records.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.refund import RefundRecord
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.services.refunds import CloudLookup, CloudSale, CloudUnavailable
from pos_desktop.sync.client import CloudClient, CloudError, Refused, ServerTrouble

log = logging.getLogger(__name__)

LOOKUP_PATH = "/v1/sync/sales/lookup"


def parse_lookup(data: Any) -> CloudSale:
    """The lookup answer ``{"sale": {...}, "refunds": [{...}]}`` as domain records."""
    try:
        sale = SaleRecord.from_json(data["sale"])
        refunds = tuple(RefundRecord.from_json(doc) for doc in data.get("refunds") or ())
    except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
        raise ServerTrouble(f"sale lookup answer unreadable: {exc}") from exc
    return CloudSale(sale=sale, refunds=refunds)


def lookup_sale(client: CloudClient, receipt_no: str) -> CloudSale | None:
    """The sale with ``receipt_no`` in the till's store; ``None`` when the cloud has none.

    Raises ``UserError("refund.other_store")`` when the receipt belongs to another store of the
    organization, and the client's ``CloudError`` kinds when there is no usable answer.
    """
    try:
        data = client.get_json(LOOKUP_PATH, {"receipt_no": receipt_no})
    except Refused as exc:
        if exc.status == 404:
            return None
        if exc.code == "refund.other_store":
            raise UserError("refund.other_store", receipt_no=receipt_no) from None
        raise
    return parse_lookup(data)


def cloud_lookup(client_factory: Callable[[], CloudClient | None]) -> CloudLookup:
    """A ``CloudLookup`` for ``RefundService``: asks through the client ``client_factory``
    returns at call time (``None`` when the till is not paired), and reports every failure to
    get an answer as ``CloudUnavailable``."""

    def lookup(receipt_no: str) -> CloudSale | None:
        client = client_factory()
        if client is None:
            raise CloudUnavailable("the till is not paired")
        try:
            return lookup_sale(client, receipt_no)
        except CloudError as exc:
            raise CloudUnavailable(str(exc)) from exc

    return lookup
