"""Product CSV import: every line ending a spreadsheet writes, and no file makes the server fail.

Whatever bytes arrive, the answer is 200 (imported) or a 4xx problem that names what is wrong,
by row where a row is at fault; never 5xx.
"""

from __future__ import annotations

import codecs

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from server_stub.catalog import parse_csv
from server_stub.core.problems import Problem
from tests.server.factories import Tenant, assert_problem

ROWS = [
    "sku,name,category,price,tax_code,barcodes,sold_by_weight,unit",
    "IND-001,Indomie Goreng,Mi instan,3.500,EXEMPT,089686010947,no,pcs",
    'AQU-600,"Aqua 600 ml, botol",Minuman,4000,PPN,8886008101053|8886008101060,tidak,',
    "DAG-001,Daging sapi,Segar,139900,EXEMPT,,ya,kg",
]


def _post(client: TestClient, tenant: Tenant, raw: bytes, content_type: str = "text/csv") -> object:
    return client.post(
        "/v1/products/import", content=raw, headers={**tenant.owner, "content-type": content_type}
    )


@pytest.mark.parametrize("ending", ["\r", "\n", "\r\n", "mixed"], ids=["CR", "LF", "CRLF", "mixed"])
def test_every_line_ending_imports(client: TestClient, tenant: Tenant, ending: str) -> None:
    if ending == "mixed":
        text = ROWS[0] + "\r" + ROWS[1] + "\r\n" + ROWS[2] + "\n" + ROWS[3] + "\r"
    else:
        text = ending.join(ROWS) + ending
    r = _post(client, tenant, text.encode("utf-8"))
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    assert r.json() == {"created": 3, "updated": 0, "unchanged": 0}  # type: ignore[attr-defined]
    names = {
        p["sku"]: p["name"]
        for p in client.get("/v1/products", headers=tenant.owner).json()["items"]
    }
    assert names["AQU-600"] == "Aqua 600 ml, botol"


def test_a_quoted_line_break_stays_in_its_field(client: TestClient, tenant: Tenant) -> None:
    text = ROWS[0] + '\rNL-1,"two\rlines",x,1,EXEMPT,,,\r'
    assert _post(client, tenant, text.encode()).status_code == 200  # type: ignore[attr-defined]
    item = client.get("/v1/products", headers=tenant.owner).json()["items"][0]
    assert item["name"] == "two\rlines"


def test_a_utf8_bom_and_a_windows_1252_file(client: TestClient, tenant: Tenant) -> None:
    text = "\r\n".join(ROWS) + "\r\n"
    assert _post(client, tenant, codecs.BOM_UTF8 + text.encode()).status_code == 200  # type: ignore[attr-defined]
    cp1252 = (ROWS[0] + "\nCAF-1,Café,x,1,EXEMPT,,,\n").encode("cp1252")
    assert_problem(_post(client, tenant, cp1252), 422, "import.not_utf8")
    utf16 = ("\n".join(ROWS) + "\n").encode("utf-16")
    assert_problem(_post(client, tenant, utf16), 422, "import.not_utf8")


def test_a_file_in_a_declared_windows_encoding(client: TestClient, tenant: Tenant) -> None:
    """Excel's plain "CSV" on Indonesian Windows is windows-1252; the sender may say so."""
    cp1252 = (ROWS[0] + "\r\nCAF-1,Kopi Café,x,1,EXEMPT,,,\r\n").encode("cp1252")
    r = _post(client, tenant, cp1252, "text/csv; charset=windows-1252")
    assert r.status_code == 200, r.text  # type: ignore[attr-defined]
    names = [p["name"] for p in client.get("/v1/products", headers=tenant.owner).json()["items"]]
    assert names == ["Kopi Café"]
    for charset in ("base64", "klingon", "rot13"):
        r = _post(client, tenant, cp1252, f"text/csv; charset={charset}")
        assert_problem(r, 422, "import.charset")
    body = assert_problem(_post(client, tenant, cp1252), 422, "import.not_utf8")
    assert "windows-1252" in body["detail"]
    r = _post(client, tenant, b"\xff\xfe\x00", "text/csv; charset=utf-16")
    assert_problem(r, 422, "import.not_text")


