"""The daily accounting export and the stock value journal: what an accountant books in Jurnal.id
or Accurate Online from the tills, one row per store and local day.

Where the figures come from, so that they agree with the rest of the back office:

- **Money** (sales, discounts, PPN, rounding, refunds, tenders) from the rollups
  (``models/rollups.py``), never from the raw sales: a year of twenty stores is a few thousand
  rollup rows. Sales count on the store-local day they were rung, refunds on the day they were
  paid out (as a till's Z report counts them).
- **Selisih kas** from the Z reports closed that day (``shift_reports``: the till's local day of
  the close), read back through the domain's ``ShiftReport``, which recomputes the expected cash
  the way the printed report did.
- **Stock value** from the stock ledger (``stock_movements``). The ledger keeps no cost of its
  own (only quantity, reason, reference and time), so a movement's value is its quantity at the
  product's *current* cost price (``products.cost_price``); a product without one has no value
  (blank, never zero). A movement's day is the store-local day of ``created_at``: the server's
  time of receipt for a till's sale or refund, so a sale synced after midnight is in the next
  day's journal while the accounting export counts it on the day it was rung.

The column layout (``ACCOUNTING_FIELDS``, ``STOCK_FIELDS``) is a published contract: keys are
stable snake_case English, documented with their Jurnal/Accurate accounts in
``docs/integrations.md``; new columns are only ever added at the end.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any, Final

from sqlalchemy import ColumnElement, Date, Executable, Select, case, cast, func, literal, select
from sqlalchemy.orm import Session

from pos_desktop.domain.payments import TenderKind
from pos_desktop.domain.shift_report import ReportKind, ShiftReport
from server_stub.exports import Kind
from server_stub.models import (
    ProductRow,
    RollupHour,
    RollupTender,
    ShiftReportRow,
    StockMovement,
    Store,
)
from server_stub.report_queries import ReportFilter
from server_stub.rollups import cost_of, zone_named

log = logging.getLogger(__name__)

MAX_DAYS: Final = 366
"""The longest range one export covers: a year, leap day included."""
STREAM_BATCH: Final = 1_000
TENDER_KINDS: Final = tuple(TenderKind)
COST_CURRENT: Final = "product_current"
"""``cost_basis`` of a stock row valued at the product's cost price as it is today."""
COST_UNKNOWN: Final = "unknown"


@dataclass(frozen=True, slots=True)
class Field:
    """One column of an export: its stable key, its headers and what it holds."""

    key: str
    header_id: str
    header_en: str
    kind: Kind = Kind.RUPIAH
    total: bool = True
    """Added up in the XLSX total row."""
    note: str = ""
    """What the column holds, in Bahasa Indonesia (the XLSX's Keterangan sheet)."""

    def header(self, lang: str) -> str:
        return self.header_en if lang == "en" else self.header_id


def _text(key: str, header_id: str, header_en: str, note: str = "") -> Field:
    return Field(key, header_id, header_en, Kind.TEXT, total=False, note=note)


_DAY = Field("date", "Tanggal", "Date", Kind.DATE, total=False, note="Hari lokal toko.")
_STORE = (
    _text("store_code", "Kode toko", "Store code"),
    _text("store_name", "Nama toko", "Store name"),
)
_TENDER_WORDS: Final = {
    TenderKind.CASH: ("Tunai diterima", "Cash taken", "Refund tunai", "Cash refunded"),
    TenderKind.CARD: ("Kartu (EDC) diterima", "Card (EDC) taken", "Refund kartu", "Card refunded"),
    TenderKind.QRIS: ("QRIS diterima", "QRIS taken", "Refund QRIS", "QRIS refunded"),
    TenderKind.EWALLET: (
        "E-wallet diterima",
        "E-wallet taken",
        "Refund e-wallet",
        "E-wallet refunded",
    ),
}


def _tender_fields() -> tuple[Field, ...]:
    taken = tuple(
        Field(
            f"{kind.value}_taken",
            *_TENDER_WORDS[kind][:2],
            note="Dibayar pelanggan dengan cara ini"
            + (", dikurangi kembalian." if kind is TenderKind.CASH else "."),
        )
        for kind in TENDER_KINDS
    )
    refunded = tuple(
        Field(
            f"{kind.value}_refunded",
            *_TENDER_WORDS[kind][2:],
            note="Dikembalikan ke pelanggan dengan cara ini.",
        )
        for kind in TENDER_KINDS
    )
    return taken + refunded


