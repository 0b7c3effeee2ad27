"""Online orders -> stock movements in the POS cloud, so the shop's shelves and its online
listings draw on one stock.

Each SKU of an order becomes one movement of the store's stock, ``-quantity`` with reason
``online_sale`` and ``ref`` ``<channel>:<order id>``, so the ledger and the accountant's stock
journal tell it from a count and can find the order. Each is
sent with ``Idempotency-Key: <channel>:<order id>:<sku>``: pushing the same order again, because
the answer was lost or the whole file is run again, is answered from the cloud's memory of the
first push (``Idempotent-Replayed: true``) and moves nothing. The cloud remembers a key for 24
hours: do not push an order file again days later.

Orders come as JSON, from a file or from standard input (``-``)::

    {"orders": [{"order_id": "INV/20261208/MPL/1041", "channel": "tokopedia",
                 "lines": [{"sku": "IND-001", "quantity": 2}]}]}

``POS_URL=... POS_KEY=... python -m ecommerce_stock.push_orders --store S01 orders.json``
exits 0 when every line is in the cloud (pushed now or before), 1 when the cloud refused some
(each one logged with what to do), 2 when the orders cannot be read.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Final

import httpx

from .pos import ApiProblem, PosApi

log = logging.getLogger(__name__)

REASON: Final = "online_sale"
KEY_LENGTH: Final = 255
REF_LENGTH: Final = 64
MILLI: Final = Decimal("0.001")


class OrderError(ValueError):
    """The orders document is not what this program reads; the message says where."""


@dataclass(frozen=True, slots=True)
class Order:
    order_id: str
    channel: str
    lines: tuple[tuple[str, Decimal], ...]
    """(SKU, quantity), one per SKU (lines of the same SKU are added up)."""

    def key(self, sku: str) -> str:
        """The Idempotency-Key of this order's movement of ``sku``."""
        return f"{self.channel}:{self.order_id}:{sku}"

    @property
    def ref(self) -> str:
        return f"{self.channel}:{self.order_id}"[:REF_LENGTH]


@dataclass(frozen=True, slots=True)
class LineResult:
    order_id: str
    sku: str
    status: str
    """``pushed``, ``already pushed`` (a replay: nothing moved) or ``failed``."""
    detail: str = ""


def _text(value: Any, where: str) -> str:
    """Printable ASCII (the Idempotency-Key allows nothing else), not empty."""
    if not isinstance(value, str) or not value.strip():
        raise OrderError(f"{where}: expected a non-empty text")
    if not (value.isascii() and value.isprintable()) or value != value.strip():
        raise OrderError(f"{where}: {value!r} must be printable ASCII without outer spaces")
    return value


def _quantity(value: Any, where: str) -> Decimal:
    try:
        quantity = Decimal(str(value))
    except InvalidOperation:
        raise OrderError(f"{where}: {value!r} is not a number") from None
    if not quantity.is_finite() or quantity <= 0 or quantity != quantity.quantize(MILLI):
        raise OrderError(f"{where}: {value!r} must be positive, with 3 decimals at most")
    return quantity


def parse_order(raw: Any, where: str) -> Order:
    if not isinstance(raw, dict) or not isinstance(raw.get("lines"), list) or not raw["lines"]:
        raise OrderError(f"{where}: expected an object with order_id and a non-empty lines list")
    order_id = _text(raw.get("order_id"), f"{where}.order_id")
    channel = _text(raw.get("channel", "online"), f"{where}.channel")
    quantities: dict[str, Decimal] = {}
    for n, line in enumerate(raw["lines"]):
        at = f"{where}.lines[{n}]"
        if not isinstance(line, dict):
            raise OrderError(f"{at}: expected an object with sku and quantity")
        sku = _text(line.get("sku"), f"{at}.sku")
        quantities[sku] = quantities.get(sku, Decimal(0)) + _quantity(line.get("quantity"), at)
    order = Order(order_id, channel, tuple(quantities.items()))
    longest = max(len(order.key(sku)) for sku in quantities)
    if longest > KEY_LENGTH:
        raise OrderError(f"{where}: channel, order id and SKU together exceed {KEY_LENGTH}")
    return order


def parse_orders(document: Any) -> list[Order]:
    """``{"orders": [...]}`` or the list alone."""
    raw = document.get("orders") if isinstance(document, dict) else document
    if not isinstance(raw, list):
        raise OrderError('expected {"orders": [...]} or a list of orders')
    return [parse_order(item, f"orders[{n}]") for n, item in enumerate(raw)]


def push_order(pos: PosApi, store_code: str, order: Order, ids: dict[str, str]) -> list[LineResult]:
    """Push one order's lines; ``ids``: SKU -> product id, filled as SKUs are looked up."""
    results = []
    for sku, quantity in order.lines:
        try:
            if sku not in ids:
                found = pos.product_id(sku)
                if found is None:
                    detail = f"SKU {sku} is not in the POS catalog: add it, then push again"
                    results.append(LineResult(order.order_id, sku, "failed", detail))
                    continue
                ids[sku] = found
            moved = pos.move_stock(
                store_code=store_code,
                product_id=ids[sku],
                quantity=format(-quantity, "f"),
                reason=REASON,
                ref=order.ref,
                idempotency_key=order.key(sku),
            )
        except ApiProblem as exc:
            results.append(LineResult(order.order_id, sku, "failed", str(exc)))
            continue
        status = "already pushed" if moved.replayed else "pushed"
        results.append(LineResult(order.order_id, sku, status, moved.movement_id))
    return results


def push_all(pos: PosApi, store_code: str, orders: Iterable[Order]) -> list[LineResult]:
    """Every order, in order; a refused line does not stop the others (run the file again
    once it is fixed: what was pushed is replayed, not moved twice)."""
    ids: dict[str, str] = {}
    results: list[LineResult] = []
    for order in orders:
        for result in push_order(pos, store_code, order, ids):
            level = logging.ERROR if result.status == "failed" else logging.INFO
            log.log(
                level, "%s %s: %s %s", result.order_id, result.sku, result.status, result.detail
            )
            results.append(result)
    return results


def _read(source: str) -> Any:
    try:
        text = sys.stdin.read() if source == "-" else Path(source).read_text(encoding="utf-8")
        return json.loads(text)
    except OSError as exc:
        raise OrderError(f"cannot read {source}: {exc.strerror}") from None
    except ValueError as exc:
        raise OrderError(f"{source} is not JSON: {exc}") from None


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Push online orders to the POS cloud's stock.")
    parser.add_argument("--store", required=True, help="the POS store the online shop sells from")
    parser.add_argument("orders", help="a JSON file of orders, or - for standard input")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    try:
        orders = parse_orders(_read(args.orders))
        pos = PosApi(os.environ["POS_URL"], os.environ["POS_KEY"])
    except OrderError as exc:
        log.error("%s", exc)
        return 2
    except KeyError as exc:
        log.error("set the environment variable %s (see README.md)", exc.args[0])
        return 2
    try:
        results = push_all(pos, args.store, orders)
    except httpx.HTTPError as exc:
        log.error("the cloud could not be reached: %s; run again later", exc)
        return 1
    finally:
        pos.close()
    failed = sum(r.status == "failed" for r in results)
    log.info("%d lines in the cloud, %d refused", len(results) - failed, failed)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
