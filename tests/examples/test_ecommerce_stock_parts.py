"""examples/ecommerce_stock's parts without a cloud: the signature check against the Standard
Webhooks vector and the cloud's own signer, secrets during a rotation, the order per product,
the orders file, and that the example imports nothing but the standard library and httpx."""

from __future__ import annotations

import ast
import sys
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from examples.ecommerce_stock.pos import Level, PosApi
from examples.ecommerce_stock.push_orders import OrderError, parse_orders
from examples.ecommerce_stock.receiver import Applier, listing_stock
from examples.ecommerce_stock.shop import ShopCatalog
from examples.ecommerce_stock.signature import (
    MalformedWebhook,
    SignatureError,
    Webhook,
    sign,
    verify,
)
from examples.ecommerce_stock.state import SyncState
from server_stub.webhooks import signing

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "ecommerce_stock"
SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek"
SPEC_TS = 1614265330
SPEC_BODY = b'{"test": 2432232314}'
SPEC_SIGNATURE = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def _headers(signature: str, stamp: int = SPEC_TS, msg_id: str = SPEC_ID) -> dict[str, str]:
    return {"webhook-id": msg_id, "webhook-timestamp": str(stamp), "webhook-signature": signature}


def test_the_specifications_vector() -> None:
    assert sign(SPEC_SECRET, SPEC_ID, SPEC_TS, SPEC_BODY) == SPEC_SIGNATURE
    found = verify([SPEC_SECRET], SPEC_BODY, _headers(SPEC_SIGNATURE), now=SPEC_TS + 10)
    assert found == Webhook(SPEC_ID, {"test": 2432232314})


def test_what_the_cloud_signs_is_accepted_with_either_secret_during_a_rotation() -> None:
    old, new = signing.new_secret(), signing.new_secret()
    body = b'{"type":"stock.changed","timestamp":"2026-12-08T03:14:07Z","data":{}}'
    sent = signing.headers([new, old], "msg_1", SPEC_TS, body)  # the cloud during the overlap
    for held in ([new], [old], [new, old], [signing.new_secret(), old]):
        assert verify(held, body, sent, now=SPEC_TS).webhook_id == "msg_1"
    with pytest.raises(SignatureError):
        verify([signing.new_secret()], body, sent, now=SPEC_TS)


@pytest.mark.parametrize(
    ("headers", "now"),
    [
        (_headers(SPEC_SIGNATURE), SPEC_TS + 301),  # too old: a replay
        (_headers(SPEC_SIGNATURE), SPEC_TS - 301),  # too far ahead
        (_headers(SPEC_SIGNATURE, msg_id="msg_other"), SPEC_TS),  # id changed
        (_headers(SPEC_SIGNATURE, stamp=SPEC_TS + 1), SPEC_TS),  # timestamp changed
        (_headers("v2," + SPEC_SIGNATURE[3:]), SPEC_TS),  # another scheme
        (_headers("v1,not base64!"), SPEC_TS),
        (_headers(""), SPEC_TS),
        ({"webhook-id": SPEC_ID, "webhook-signature": SPEC_SIGNATURE}, SPEC_TS),
        (_headers(SPEC_SIGNATURE) | {"webhook-timestamp": "soon"}, SPEC_TS),
    ],
)
def test_refused(headers: dict[str, str], now: int) -> None:
    with pytest.raises(SignatureError) as refused:
        verify([SPEC_SECRET], SPEC_BODY, headers, now=now)
    assert refused.value.status == 401


def test_a_changed_body_is_refused_and_a_signed_non_object_is_malformed() -> None:
    with pytest.raises(SignatureError):
        verify([SPEC_SECRET], SPEC_BODY + b" ", _headers(SPEC_SIGNATURE), now=SPEC_TS)
    signature = sign(SPEC_SECRET, SPEC_ID, SPEC_TS, b"[1]")
    with pytest.raises(MalformedWebhook) as malformed:
        verify([SPEC_SECRET], b"[1]", _headers(signature), now=SPEC_TS)
    assert malformed.value.status == 400


class _Levels(PosApi):
    """The cloud's stock list, as the test says it is."""

    def __init__(self, levels: dict[str, int]) -> None:
        super().__init__("http://127.0.0.1:9", "posk_live_test", attempts=1)
        self.levels = levels
        self.calls = 0

    def stock_levels(self, store_code: str) -> dict[str, Level]:
        self.calls += 1
        return {pid: Level(pid, f"SKU-{pid}", milli) for pid, milli in self.levels.items()}