TENDER_KEYS: Final = tuple(f.key for f in _tender_fields())


ACCOUNTING_FIELDS: Final[tuple[Field, ...]] = (
    _DAY,
    *_STORE,
    Field("sales_count", "Jumlah transaksi", "Sales", Kind.INTEGER),
    Field(
        "gross_sales",
        "Penjualan kotor",
        "Gross sales",
        note="Jumlah x harga satuan (PPN di dalamnya bila harga termasuk pajak).",
    ),
    Field("discounts", "Diskon", "Discounts", note="Diskon baris dan diskon transaksi."),
    Field("net_sales", "Penjualan bersih", "Net sales", note="Penjualan kotor - diskon."),
    Field("ppn_output", "PPN keluaran", "Output VAT (PPN)", note="PPN atas penjualan."),
    Field(
        "sales_excl_ppn",
        "Penjualan tanpa PPN (DPP)",
        "Sales excluding PPN (tax base)",
        note="Penjualan bersih tanpa PPN yang termasuk di dalamnya.",
    ),
    Field("rounding", "Pembulatan", "Rounding", note="Pembulatan total struk (+/-)."),
    Field(
        "sales_total",
        "Total penjualan",
        "Sales total",
        note="Yang dibayar pelanggan: tanpa PPN + PPN keluaran + pembulatan.",
    ),
    Field("refunds_count", "Jumlah refund", "Refunds", Kind.INTEGER),
    Field("refunds_excl_ppn", "Retur tanpa PPN", "Refunds excluding PPN"),
    Field("refunds_ppn", "PPN retur", "PPN on refunds", note="PPN keluaran yang dikembalikan."),
    Field("refunds_rounding", "Pembulatan retur", "Refund rounding"),
    Field(
        "refunds_total",
        "Total refund",
        "Refunds total",
        note="Yang diterima kembali pelanggan: tanpa PPN + PPN + pembulatan.",
    ),
    *_tender_fields(),
    Field(
        "z_reports",
        "Laporan Z",
        "Z reports",
        Kind.INTEGER,
        note="Laporan Z yang ditutup hari itu.",
    ),
    Field(
        "cash_over_short",
        "Selisih kas",
        "Cash over/short",
        note="Kas dihitung - kas seharusnya pada laporan Z hari itu; negatif = kurang.",
    ),
)

STOCK_FIELDS: Final[tuple[Field, ...]] = (
    Field(
        "date", "Tanggal", "Date", Kind.DATE, total=False, note="Hari lokal toko mutasi dicatat."
    ),
    *_STORE,
    _text("product_id", "ID produk", "Product id"),
    _text("sku", "SKU", "SKU"),
    _text("product_name", "Nama produk", "Product name"),
    _text(
        "reason",
        "Jenis mutasi",
        "Movement kind",
        note="sale, refund, receive, adjust, return, online_sale.",
    ),
    Field("movements", "Jumlah mutasi", "Movements", Kind.INTEGER),
    Field(
        "quantity",
        "Kuantitas",
        "Quantity",
        Kind.QUANTITY,
        total=False,
        note="Positif = stok masuk, negatif = stok keluar.",
    ),
    Field(
        "cost_price",
        "Harga modal per unit",
        "Unit cost price",
        total=False,
        note="Harga modal produk saat ini (mutasi tidak menyimpan harga modalnya sendiri).",
    ),
    Field(
        "value",
        "Nilai persediaan",
        "Stock value",
        note="Kuantitas x harga modal; kosong bila produk tanpa harga modal.",
    ),
    _text(
        "cost_basis",
        "Dasar nilai",
        "Cost basis",
        note=f"{COST_CURRENT}: harga modal produk saat ini; {COST_UNKNOWN}: tanpa harga modal.",
    ),
)