def test_unreadable_csv_is_named_by_row(client: TestClient, tenant: Tenant) -> None:
    text = ROWS[0] + "\n" + ROWS[1] + '\nBAD-1,"open quote,x,1,EXEMPT,,,\n'
    body = assert_problem(_post(client, tenant, text.encode()), 422, "import.rows_invalid")
    assert body["errors"][0]["row"] == 3
    huge = ROWS[0] + "\nBIG-1," + "x" * 200_000 + ",x,1,EXEMPT,,,\n"
    body = assert_problem(_post(client, tenant, huge.encode()), 422, "import.rows_invalid")
    assert body["errors"][0]["row"] == 2
    assert client.get("/v1/products", headers=tenant.owner).json()["items"] == []


def test_a_product_id_twice_in_one_file_is_a_row_error(client: TestClient, tenant: Tenant) -> None:
    text = "id,sku,name,price\nP-1,A-1,Satu,1000\nP-1,A-2,Dua,2000\n"
    body = assert_problem(_post(client, tenant, text.encode()), 422, "import.rows_invalid")
    assert body["errors"] == [{"row": 3, "error": "id repeats row 2"}]


def test_a_row_refused_against_the_catalog_names_its_row(
    client: TestClient, tenant: Tenant
) -> None:
    text = "sku,name,price,tax_code\nA-1,Satu,1000,EXEMPT\nA-2,Dua,2000,NOPE\n"
    body = assert_problem(_post(client, tenant, text.encode()), 422, "import.rows_invalid")
    assert body["errors"] == [{"row": 3, "sku": "A-2", "error": "no tax category NOPE"}]


# -- fuzzing --------------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        "sku",
        "name",
        "price",
        "id",
        "barcodes",
        "active",
        "sold_by_weight",
        ",",
        ",,",
        '"',
        '""',
        "\r",
        "\n",
        "\r\n",
        "\ufeff",
        "\x00",
        "|",
        "1",
        "3.500",
        "-1",
        "9" * 30,
        "ya",
        "EXEMPT",
        "PPN",
        " ",
        "\t",
        "\u2028",
        "\x85",
        "é",
        "😀",
        "x" * 300,
        "\\",
        "'",
    ]
)
_CSVISH = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(_PIECES, st.text(max_size=20)), max_size=60).map("".join),
    st.lists(_PIECES, max_size=60).map(lambda parts: "sku,name,price\n" + "".join(parts)),
)


@given(text=_CSVISH)
@settings(max_examples=1500, deadline=None, derandomize=True, database=None)
def test_parse_csv_only_ever_refuses_with_422(text: str) -> None:
    try:
        products, errors = parse_csv(text)
    except Problem as exc:
        assert exc.status == 422
        return
    for error in errors:
        assert isinstance(error["row"], int) and error["row"] >= 2
        assert error["error"]
    assert all(number >= 2 for number, _ in products)


_RAW = st.one_of(
    _CSVISH.map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.binary(max_size=400),
    _CSVISH.map(lambda t: t.encode("utf-16")),
    _CSVISH.map(lambda t: t.encode("latin-1", "replace")),
    st.tuples(st.sampled_from(["\r", "\n", "\r\n"]), st.integers(1, 3000)).map(
        lambda p: ("sku,name,price" + p[0] + "S,n,1" + p[0]).encode() + b"y" * p[1] * 100
    ),
)


_CONTENT_TYPES = st.sampled_from(
    [
        "text/csv",
        "text/plain; charset=utf-8",
        "text/csv; charset=windows-1252",
        "text/csv; charset=utf-16",
        "text/csv; charset=base64",
        'text/csv; charset="',
        "text/csv; charset=",
        "text/csv;;;charset=ascii;charset=latin-1",
    ]
)


@given(raw=_RAW, content_type=_CONTENT_TYPES)
@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_uploaded_file_makes_the_server_fail(
    client: TestClient, tenant: Tenant, raw: bytes, content_type: str
) -> None:
    r = _post(client, tenant, raw, content_type)
    status = r.status_code  # type: ignore[attr-defined]
    assert status in (200, 413, 422), (status, content_type, raw[:200], r.text[:300])  # type: ignore[attr-defined]
    if status == 422:
        body = r.json()  # type: ignore[attr-defined]
        assert body["code"].startswith("import."), body
        for error in body.get("errors", []):
            assert error["row"] is not None
