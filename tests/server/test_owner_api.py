"""The owner API: products, CSV import, tax categories, stores, users, sales queries, stock."""

from __future__ import annotations

from datetime import datetime

from fastapi.testclient import TestClient

from server_stub.core.security import totp
from tests.server.factories import (
    WIB,
    FakeClock,
    Item,
    Tenant,
    add_product,
    assert_problem,
    bearer,
    make_sale,
    pair_till,
    push,
)

# -- products -------------------------------------------------------------------------------


def test_product_crud(client: TestClient, tenant: Tenant) -> None:
    made = add_product(
        client,
        tenant,
        sku="IND-001",
        name="Indomie Goreng",
        category="Mi instan",
        price=3500,
        barcodes=["089686010947", "8991234500017"],
    )
    assert made["barcodes"] == ["089686010947", "8991234500017"]
    got = client.get(f"/v1/products/{made['id']}", headers=tenant.owner).json()
    assert got == made
    r = client.patch(
        f"/v1/products/{made['id']}",
        json={"price": 3700, "barcodes": ["089686010947"], "active": False},
        headers=tenant.owner,
    )
    assert r.status_code == 200
    changed = r.json()
    assert changed["price"] == 3700 and changed["barcodes"] == ["089686010947"]
    assert changed["active"] is False and changed["seq"] > made["seq"]
    assert client.delete(f"/v1/products/{made['id']}", headers=tenant.owner).status_code == 204
    assert_problem(
        client.get(f"/v1/products/{made['id']}", headers=tenant.owner), 404, "product.not_found"
    )
    assert_problem(client.delete(f"/v1/products/{made['id']}", headers=tenant.owner), 404)


def test_products_may_carry_their_own_ids(client: TestClient, tenant: Tenant) -> None:
    made = add_product(client, tenant, id="MIN-0001", sku="MIN-0001")
    assert made["id"] == "MIN-0001"
    r = client.post(
        "/v1/products",
        json={"id": "MIN-0001", "sku": "OTHER", "name": "x", "price": 1},
        headers=tenant.owner,
    )
    assert_problem(r, 409, "product.id_taken")


def test_sku_and_barcode_are_unique_per_organization(client: TestClient, tenant: Tenant) -> None:
    first = add_product(client, tenant, sku="DUP", barcodes=["111"])
    r = client.post(
        "/v1/products", json={"sku": "DUP", "name": "x", "price": 1}, headers=tenant.owner
    )
    assert_problem(r, 409, "product.sku_taken")
    r = client.post(
        "/v1/products",
        json={"sku": "NEW", "name": "x", "price": 1, "barcodes": ["111"]},
        headers=tenant.owner,
    )
    assert_problem(r, 409, "product.barcode_taken")
    other = add_product(client, tenant, sku="NEW2")
    r = client.patch(f"/v1/products/{other['id']}", json={"sku": "DUP"}, headers=tenant.owner)
    assert_problem(r, 409, "product.sku_taken")
    r = client.patch(
        f"/v1/products/{other['id']}", json={"barcodes": ["111"]}, headers=tenant.owner
    )
    assert_problem(r, 409, "product.barcode_taken")
    # Keeping one's own SKU and barcodes is not a clash.
    r = client.patch(
        f"/v1/products/{first['id']}",
        json={"sku": "DUP", "barcodes": ["111"]},
        headers=tenant.owner,
    )
    assert r.status_code == 200


def test_product_input_is_validated(client: TestClient, tenant: Tenant) -> None:
    bad_bodies = [
        {"sku": "A", "name": "x", "price": -1},
        {"sku": "A", "name": "x", "price": 10**12},
        {"sku": "", "name": "x", "price": 1},
        {"sku": "A", "name": "x\u0000y", "price": 1},
        {"sku": "A", "name": "x", "price": 1, "tax_code": "NOPE"},
        {"sku": "A", "name": "x", "price": 1, "barcodes": ["1", "1"]},
        {"sku": "A", "name": "x", "price": "mahal"},
        {"sku": "A", "name": "x", "price": 1, "surprise": True},
    ]
    for body in bad_bodies:
        r = client.post("/v1/products", json=body, headers=tenant.owner)
        assert_problem(r, 422)
    product = add_product(client, tenant)
    r = client.patch(f"/v1/products/{product['id']}", json={"price": None}, headers=tenant.owner)
    assert_problem(r, 422, "product.null_field")
    assert_problem(client.get("/v1/products/bad id!", headers=tenant.owner), 422)


