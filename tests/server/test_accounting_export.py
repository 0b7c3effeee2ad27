"""The daily accounting export and the stock value journal (``GET /v1/exports/...``): rows equal
to the figures added up straight from the sale, refund and Z documents; CSV and XLSX read back
with numbers as numbers and days as dates; a manager and another organization see only their
own; a bad range is a 422 problem."""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import fields
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook  # type: ignore[import-untyped]

from server_stub import accounting_files as files
from server_stub.accounting_export import (
    ACCOUNTING_FIELDS,
    STOCK_FIELDS,
    TENDER_KEYS,
    AccountingRow,
    StockValueRow,
    accounting_rows,
    value_of,
)
from server_stub.core.db import Database
from server_stub.report_queries import ReportFilter
from tests.server.factories import FakeClock, assert_problem, make_tenant
from tests.server.test_accounting_export_history import (
    AIR,
    COSTS,
    DAY1,
    DAY2,
    KOPI,
    ROTI,
    ZONES,
    History,
    build_history,
    expected_rows,
    history_clock,
)
from tests.server.test_journal_alerts_scope import manager_of

RANGE = {"from": DAY1.isoformat(), "to": DAY2.isoformat()}
DOCS = Path(__file__).resolve().parents[2] / "docs" / "integrations.md"
TEXT_KEYS = {
    "store_code",
    "store_name",
    "product_id",
    "sku",
    "product_name",
    "reason",
    "cost_basis",
}


@pytest.fixture
def clock() -> FakeClock:
    return history_clock()


@pytest.fixture
def history(client: TestClient, database: Database, clock: FakeClock) -> History:
    return build_history(client, database, clock)