@dataclass(frozen=True, slots=True)
class AccountingRow:
    """One store-day; attribute names are the keys of ``ACCOUNTING_FIELDS``, in its order."""

    date: date
    store_code: str
    store_name: str
    sales_count: int = 0
    gross_sales: int = 0
    discounts: int = 0
    net_sales: int = 0
    ppn_output: int = 0
    sales_excl_ppn: int = 0
    rounding: int = 0
    sales_total: int = 0
    refunds_count: int = 0
    refunds_excl_ppn: int = 0
    refunds_ppn: int = 0
    refunds_rounding: int = 0
    refunds_total: int = 0
    cash_taken: int = 0
    card_taken: int = 0
    qris_taken: int = 0
    ewallet_taken: int = 0
    cash_refunded: int = 0
    card_refunded: int = 0
    qris_refunded: int = 0
    ewallet_refunded: int = 0
    z_reports: int = 0
    cash_over_short: int = 0

    def cells(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.key) for f in ACCOUNTING_FIELDS)


@dataclass(frozen=True, slots=True)
class StockValueRow:
    """One store-day-product-reason of the stock ledger (``STOCK_FIELDS``, in its order)."""

    date: date
    store_code: str
    store_name: str
    product_id: str
    sku: str
    product_name: str
    reason: str
    movements: int
    quantity: Decimal
    cost_price: int | None
    value: int | None
    cost_basis: str

    def cells(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f.key) for f in STOCK_FIELDS)


class BadRange(ValueError):
    """The end is before the start, or the range is longer than ``MAX_DAYS``."""


def check_range(day_from: date, day_to: date) -> None:
    if day_to < day_from:
        raise BadRange("the end of the range is before its start")
    if (day_to - day_from).days + 1 > MAX_DAYS:
        raise BadRange(f"a range covers at most {MAX_DAYS} days")


def scope_stores(session: Session, f: ReportFilter) -> list[Store]:
    """The stores an export covers: the chosen one, or every store the person sees."""
    stmt = select(Store).where(Store.org_id == f.org_id).order_by(Store.code)
    if f.store_id is not None:
        stmt = stmt.where(Store.store_id == f.store_id)
    if f.visible is not None:
        stmt = stmt.where(Store.store_id.in_(sorted(f.visible)))
    return list(session.scalars(stmt))


def _sum(column: Any) -> ColumnElement[Any]:
    return func.coalesce(func.sum(column), 0)


def _in_scope(stmt: Select[Any], model: Any, f: ReportFilter, ids: Sequence[str]) -> Select[Any]:
    return stmt.where(
        model.org_id == f.org_id,
        model.day >= f.day_from,
        model.day <= f.day_to,
        model.store_id.in_(ids),
    )


Key = tuple[str, date]
Sums = dict[str, int]


def _hour_sums(session: Session, f: ReportFilter, ids: Sequence[str]) -> dict[Key, Sums]:
    m = RollupHour
    names = (
        "sales",
        "gross",
        "discounts",
        "net",
        "tax",
        "tax_inside",
        "rounding",
        "total",
        "refunds",
        "refund_total",
        "refund_net",
        "refund_tax",
        "refund_tax_inside",
    )
    stmt = select(m.store_id, m.day, *(_sum(getattr(m, n)).label(n) for n in names))
    stmt = _in_scope(stmt, m, f, ids).group_by(m.store_id, m.day)
    return {
        (r.store_id, r.day): {n: int(r._mapping[n]) for n in names} for r in session.execute(stmt)
    }


def _tender_sums(session: Session, f: ReportFilter, ids: Sequence[str]) -> dict[Key, Sums]:
    """Per store-day: ``<kind>_taken`` (tendered less change) and ``<kind>_refunded``."""
    m = RollupTender
    stmt = select(
        m.store_id,
        m.day,
        m.kind,
        _sum(m.amount).label("amount"),
        _sum(m.change).label("change"),
        _sum(m.refund_amount).label("refunded"),
    )
    stmt = _in_scope(stmt, m, f, ids).group_by(m.store_id, m.day, m.kind)
    known = {k.value for k in TENDER_KINDS}
    found: dict[Key, Sums] = {}
    for r in session.execute(stmt):
        if r.kind not in known:  # pragma: no cover - ingest accepts TenderKind only
            log.warning("tender kind %r left out of the accounting export", r.kind)
            continue
        sums = found.setdefault((r.store_id, r.day), {})
        sums[f"{r.kind}_taken"] = int(r.amount) - int(r.change)
        sums[f"{r.kind}_refunded"] = int(r.refunded)
    return found


