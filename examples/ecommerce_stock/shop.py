"""The online shop's listings: a stand-in for Tokopedia's or Shopee's product API.

A real integration replaces this class with calls to the marketplace (update a listing's stock
by its listing id); everything else in this folder stays. Here a listing is a row in a local
SQLite file: the shop's SKU (the same SKU as in the POS catalog), the marketplace's listing id,
a title and the stock the buyers see.

``python -m ecommerce_stock.shop --catalog shop.db add IND-001 TKP-1001 "Indomie Goreng"``
adds a listing; ``... list`` shows them.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .store import connect

log = logging.getLogger(__name__)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS listings (
    sku TEXT PRIMARY KEY,
    listing_id TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL DEFAULT '',
    stock INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT
)
"""


@dataclass(frozen=True, slots=True)
class Listing:
    sku: str
    listing_id: str
    title: str
    stock: int
    updated_at: str | None


class ShopCatalog:
    """The listings, by SKU."""

    def __init__(self, path: Path) -> None:
        self.path = path
        with connect(path) as conn:
            conn.execute(_SCHEMA)

    def add(self, sku: str, listing_id: str, title: str = "", stock: int = 0) -> None:
        with connect(self.path) as conn:
            conn.execute(
                "INSERT INTO listings (sku, listing_id, title, stock) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (sku) DO UPDATE SET listing_id = excluded.listing_id, "
                "title = excluded.title",
                (sku, listing_id, title, stock),
            )

    def get(self, sku: str) -> Listing | None:
        with connect(self.path) as conn:
            row = conn.execute(
                "SELECT sku, listing_id, title, stock, updated_at FROM listings WHERE sku = ?",
                (sku,),
            ).fetchone()
        return Listing(*row) if row else None

    def all(self) -> list[Listing]:
        with connect(self.path) as conn:
            rows = conn.execute(
                "SELECT sku, listing_id, title, stock, updated_at FROM listings ORDER BY sku"
            ).fetchall()
        return [Listing(*row) for row in rows]

    def set_stock(self, sku: str, stock: int) -> bool:
        """Set what buyers see; ``False`` when the shop has no listing for ``sku``. Setting a
        level (never adding to it) is what makes applying the same event twice harmless."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with connect(self.path) as conn:
            cur = conn.execute(
                "UPDATE listings SET stock = ?, updated_at = ? WHERE sku = ?", (stock, now, sku)
            )
        return cur.rowcount == 1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The shop's listings (a marketplace stand-in).")
    parser.add_argument("--catalog", type=Path, default=Path("shop.db"))
    sub = parser.add_subparsers(dest="command", required=True)
    add = sub.add_parser("add", help="add or rename a listing")
    add.add_argument("sku")
    add.add_argument("listing_id")
    add.add_argument("title", nargs="?", default="")
    sub.add_parser("list", help="show every listing")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stdout)
    shop = ShopCatalog(args.catalog)
    if args.command == "add":
        shop.add(args.sku, args.listing_id, args.title)
        log.info("listing %s -> %s", args.sku, args.listing_id)
        return 0
    for item in shop.all():
        log.info("%-16s %-16s %6d  %s", item.sku, item.listing_id, item.stock, item.title)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