def get_csv(
    client: TestClient, headers: dict[str, str], what: str = "accounting", **params: str
) -> list[dict[str, str]]:
    r = client.get(f"/v1/exports/{what}", params={**RANGE, **params}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert r.content.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig")), delimiter=";"))


def as_numbers(row: dict[str, str]) -> dict[str, Any]:
    return {k: v if k in TEXT_KEYS or k == "date" else int(v) for k, v in row.items()}


def test_rows_equal_the_figures_of_the_documents(client: TestClient, history: History) -> None:
    rows = get_csv(client, history.tenant.owner)
    assert list(rows[0]) == [f.key for f in ACCOUNTING_FIELDS]
    expected = expected_rows(history)
    found = {(date.fromisoformat(r["date"]), r["store_code"]): as_numbers(r) for r in rows}
    assert [(r["date"], r["store_code"]) for r in rows] == [
        (DAY1.isoformat(), "S01"),
        (DAY1.isoformat(), "S02"),
        (DAY2.isoformat(), "S01"),
        (DAY2.isoformat(), "S02"),
    ]
    for key, figures in expected.items():
        row = found[key]
        for name, value in figures.items():
            assert row[name] == value, (key, name)
        untouched = {f.key for f in ACCOUNTING_FIELDS} - set(figures) - TEXT_KEYS - {"date"}
        assert all(row[name] == 0 for name in untouched), (key, untouched)
    s01 = found[(DAY1, "S01")]
    assert s01["store_name"] == "Toko Test S01"
    assert s01["sales_count"] == 3 and s01["discounts"] > 0 and s01["rounding"] != 0
    assert s01["ppn_output"] > 0 and s01["card_taken"] == 20_000 and s01["qris_taken"] > 0
    assert s01["cash_over_short"] == -2_000 and s01["z_reports"] == 1
    assert found[(DAY1, "S02")]["ppn_output"] == 0  # PPN off in S02
    assert found[(DAY2, "S02")]["sales_count"] == 1  # 00:15 WITA is S02's day 2
    day2 = found[(DAY2, "S01")]
    assert day2["refunds_count"] == 2 and day2["refunds_ppn"] > 0
    assert day2["cash_refunded"] > 0 and day2["qris_refunded"] > 0


def test_the_columns_add_up_as_a_journal(client: TestClient, history: History) -> None:
    """Debits equal credits: what the tenders took is the sales without PPN, the PPN and the
    rounding; what they gave back is the refunds'."""
    for raw in get_csv(client, history.tenant.owner):
        row = as_numbers(raw)
        taken = sum(row[k] for k in TENDER_KEYS if k.endswith("_taken"))
        refunded = sum(row[k] for k in TENDER_KEYS if k.endswith("_refunded"))
        assert row["sales_total"] == taken
        assert row["sales_total"] == row["sales_excl_ppn"] + row["ppn_output"] + row["rounding"]
        assert row["net_sales"] == row["gross_sales"] - row["discounts"]
        assert row["refunds_total"] == refunded
        assert row["refunds_total"] == (
            row["refunds_excl_ppn"] + row["refunds_ppn"] + row["refunds_rounding"]
        )


def test_xlsx_reads_back_with_numbers_dates_and_a_total(
    client: TestClient, history: History
) -> None:
    r = client.get(
        "/v1/exports/accounting",
        params={**RANGE, "format": "xlsx", "store": "S01"},
        headers=history.tenant.owner,
    )
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "akuntansi_S01_2026-03-02_2026-03-03.xlsx" in r.headers["content-disposition"]
    book = load_workbook(io.BytesIO(r.content))
    assert book.sheetnames == ["Akuntansi harian", "Keterangan"]
    rows = list(book["Akuntansi harian"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Tanggal", "Kode toko", "Nama toko", "Jumlah transaksi")
    assert list(rows[1]) == [f.key for f in ACCOUNTING_FIELDS]
    data, total = rows[2:-1], rows[-1]
    assert [(d[0], d[1]) for d in data] == [
        (datetime(2026, 3, 2), "S01"),
        (datetime(2026, 3, 3), "S01"),
    ]
    expected = expected_rows(history)
    keys = [f.key for f in ACCOUNTING_FIELDS]
    for line in data:
        figures = expected[(line[0].date(), "S01")]
        for name, value in figures.items():
            cell = line[keys.index(name)]
            assert type(cell) is int and cell == value, (name, cell)
    assert total[0] == "Total" and total[1] is None
    for name in ("sales_total", "ppn_output", "cash_over_short", "sales_count"):
        column = keys.index(name)
        assert total[column] == sum(line[column] for line in data), name
    legend = list(book["Keterangan"].iter_rows(values_only=True))
    assert legend[0][0] == "Ekspor akuntansi harian"
    assert ("Toko", "S01 · Toko Test S01") == legend[1][:2]
    assert any(row[:2] == ("ppn_output", "PPN keluaran") for row in legend)


def _movements(h: History) -> dict[tuple[date, str, str, str], list[int]]:
    """(day, store, product, reason) -> quantities in thousandths, from the documents: each
    sale or refund is received a minute after it happened, the day of its store's zone."""
    found: dict[tuple[date, str, str, str], list[int]] = defaultdict(list)
    for s in h.sales:
        day = (s.sold_at + timedelta(minutes=1)).astimezone(ZONES[s.store_code]).date()
        for line in s.lines:
            qty = -int(line.quantity * 1000)
            found[(day, s.store_code, line.product_id, "sale")].append(qty)
    for r in h.refunds:
        day = (r.refunded_at + timedelta(minutes=1)).astimezone(ZONES[r.store_code]).date()
        for rl in r.lines:
            found[(day, r.store_code, rl.product_id, "refund")].append(int(rl.quantity * 1000))
    found[(DAY1, "S01", KOPI.product_id, "receive")].append(24_000)
    found[(DAY2, "S01", ROTI.product_id, "adjust")].append(-1_000)
    return found


def test_stock_value_journal(client: TestClient, history: History) -> None:
    rows = get_csv(client, history.tenant.owner, "stock-value")
    assert list(rows[0]) == [f.key for f in STOCK_FIELDS]
    expected = _movements(history)
    got = {
        (date.fromisoformat(r["date"]), r["store_code"], r["product_id"], r["reason"]): r
        for r in rows
    }
    assert set(got) == set(expected)
    for key, quantities in expected.items():
        row, qty = got[key], sum(quantities)
        assert int(row["movements"]) == len(quantities), key
        assert Decimal(row["quantity"].replace(",", ".")) == Decimal(qty) / 1000, key
        cost = COSTS.get(key[2])
        if cost is None:
            assert (row["cost_price"], row["value"], row["cost_basis"]) == ("", "", "unknown")
        else:
            assert int(row["cost_price"]) == cost
            assert int(row["value"]) == cost * qty // 1000, key
            assert row["cost_basis"] == "product_current"
    kopi = got[(DAY1, "S01", KOPI.product_id, "receive")]
    assert (kopi["sku"], kopi["product_name"], kopi["value"]) == ("KOPI-01", "Kopi Susu", "192000")
    assert got[(DAY2, "S01", AIR.product_id, "refund")]["value"] == "4000"
    days = [(r["date"], r["store_code"]) for r in rows]
    assert days == sorted(days)


def test_stock_value_xlsx_totals_the_known_value(client: TestClient, history: History) -> None:
    r = client.get(
        "/v1/exports/stock-value",
        params={**RANGE, "format": "xlsx"},
        headers=history.tenant.owner,
    )
    assert r.status_code == 200, r.text
    book = load_workbook(io.BytesIO(r.content))
    rows = list(book["Nilai persediaan"].iter_rows(values_only=True))
    keys = list(rows[1])
    value, quantity = keys.index("value"), keys.index("quantity")
    data, total = rows[2:-1], rows[-1]
    assert all(isinstance(line[0], datetime) for line in data)
    assert all(isinstance(line[quantity], int | float) for line in data)
    known = [line[value] for line in data if line[value] is not None]
    assert all(type(v) is int for v in known)
    assert total[0] == "Total" and total[value] == sum(known) and total[quantity] is None
    assert any(line[value] is None for line in data)  # Roti Bakar has no cost price


def test_another_organization_and_a_manager_see_only_their_own(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    other = make_tenant(client, database, clock)
    assert get_csv(client, other.owner) == []
    assert get_csv(client, other.owner, "stock-value") == []
    assert get_csv(client, other.owner, store="S01") == []  # its own, empty S01
    for what in ("accounting", "stock-value"):
        r = client.get(f"/v1/exports/{what}", params={**RANGE, "store": "S02"}, headers=other.owner)
        assert_problem(r, 404, "store.not_found")

    manager = manager_of(client, database, clock, history.tenant, "S01")
    assert {r["store_code"] for r in get_csv(client, manager)} == {"S01"}
    assert {r["store_code"] for r in get_csv(client, manager, "stock-value")} == {"S01"}
    r = client.get("/v1/exports/accounting", params={**RANGE, "store": "S02"}, headers=manager)
    assert_problem(r, 404, "store.not_found")
    assert len(get_csv(client, history.tenant.owner, store="S02")) == 2


def api_key(client: TestClient, h: History, scopes: list[str], **extra: Any) -> dict[str, str]:
    r = client.post(
        "/v1/api-keys",
        json={"name": "Akuntan", "scopes": scopes, **extra},
        headers=h.tenant.owner,
    )
    assert r.status_code == 201, r.text
    return {"Authorization": f"Bearer {r.json()['secret']}"}


def test_an_api_key_needs_exports_read_and_keeps_to_its_stores(
    client: TestClient, history: History
) -> None:
    accountant = api_key(client, history, ["exports:read"])
    assert len(get_csv(client, accountant)) == 4
    assert len(get_csv(client, accountant, "stock-value")) > 0
    sales_only = api_key(client, history, ["sales:read"])
    for what in ("accounting", "stock-value"):
        r = client.get(f"/v1/exports/{what}", params=RANGE, headers=sales_only)
        assert_problem(r, 403, "auth.scope_missing")
    s02_only = api_key(client, history, ["exports:read"], stores=["S02"])
    assert {r["store_code"] for r in get_csv(client, s02_only)} == {"S02"}
    r = client.get("/v1/exports/accounting", params={**RANGE, "store": "S01"}, headers=s02_only)
    assert_problem(r, 404, "store.not_found")


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"from": "2026-03-03", "to": "2026-03-02"}, "export.bad_range"),
        ({"from": "2025-03-01", "to": "2026-03-02"}, "export.bad_range"),  # 367 days
        ({"from": "2026-02-30", "to": "2026-03-02"}, "request.invalid"),
        ({"from": "2026-03-02"}, "request.invalid"),
        ({**RANGE, "format": "pdf"}, "request.invalid"),
    ],
)
def test_a_bad_range_is_a_problem(
    client: TestClient, history: History, params: dict[str, str], code: str
) -> None:
    for what in ("accounting", "stock-value"):
        r = client.get(f"/v1/exports/{what}", params=params, headers=history.tenant.owner)
        assert_problem(r, 422, code)