def _selisih(session: Session, f: ReportFilter, ids: Sequence[str]) -> dict[Key, Sums]:
    """Per store and day of the close: Z reports and their summed selisih (counted less
    expected cash; a drawer not counted adds nothing)."""
    z = ShiftReportRow
    stmt = select(z.report_id, z.store_id, z.business_day, z.payload).where(
        z.org_id == f.org_id,
        z.kind == ReportKind.Z.value,
        z.business_day >= f.day_from,
        z.business_day <= f.day_to,
        z.store_id.in_(ids),
    )
    found: dict[Key, Sums] = {}
    for r in _stream(session, stmt):
        sums = found.setdefault((r.store_id, r.business_day), {"z": 0, "selisih": 0})
        sums["z"] += 1
        try:
            difference = ShiftReport.from_json(json.loads(r.payload)).cash.difference
        except (ValueError, KeyError, TypeError, ArithmeticError):  # pragma: no cover
            log.warning("stored Z report %s no longer reads; its selisih is left out", r.report_id)
            continue
        sums["selisih"] += difference or 0
    return found


def _row(store: Store, day: date, h: Sums, t: Sums, z: Sums) -> AccountingRow:
    net, tax, inside = h.get("net", 0), h.get("tax", 0), h.get("tax_inside", 0)
    refund_net, refund_tax = h.get("refund_net", 0), h.get("refund_tax", 0)
    refund_excl = refund_net - h.get("refund_tax_inside", 0)
    refund_total = h.get("refund_total", 0)
    tenders = {key: t.get(key, 0) for key in TENDER_KEYS}
    return AccountingRow(
        date=day,
        store_code=store.code,
        store_name=store.name,
        sales_count=h.get("sales", 0),
        gross_sales=h.get("gross", 0),
        discounts=h.get("discounts", 0),
        net_sales=net,
        ppn_output=tax,
        sales_excl_ppn=net - inside,
        rounding=h.get("rounding", 0),
        sales_total=h.get("total", 0),
        refunds_count=h.get("refunds", 0),
        refunds_excl_ppn=refund_excl,
        refunds_ppn=refund_tax,
        refunds_rounding=refund_total - refund_excl - refund_tax,
        refunds_total=refund_total,
        z_reports=z.get("z", 0),
        cash_over_short=z.get("selisih", 0),
        **tenders,
    )


def accounting_rows(session: Session, f: ReportFilter) -> list[AccountingRow]:
    """Every store-day of the range with a sale, refund, payment or Z report, by day then store
    code. At most ``MAX_DAYS`` x stores rows, so they are read whole."""
    check_range(f.day_from, f.day_to)
    stores = {s.store_id: s for s in scope_stores(session, f)}
    if not stores:
        return []
    ids = sorted(stores)
    hours = _hour_sums(session, f, ids)
    tenders = _tender_sums(session, f, ids)
    selisih = _selisih(session, f, ids)
    keys = sorted(set(hours) | set(tenders) | set(selisih), key=lambda k: (k[1], stores[k[0]].code))
    return [
        _row(stores[k[0]], k[1], hours.get(k, {}), tenders.get(k, {}), selisih.get(k, {}))
        for k in keys
    ]


def _local_day(session: Session, stores: Sequence[Store], day_from: date) -> ColumnElement[Any]:
    """The store-local day of a movement's ``created_at``: exact on PostgreSQL (the store's
    zone by name); on SQLite the zone's offset on the first day of the range, exact for the
    stores' zones (WIB, WITA and WIT keep one offset all year)."""
    zone_of_store = case(
        {s.store_id: s.timezone or "" for s in stores}, value=StockMovement.store_id, else_=""
    )
    if session.get_bind().dialect.name == "postgresql":
        return cast(func.timezone(zone_of_store, StockMovement.created_at), Date)
    noon = datetime.combine(day_from, time(12))
    shifts = {}
    for s in stores:
        offset = zone_named(s.timezone).utcoffset(noon) or timedelta(0)
        shifts[s.store_id] = f"{int(offset.total_seconds()) // 60:+d} minutes"
    shift = case(shifts, value=StockMovement.store_id, else_=literal("+0 minutes"))
    return func.date(StockMovement.created_at, shift, type_=Date)


