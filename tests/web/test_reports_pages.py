"""Laporan pages: a known history shows the expected figures per product, category, cashier,
hour and day; downloads are real XLSX and CSV files whose totals are numbers; Z reports show
their selisih per cashier; another organization's stores are 404 and a manager sees only theirs."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook  # type: ignore[import-untyped]

from server_stub.core.db import Database
from tests.server.factories import FakeClock, Item, add_product, make_sale, push
from tests.server.report_history import DAY1, DAY2, History, build_history, local_time
from tests.server.test_shift_reports_api import push as push_reports
from tests.server.test_z_report_queries import EXPECTED_CASH, z_doc
from tests.web.webtools import make_manager, next_code, sign_in

RANGE = {"from": DAY1.isoformat(), "to": DAY2.isoformat()}
NET_TOTAL = 121_600


@pytest.fixture
def history(client: TestClient, database: Database, clock: FakeClock) -> History:
    return build_history(client, database, clock)


def sign_in_as(client: TestClient, email: str, secret: str, clock: FakeClock) -> None:
    client.cookies.clear()
    r: Any = sign_in(client, email, code=next_code(secret, clock))
    assert r.status_code == 303, r.text


def owner_in(client: TestClient, h: History, clock: FakeClock) -> None:
    sign_in_as(client, h.tenant.email, h.tenant.totp_secret, clock)


def page(client: TestClient, **params: str) -> str:
    r = client.get("/app/reports", params={**RANGE, **params})
    assert r.status_code == 200, r.text
    text: str = r.text
    return text


def sheet_rows(client: TestClient, **params: str) -> list[tuple[Any, ...]]:
    r = client.get("/app/reports/download", params={**RANGE, "fmt": "xlsx", **params})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in r.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(r.content)).active
    return list(sheet.iter_rows(values_only=True))


def column(rows: list[tuple[Any, ...]], title: str) -> int:
    return list(rows[1]).index(title)


def test_sales_reports_show_the_history(
    client: TestClient, clock: FakeClock, history: History
) -> None:
    owner_in(client, history, clock)
    product = page(client, kind="product")
    assert "Kopi Susu" in product and "Rp66.600" in product  # net: 90.000 - 5.400 - 18.000
    assert "Rp34.600" in product  # Kopi Susu's margin: 66.600 - 4 x 8.000
    assert "—" in product  # Roti Bakar has no cost price
    assert "Rp45.000 dari penjualan bersih" in product  # the unknown-cost note
    assert f"Rp{NET_TOTAL:,}".replace(",", ".") in product
    category = page(client, kind="category")
    assert "Minuman" in category and "Rp76.600" in category
    cashier = page(client, kind="cashier")
    assert "C01" in cashier and "Rp99.600" in cashier
    hour = page(client, kind="hour")
    assert "09:00–09:59" in hour and "Rp51.000" in hour
    day = page(client, kind="day")
    assert "01/12/2026" in day and "02/12/2026" in day and "Rp91.000" in day


def test_xlsx_total_is_a_number_equal_to_the_sales(
    client: TestClient, clock: FakeClock, history: History
) -> None:
    owner_in(client, history, clock)
    rows = sheet_rows(client, kind="day")
    assert "Laporan penjualan per hari" in rows[0][0] and "01/12/2026–02/12/2026" in rows[0][0]
    total = rows[-1]
    assert total[0] == "Total"
    paid = sum(s.total for k, s in history.sales.items() if k != "D") - history.refund.total
    assert total[column(rows, "Diterima")] == paid
    assert isinstance(total[column(rows, "Penjualan bersih")], int)
    assert total[column(rows, "Penjualan bersih")] == NET_TOTAL
    products = sheet_rows(client, kind="product")
    by_name = {r[0]: r for r in products[2:-1]}
    margin = column(products, "Margin")
    assert by_name["Kopi Susu"][margin] == 34_600
    assert by_name["Roti Bakar"][margin] == "—"
    assert products[-1][column(products, "Tanpa harga modal")] == 45_000


def test_csv_parses_back(client: TestClient, clock: FakeClock, history: History) -> None:
    owner_in(client, history, clock)
    r = client.get("/app/reports/download", params={**RANGE, "fmt": "csv", "kind": "cashier"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    text = r.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    header = rows[1]
    net = header.index("Penjualan bersih")
    assert sum(int(r[net]) for r in rows[2:-1]) == int(rows[-1][net]) == NET_TOTAL
    assert {r[header.index("Kode")] for r in rows[2:-1]} >= {"C01", "C02", "C03"}


def test_z_reports_and_selisih_per_cashier(
    client: TestClient, clock: FakeClock, history: History
) -> None:
    till = history.tenant.device("T01")
    push_reports(
        client,
        till,
        z_doc("z-1", 1, "K01", EXPECTED_CASH - 2_000),
        z_doc("z-2", 2, "K01", EXPECTED_CASH + 500, days=1),
        z_doc("z-3", 3, "K02", EXPECTED_CASH, days=1),
    )
    owner_in(client, history, clock)
    z_range = {"from": "2026-03-01", "to": "2026-03-31"}
    listing = page(client, kind="z", **z_range)
    assert 'href="/app/reports/z/z-1"' in listing and "-Rp2.000" in listing
    one = client.get("/app/reports/z/z-1")
    assert one.status_code == 200
    assert "S01-T01-Z000001" in one.text and "-Rp2.000" in one.text
    selisih = page(client, kind="selisih", **z_range)
    assert "K01" in selisih and "-Rp1.500" in selisih
    rows = sheet_rows(client, kind="selisih", **z_range)
    by_code = {r[0]: r for r in rows[2:-1]}
    assert by_code["K01"][column(rows, "Selisih bersih")] == -1_500
    assert by_code["K02"][column(rows, "Selisih bersih")] == 0
    assert rows[-1][column(rows, "Total kurang")] == -2_000


def test_another_orgs_store_and_z_report_are_404(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    push_reports(client, history.tenant.device("T01"), z_doc("z-x", 1, "K01", EXPECTED_CASH))
    other = build_history(client, database, clock)
    owner_in(client, other, clock)
    theirs = history.store_ids["S01"]
    assert client.get("/app/reports", params={"store": theirs}).status_code == 404
    r = client.get("/app/reports/download", params={"store": theirs, "fmt": "xlsx"})
    assert r.status_code == 404
    assert client.get("/app/reports/z/z-x").status_code == 404
    mine = page(client, kind="product")
    assert f"Rp{NET_TOTAL:,}".replace(",", ".") in mine  # only its own history


def test_a_manager_sees_only_their_stores(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    push_reports(client, history.tenant.device("T02"), z_doc("z-s02", 1, "K09", EXPECTED_CASH))
    made = make_manager(database, clock, history.tenant.org_id, [history.store_ids["S01"]])
    sign_in_as(client, made.email, made.totp_secret, clock)
    rows = sheet_rows(client, kind="product")
    roti = next(r for r in rows[2:-1] if r[0] == "Roti Bakar")
    assert roti[column(rows, "Qty")] == 1  # S02's two loaves are not theirs
    assert client.get("/app/reports", params={"store": history.store_ids["S02"]}).status_code == 404
    assert client.get("/app/reports/z/z-s02").status_code == 404
    assert "S02" not in page(client, kind="day")


def test_bad_filters(client: TestClient, clock: FakeClock, history: History) -> None:
    owner_in(client, history, clock)
    assert client.get("/app/reports", params={"kind": "nope"}).status_code == 404
    backwards = {"from": DAY2.isoformat(), "to": DAY1.isoformat()}
    assert client.get("/app/reports", params=backwards).status_code == 400
    assert client.get("/app/reports", params={"from": "kemarin"}).status_code == 400
    r = client.get("/app/reports/download", params={"fmt": "pdf"})
    assert r.status_code in (400, 404)


def test_signed_out_is_sent_to_sign_in(client: TestClient) -> None:
    r = client.get("/app/reports", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/app/signin")
    r = client.get("/app/reports/download", follow_redirects=False)
    assert r.status_code == 303


def test_a_product_name_is_text_not_markup(
    client: TestClient, database: Database, clock: FakeClock, history: History
) -> None:
    add_product(client, history.tenant, id="P-X", sku="X-1", name="<script>alert(1)</script>")
    name = "<script>alert(1)</script>"
    sale = make_sale([Item("P-X", "X-1", name, 1_000)], sold_at=local_time(DAY1, 12))
    push(client, history.tenant.device("T01"), sale.to_json())
    owner_in(client, history, clock)
    text = page(client, kind="product")
    assert "<script>alert(1)</script>" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_english_words_in_page_and_file(
    client: TestClient, clock: FakeClock, history: History
) -> None:
    owner_in(client, history, clock)
    client.cookies.set("lang", "en")
    assert "Sales by product" in page(client, kind="product")
    rows = sheet_rows(client, kind="product")
    assert "Net sales" in rows[1] and rows[-1][0] == "Total"
    assert rows[-1][column(rows, "Net sales")] == NET_TOTAL