def test_a_whole_year_is_allowed(client: TestClient, history: History) -> None:
    rows = get_csv(client, history.tenant.owner, **{"from": "2025-03-02", "to": "2026-03-02"})
    assert {r["date"] for r in rows} == {DAY1.isoformat()}


def test_no_token_is_401(client: TestClient) -> None:
    assert_problem(client.get("/v1/exports/accounting", params=RANGE), 401)


def test_the_query_module_reads_what_the_api_sends(
    client: TestClient, database: Database, history: History
) -> None:
    f = ReportFilter(org_id=history.tenant.org_id, visible=None, day_from=DAY1, day_to=DAY2)
    with database.read() as session:
        rows = accounting_rows(session, f)
    api = get_csv(client, history.tenant.owner)
    assert [[str(c) for c in row.cells()] for row in rows] == [list(r.values()) for r in api]


def test_the_layout_is_one_contract() -> None:
    """The row types follow the published column lists, and docs/integrations.md documents
    every column of both."""
    assert [f.name for f in fields(AccountingRow)] == [f.key for f in ACCOUNTING_FIELDS]
    assert [f.name for f in fields(StockValueRow)] == [f.key for f in STOCK_FIELDS]
    for field in (*ACCOUNTING_FIELDS, *STOCK_FIELDS):
        assert field.key.isidentifier() and field.key == field.key.lower()
        assert field.header_id and field.header_en
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("## Ekspor akuntansi / Accounting export") :]
    missing = [f.key for f in (*ACCOUNTING_FIELDS, *STOCK_FIELDS) if f"`{f.key}`" not in section]
    assert not missing, missing


def test_a_sheet_stops_at_excels_row_limit_and_says_so(
    client: TestClient, history: History, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(files, "XLSX_MAX_ROWS", 3)
    r = client.get(
        "/v1/exports/stock-value", params={**RANGE, "format": "xlsx"}, headers=history.tenant.owner
    )
    assert r.status_code == 200, r.text
    rows = list(
        load_workbook(io.BytesIO(r.content))["Nilai persediaan"].iter_rows(values_only=True)
    )
    assert len(rows) == 2 + 3 + 1
    assert str(rows[-1][0]).startswith("Terpotong: lembar Excel memuat paling banyak 3 baris")
    assert len(get_csv(client, history.tenant.owner, "stock-value")) > 3  # the CSV has no limit


@pytest.mark.parametrize(
    ("cost", "qty_milli", "value"),
    [(8_000, 3_000, 24_000), (8_000, -3_000, -24_000), (1_001, 500, 501), (1_001, -500, -501)],
)
def test_stock_out_is_worth_minus_the_same_stock_in(cost: int, qty_milli: int, value: int) -> None:
    assert value_of(cost, qty_milli) == value