def _utc_bounds(stores: Sequence[Store], day_from: date, day_to: date) -> tuple[datetime, datetime]:
    """From the earliest local midnight of ``day_from`` to the latest of the day after
    ``day_to`` among the stores' zones; the local day itself is tested exactly."""
    starts, ends = [], []
    for s in stores:
        zone = zone_named(s.timezone)
        starts.append(datetime.combine(day_from, time(), zone).astimezone(UTC))
        ends.append(datetime.combine(day_to + timedelta(days=1), time(), zone).astimezone(UTC))
    return min(starts), max(ends)


def stock_value_rows(session: Session, f: ReportFilter) -> Iterator[StockValueRow]:
    """The stock ledger of the range per store-local day, store, product and reason, by day,
    store code, SKU and reason; fetched a thousand rows at a time as the caller consumes them."""
    check_range(f.day_from, f.day_to)
    stores = scope_stores(session, f)
    if not stores:
        return
    by_id = {s.store_id: s for s in stores}
    m = StockMovement
    start, end = _utc_bounds(stores, f.day_from, f.day_to)
    # The local day is computed in a subquery and grouped on outside: PostgreSQL does not
    # take a GROUP BY expression with bound parameters as the same as the selected one.
    moves = (
        select(
            _local_day(session, stores, f.day_from).label("day"),
            m.store_id,
            m.product_id,
            m.reason,
            m.qty_milli,
        )
        .where(
            m.org_id == f.org_id,
            m.store_id.in_(sorted(by_id)),
            m.created_at >= start,
            m.created_at < end,
        )
        .subquery("moves")
    )
    grouped = (
        select(
            moves.c.day,
            moves.c.store_id,
            moves.c.product_id,
            moves.c.reason,
            func.count().label("movements"),
            _sum(moves.c.qty_milli).label("qty_milli"),
        )
        .where(moves.c.day >= f.day_from, moves.c.day <= f.day_to)
        .group_by(moves.c.day, moves.c.store_id, moves.c.product_id, moves.c.reason)
        .subquery("grouped")
    )
    store_code = case({s.store_id: s.code for s in stores}, value=grouped.c.store_id, else_="")
    stmt = (
        select(grouped, ProductRow.sku, ProductRow.name, ProductRow.cost_price)
        .outerjoin(
            ProductRow,
            (ProductRow.org_id == f.org_id) & (ProductRow.product_id == grouped.c.product_id),
        )
        .order_by(
            grouped.c.day,
            store_code,
            func.coalesce(ProductRow.sku, ""),
            grouped.c.product_id,
            grouped.c.reason,
        )
    )
    for r in _stream(session, stmt):
        yield _stock_row(r, by_id[r.store_id])


def _stream(session: Session, stmt: Executable) -> Iterator[Any]:
    """The rows of a plain (Core) query on the session's connection, a thousand at a time:
    without the ORM's per-row work, which cost more than the query on a year of the ledger."""
    connection = session.connection().execution_options(stream_results=True, yield_per=STREAM_BATCH)
    yield from connection.execute(stmt)


def _as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _quantity(qty_milli: int) -> Decimal:
    value = Decimal(qty_milli).scaleb(-3)
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def value_of(cost_price: int, qty_milli: int) -> int:
    """What ``qty_milli`` thousandths are worth at ``cost_price``, to the rupiah, halves away
    from zero: stock out is worth exactly minus the same stock in (integers only)."""
    value = cost_of(cost_price, abs(qty_milli))
    return value if qty_milli >= 0 else -value


def _stock_row(r: Any, store: Store) -> StockValueRow:
    qty = int(r.qty_milli)
    cost = None if r.cost_price is None else int(r.cost_price)
    return StockValueRow(
        date=_as_date(r.day),
        store_code=store.code,
        store_name=store.name,
        product_id=r.product_id,
        sku=r.sku or "",
        product_name=r.name or "",
        reason=r.reason,
        movements=int(r.movements),
        quantity=_quantity(qty),
        cost_price=cost,
        value=None if cost is None else value_of(cost, qty),
        cost_basis=COST_UNKNOWN if cost is None else COST_CURRENT,
    )