def test_products_list_pages_by_sku_and_searches(client: TestClient, tenant: Tenant) -> None:
    for n in range(5):
        add_product(client, tenant, sku=f"LST-{n}", name=f"Kopi {n}")
    add_product(client, tenant, sku="LST-X", name="Teh 100%_manis")
    seen: list[str] = []
    cursor = None
    while True:
        params: dict[str, object] = {"limit": 2}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/v1/products", params=params, headers=tenant.owner).json()
        seen += [p["sku"] for p in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == sorted(seen) and len(seen) == 6
    found = client.get("/v1/products", params={"q": "kopi 3"}, headers=tenant.owner).json()
    assert [p["sku"] for p in found["items"]] == ["LST-3"]
    found = client.get("/v1/products", params={"q": "%_"}, headers=tenant.owner).json()
    assert [p["sku"] for p in found["items"]] == ["LST-X"]
    assert_problem(client.get("/v1/products", params={"cursor": "!!"}, headers=tenant.owner), 422)


# -- CSV import -----------------------------------------------------------------------------

CSV = (
    "sku,name,category,price,tax_code,barcodes,sold_by_weight,unit,in_store_code\n"
    "IND-001,Indomie Goreng,Mi instan,3.500,EXEMPT,089686010947,no,pcs,\n"
    "AQU-600,Aqua 600 ml,Minuman,4000,PPN,8886008101053|8886008101060,tidak,,\n"
    "DAG-001,Daging sapi,Segar,139900,EXEMPT,,ya,kg,2010001\n"
)


def _import(
    client: TestClient, tenant: Tenant, text: str, content_type: str = "text/csv"
) -> object:
    return client.post(
        "/v1/products/import",
        content=text.encode("utf-8"),
        headers={**tenant.owner, "content-type": content_type},
    )


def test_csv_import_creates_updates_and_skips_unchanged(client: TestClient, tenant: Tenant) -> None:
    r = _import(client, tenant, CSV)
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    assert r.json() == {"created": 3, "updated": 0, "unchanged": 0}  # type: ignore[attr-defined]
    products = {
        p["sku"]: p for p in client.get("/v1/products", headers=tenant.owner).json()["items"]
    }
    assert products["IND-001"]["price"] == 3500
    assert products["AQU-600"]["barcodes"] == ["8886008101053", "8886008101060"]
    assert products["DAG-001"]["sold_by_weight"] is True
    assert products["DAG-001"]["in_store_code"] == "2010001"
    changed = CSV.replace("3.500", "3700")
    r = _import(client, tenant, "\ufeff" + changed)
    assert r.json() == {"created": 0, "updated": 1, "unchanged": 2}  # type: ignore[attr-defined]


def test_csv_import_is_all_or_nothing(client: TestClient, tenant: Tenant) -> None:
    bad = CSV + "BAD-1,,Lain,12,EXEMPT,,,,\nBAD-2,Harga aneh,Lain,dua ribu,EXEMPT,,,,\n"
    r = _import(client, tenant, bad)
    body = assert_problem(r, 422, "import.rows_invalid")
    assert [e["row"] for e in body["errors"]] == [5, 6]
    assert client.get("/v1/products", headers=tenant.owner).json()["items"] == []
    dup = CSV + "IND-001,Lagi,Mi,1,EXEMPT,,,,\n"
    assert_problem(_import(client, tenant, dup), 422)
    add_product(client, tenant, sku="OWNER", barcodes=["089686010947"])
    body = assert_problem(_import(client, tenant, CSV), 422)
    assert "belongs to another product" in body["errors"][0]["error"]
    assert_problem(_import(client, tenant, "nama,harga\nx,1\n"), 422, "import.missing_columns")


def test_csv_import_refuses_other_content(client: TestClient, tenant: Tenant) -> None:
    assert_problem(_import(client, tenant, CSV, "application/json"), 415)
    r = client.post(
        "/v1/products/import",
        content=b"sku,name,price\n\xff\xfe,x,1\n",
        headers={**tenant.owner, "content-type": "text/csv"},
    )
    assert_problem(r, 422, "import.not_utf8")


# -- tax categories, stores, users ----------------------------------------------------------


def test_tax_categories(client: TestClient, tenant: Tenant) -> None:
    taxes = client.get("/v1/tax-categories", headers=tenant.owner).json()["items"]
    codes = {t["code"] for t in taxes}
    assert codes == {"EXEMPT", "PPN", "PPNBM", "PB1"}
    r = client.put(
        "/v1/tax-categories/PBJT",
        json={"name": "PBJT 10%", "kind": "added_on_top", "rate_bp": 1000},
        headers=tenant.owner,
    )
    assert r.status_code == 200 and r.json()["rate_bp"] == 1000
    add_product(client, tenant, tax_code="PBJT")
    assert_problem(
        client.delete("/v1/tax-categories/PBJT", headers=tenant.owner), 409, "tax_category.in_use"
    )
    assert client.delete("/v1/tax-categories/PB1", headers=tenant.owner).status_code == 204
    assert_problem(client.delete("/v1/tax-categories/PB1", headers=tenant.owner), 404)
    r = client.put(
        "/v1/tax-categories/X",
        json={"name": "x", "kind": "vat", "rate_bp": 100_000},
        headers=tenant.owner,
    )
    assert_problem(r, 422)


def test_stores(client: TestClient, tenant: Tenant) -> None:
    r = client.post(
        "/v1/stores",
        json={"code": "S02", "name": "Cabang", "ppn_enabled": True, "rounding_step": 500},
        headers=tenant.owner,
    )
    assert r.status_code == 201 and r.json()["rounding_step"] == 500
    assert_problem(
        client.post("/v1/stores", json={"code": "S02", "name": "x"}, headers=tenant.owner),
        409,
        "store.code_taken",
    )
    assert_problem(
        client.post("/v1/stores", json={"code": "S 3", "name": "x"}, headers=tenant.owner), 422
    )
    assert_problem(
        client.post(
            "/v1/stores",
            json={"code": "S03", "name": "x", "rounding_step": 7},
            headers=tenant.owner,
        ),
        422,
    )
    codes = [s["code"] for s in client.get("/v1/stores", headers=tenant.owner).json()["items"]]
    assert codes == ["S01", "S02"]
    r = client.patch("/v1/stores/S02", json={"name": "Cabang Baru"}, headers=tenant.owner)
    assert r.json()["name"] == "Cabang Baru" and r.json()["ppn_enabled"] is True
    assert client.get("/v1/stores/S02", headers=tenant.owner).json()["name"] == "Cabang Baru"
    assert_problem(client.get("/v1/stores/S09", headers=tenant.owner), 404)


def test_owner_adds_a_manager_who_cannot_add_users(
    client: TestClient, tenant: Tenant, clock: FakeClock
) -> None:
    r = client.post(
        "/v1/users",
        json={"email": "Manager@Toko.test", "password": "manager-password", "role": "manager"},
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    created = r.json()
    assert created["email"] == "manager@toko.test" and created["otpauth_uri"].startswith(
        "otpauth://"
    )
    r = client.post(
        "/v1/auth/login",
        json={
            "email": "manager@toko.test",
            "password": "manager-password",
            "totp": totp.code_at(created["totp_secret"], clock()),
        },
    )
    manager = bearer(r.json()["access_token"])
    assert client.get("/v1/me", headers=manager).json()["role"] == "manager"
    assert client.get("/v1/products", headers=manager).status_code == 200
    r = client.post(
        "/v1/users",
        json={"email": "x@toko.test", "password": "xxxxxxxxxxxx", "role": "owner"},
        headers=manager,
    )
    assert_problem(r, 403, "auth.owner_only")
    r = client.post(
        "/v1/users",
        json={"email": "manager@toko.test", "password": "yyyyyyyyyyyy"},
        headers=tenant.owner,
    )
    assert_problem(r, 409, "user.email_taken")
    emails = {u["email"] for u in client.get("/v1/users", headers=tenant.owner).json()["items"]}
    assert emails == {tenant.email, "manager@toko.test"}


# -- sales queries --------------------------------------------------------------------------


def test_sales_by_store_till_and_day_with_daily_totals(client: TestClient, tenant: Tenant) -> None:
    client.post("/v1/stores", json={"code": "S02", "name": "Cabang"}, headers=tenant.owner)
    pair_till(client, tenant, "S01", "T02")
    pair_till(client, tenant, "S02", "T03")
    day1 = datetime(2026, 3, 1, 23, 30, tzinfo=WIB)  # 16:30 UTC, still 1 March in Jakarta
    day2 = datetime(2026, 3, 2, 8, 0, tzinfo=WIB)
    item = Item("P-1", "IND", "Indomie", 3500, "2")
    sales = [
        ("T01", "S01", day1),
        ("T01", "S01", day2),
        ("T02", "S01", day2),
        ("T03", "S02", day2),
    ]
    for till, store, when in sales:
        sale = make_sale([item], store_code=store, till_code=till, sold_at=when).to_json()
        assert push(client, tenant.device(till), sale)[0]["status"] == "accepted"

    def query(**params: object) -> list[dict[str, object]]:
        r = client.get("/v1/sales", params=params, headers=tenant.owner)
        assert r.status_code == 200, r.text
        items: list[dict[str, object]] = r.json()["items"]
        return items

    assert len(query()) == 4
    assert len(query(store="S01")) == 3
    assert len(query(store="S01", till="T01")) == 2
    assert len(query(day="2026-03-01")) == 1
    assert len(query(from_day="2026-03-02", to_day="2026-03-02", store="S01")) == 2
    assert query(day="2026-03-01")[0]["business_day"] == "2026-03-01"
    first = query(limit=3)
    r = client.get("/v1/sales", params={"limit": 3}, headers=tenant.owner).json()
    rest = client.get(
        "/v1/sales", params={"limit": 3, "cursor": r["next_cursor"]}, headers=tenant.owner
    ).json()
    assert len(rest["items"]) == 1 and rest["next_cursor"] is None
    assert {s["sale_id"] for s in first} | {rest["items"][0]["sale_id"]} == {
        s["sale_id"] for s in query()
    }
    daily = client.get("/v1/sales/daily", headers=tenant.owner).json()["items"]
    assert [(d["day"], d["store_code"], d["sales"]) for d in daily] == [
        ("2026-03-01", "S01", 1),
        ("2026-03-02", "S01", 2),
        ("2026-03-02", "S02", 1),
    ]
    assert daily[1]["total"] == 2 * 7000
    only_t02 = client.get("/v1/sales/daily", params={"till": "T02"}, headers=tenant.owner).json()
    assert [d["sales"] for d in only_t02["items"]] == [1]
    assert_problem(client.get("/v1/sales", params={"store": "S77"}, headers=tenant.owner), 404)
    assert_problem(client.get("/v1/sales", params={"day": "kemarin"}, headers=tenant.owner), 422)
    assert_problem(client.get("/v1/sales", params={"cursor": "abc"}, headers=tenant.owner), 422)
    assert_problem(client.get("/v1/sales/nope", headers=tenant.owner), 404, "sale.not_found")


# -- stock ----------------------------------------------------------------------------------


def test_stock_movements_and_levels(client: TestClient, tenant: Tenant) -> None:
    product = add_product(client, tenant, sku="BERAS", price=72_500)

    def move(quantity: str, reason: str = "adjust") -> object:
        return client.post(
            "/v1/stock/movements",
            json={
                "store_code": "S01",
                "product_id": product["id"],
                "quantity": quantity,
                "reason": reason,
            },
            headers=tenant.owner,
        )

    assert move("20", "receive").status_code == 201  # type: ignore[attr-defined]
    assert move("-2.5").status_code == 201  # type: ignore[attr-defined]
    assert_problem(move("0"), 422, "stock.zero")
    assert_problem(move("1e9"), 422)
    assert_problem(move("1", "stolen"), 422)
    levels = client.get("/v1/stock", params={"store": "S01"}, headers=tenant.owner).json()
    assert levels["store_code"] == "S01"
    assert levels["items"] == [
        {
            "product_id": product["id"],
            "sku": "BERAS",
            "name": "Barang",
            "quantity": "17.5",
            "quantity_milli": 17_500,
        }
    ]
    assert_problem(client.get("/v1/stock", params={"store": "S09"}, headers=tenant.owner), 404)
    assert_problem(client.get("/v1/stock", headers=tenant.owner), 422)


def test_an_online_sale_takes_stock_out_and_says_so(client: TestClient, tenant: Tenant) -> None:
    product = add_product(client, tenant, sku="KECAP", price=9_000)
    body = {"store_code": "S01", "product_id": product["id"], "reason": "online_sale"}
    r = client.post(
        "/v1/stock/movements",
        json={**body, "quantity": "-3", "ref": "tokopedia:INV/1041"},
        headers=tenant.owner,
    )
    assert r.status_code == 201, r.text
    assert (r.json()["reason"], r.json()["quantity_milli"]) == ("online_sale", -3000)
    r = client.post("/v1/stock/movements", json={**body, "quantity": "2"}, headers=tenant.owner)
    assert_problem(r, 422, "stock.online_sale_positive")
    levels = client.get("/v1/stock", params={"store": "S01"}, headers=tenant.owner).json()
    assert [i["quantity"] for i in levels["items"]] == ["-3"]