def _stock_changed(webhook_id: str, at: str, product: str = "P-1", store: str = "S01") -> Webhook:
    data: dict[str, Any] = {"store_code": store, "product_id": product, "change_milli": -1000}
    return Webhook(webhook_id, {"type": "stock.changed", "timestamp": at, "data": data})


def _stock(shop: ShopCatalog, sku: str) -> int:
    found = shop.get(sku)
    assert found is not None
    return found.stock


def test_an_event_older_than_one_applied_is_skipped(tmp_path: Path) -> None:
    state = SyncState(tmp_path / "state.db")
    shop = ShopCatalog(tmp_path / "shop.db")
    shop.add("SKU-P-1", "L-1")
    shop.add("SKU-P-2", "L-2")
    pos = _Levels({"P-1": 7000, "P-2": 2500})
    applier = Applier(state, shop, pos, "S01")
    # "...07Z" sorts after "...07.5Z" as text; as times it is earlier.
    assert state.accept(_stock_changed("msg_new", "2026-12-08T03:14:07.5Z"))
    assert state.accept(_stock_changed("msg_p2", "2026-12-08T03:14:00Z", product="P-2"))
    assert state.accept(_stock_changed("msg_s2", "2026-12-08T03:14:00Z", store="S02"))
    assert applier.apply_waiting() == 3
    assert pos.calls == 1  # one read of the levels for every event waiting
    assert [_stock(shop, "SKU-P-1"), _stock(shop, "SKU-P-2")] == [7, 2]
    assert state.outcome("msg_s2") == "another store"
    shop.set_stock("SKU-P-1", 99)
    pos.levels["P-1"] = 1000
    assert state.accept(_stock_changed("msg_old", "2026-12-08T03:14:07Z"))
    assert applier.apply_waiting() == 1
    assert state.outcome("msg_old") == "older than one applied"
    assert _stock(shop, "SKU-P-1") == 99
    assert state.accept(_stock_changed("msg_newer", "2026-12-08T03:14:08Z"))
    assert applier.apply_waiting() == 1
    assert _stock(shop, "SKU-P-1") == 1
    assert not state.accept(_stock_changed("msg_newer", "2026-12-08T03:14:08Z"))  # again
    pos.close()


def test_listing_stock_is_whole_units_never_below_zero() -> None:
    assert [listing_stock(Level("P", "S", m)) for m in (2999, 3000, 0, -4000)] == [2, 3, 0, 0]


def test_orders_file() -> None:
    (order,) = parse_orders(
        [
            {
                "order_id": "SHP-9",
                "channel": "shopee",
                "lines": [
                    {"sku": "IND-001", "quantity": 2},
                    {"sku": "BER-5KG", "quantity": "0.5"},
                    {"sku": "IND-001", "quantity": "1"},
                ],
            }
        ]
    )
    assert order.lines == (("IND-001", Decimal(3)), ("BER-5KG", Decimal("0.5")))
    assert order.key("IND-001") == "shopee:SHP-9:IND-001" and order.ref == "shopee:SHP-9"
    bad: list[Any] = [
        {"orders": {}},
        [{"order_id": "A", "lines": []}],
        [{"order_id": "A", "lines": [{"sku": "X", "quantity": 0}]}],
        [{"order_id": "A", "lines": [{"sku": "X", "quantity": "1.0005"}]}],
        [{"order_id": "A", "lines": [{"sku": "X", "quantity": "NaN"}]}],
        [{"order_id": "Pesanan ké-1", "lines": [{"sku": "X", "quantity": 1}]}],
        [{"order_id": "A" * 300, "lines": [{"sku": "X", "quantity": 1}]}],
    ]
    for document in bad:
        with pytest.raises(OrderError):
            parse_orders(document)


def test_the_example_imports_only_the_standard_library_and_httpx() -> None:
    """An integrator copies the folder alone: nothing of this project may be imported."""
    outside = set()
    for path in EXAMPLE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names = [node.module or ""]
            else:
                continue
            outside |= {n.split(".")[0] for n in names} - set(sys.stdlib_module_names)
    assert outside == {"httpx"}


def test_event_time_is_utc_and_fixed_width(tmp_path: Path) -> None:
    state = SyncState(tmp_path / "state.db")
    assert state.accept(_stock_changed("msg_a", "2026-12-08T10:14:07+07:00"))
    (waiting,) = state.waiting()
    assert waiting.event_at == datetime(2026, 12, 8, 3, 14, 7, tzinfo=UTC).isoformat(
        timespec="microseconds"
    )
    with pytest.raises(MalformedWebhook):
        state.accept(_stock_changed("msg_b", "2026-12-08T10:14:07"))  # no zone
