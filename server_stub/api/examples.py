"""Examples in the OpenAPI document: one for every request body and every success answer.

Client generators, Swagger UI and integrators read them; ``tests/server/test_openapi_shape.py``
checks that each operation has them and that each validates against its schema, so an example
that drifts from its model fails there. They are kept here, by component name, rather than on
each model: the models stay readable, and the ones defined outside the API layer (alerts, staff,
shift reports, webhooks) get theirs the same way. Pages (``StorePage``...) are built from their
items' example; documents as the tills send them are real ones, made by the till's own code.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from server_stub.accounting_export import ACCOUNTING_FIELDS, COST_CURRENT, STOCK_FIELDS, Field

ORG = "ed602dc3abe64e20801a74584c7c8176"
STORE_ID = "519be2a85fb54be98be4756bcc86f126"
DEVICE_ID = f"{ORG}_06ccfe00589a463db7287052ab217ed8"
USER_ID = "25b84087f47448f6b426b67b099ed39c"
MANAGER_ID = "ff6b0f878e5b409d9e4dd9f6926b1609"
PRODUCT_ID = "5617f854f22d4fb58fb1a31dbe46c33c"
SALE_ID = "2d83d8f9-bb02-4cf5-aa9a-f490791e81a6"
REFUND_ID = "e95b1e8b-4e7b-46c7-88a1-b9cfd4335c84"
STAFF_ID = "777ad972dba2479991e46a73b9cb1cf7"
KEY_ID = "5b3365fbed8a42e2a0d1c1a6e7b12597"
JOURNAL_ID = "f6a5e71fc64046c8bca90a620b66673a"
ENDPOINT_ID = "9d2e4f6a8b1c3d5e7f9a0b2c4d6e8f1a"
EVENT_ID = "msg_0193c1a2b3c4d5e6f7a8b9c0d1"
AT = "2026-03-02T03:15:07Z"
LATER = "2026-03-02T04:02:45Z"

SALE_JSON = (
    '{"schema":1,"sale_id":"2d83d8f9-bb02-4cf5-aa9a-f490791e81a6","receipt_no":"S01-T01-000123","'
    'store_code":"S01","till_code":"T01","sold_at":"2026-03-02T10:15:07+07:00","cashier_code":"C0'
    '1","cashier_name":"Siti","currency":"IDR","prices_include_tax":true,"lines":[{"line_no":1,"p'
    'roduct_id":"5617f854f22d4fb58fb1a31dbe46c33c","sku":"IND-001","barcode":"","name":"Indomie G'
    'oreng","quantity":"2","unit":"pcs","unit_price":3500,"gross":7000,"line_discount":0,"order_d'
    'iscount":0,"net":7000,"tax_code":"EXEMPT"}],"subtotal":7000,"line_discounts":0,"order_discou'
    'nt":0,"taxes":[],"tax_added":0,"tax_included":0,"rounding":0,"total":7000,"tenders":[{"kind"'
    ':"cash","amount":7000,"approval_code":"","card_last4":"","reference":"","provider":""}],"cha'
    'nge":0}'
)
REFUND_JSON = (
    '{"schema":1,"refund_id":"e95b1e8b-4e7b-46c7-88a1-b9cfd4335c84","refund_no":"S01-T01-R000007"'
    ',"store_code":"S01","till_code":"T01","refunded_at":"2026-03-02T11:02:45+07:00","cashier_cod'
    'e":"K01","cashier_name":"Siti","approver_code":"M01","approver_name":"Bu Manajer","reason":"'
    'damaged","original_sale_id":"2d83d8f9-bb02-4cf5-aa9a-f490791e81a6","original_receipt_no":"S0'
    '1-T01-000123","original_store_code":"S01","original_till_code":"T01","original_sold_at":"202'
    '6-03-02T10:15:07+07:00","currency":"IDR","lines":[{"line_no":1,"product_id":"5617f854f22d4fb'
    '58fb1a31dbe46c33c","sku":"IND-001","name":"Indomie Goreng","quantity":"1","unit":"pcs","amou'
    'nt":3500,"tax_code":"EXEMPT","tax":0,"tax_included":true}],"subtotal":3500,"tax_added":0,"ta'
    'x_included":0,"rounding":0,"total":3500,"tenders":[{"kind":"cash","amount":3500,"reference":'
    '"","provider":"","card_last4":"","original_tender_no":1}],"to_cash":false}'
)
Z_REPORT_JSON = (
    '{"schema":1,"report_id":"z-0001","kind":"Z","report_no":12,"created_at":"2026-03-02T15:00:00'
    '+07:00","shift":{"shift_id":"shift-0001-aaaa","store_code":"S01","till_code":"T01","opened_a'
    't":"2026-03-02T07:00:00+07:00","opened_by":"K01","opening_float":200000,"closed_at":"2026-03'
    '-02T15:00:00+07:00","closed_by":"S01"},"sales":{"count":4,"first_receipt_no":"S01-T01-000001'
    '","last_receipt_no":"S01-T01-000004","gross":107950,"discounts":600,"tax_added":2000,"tax_in'
    'cluded":4459,"rounding":50,"total":109400},"taxes":[{"code":"PB1","name":"PB1 10%","rate_bp"'
    ':1000,"included":false,"base":20000,"tax":2000,"refunded":0},{"code":"PPN","name":"PPN 12%",'
    '"rate_bp":1200,"included":true,"base":40541,"tax":4459,"refunded":892}],"refunds":{"count":2'
    ',"total":14000,"discounts":100,"items":[{"refund_id":"r-1","refund_no":"S01-T01-R000001","to'
    'tal":9000,"tenders":[["cash",9000]],"taxes":[["PPN",892]],"discounts":100},{"refund_id":"r-2'
    '","refund_no":"S01-T01-R000002","total":5000,"tenders":[["card",5000]],"taxes":[],"discounts'
    '":0}]},"net_total":95400,"tenders":[{"kind":"cash","count":3,"sales":69400,"refunds":9000,"e'
    'xpected":310400,"counted":310000,"difference":-400},{"kind":"card","count":1,"sales":30000,"'
    'refunds":5000,"expected":25000,"counted":25000,"difference":0},{"kind":"qris","count":1,"sal'
    'es":10000,"refunds":0,"expected":10000,"counted":10000,"difference":0}],"cash":{"opening_flo'
    'at":200000,"received":77000,"change":7600,"cash_in":100000,"cash_out":50000,"refunds":9000,"'
    'expected":310400,"counted":310000,"difference":-400},"movements":[{"movement_id":"m-1","kind'
    '":"in","amount":100000,"reason":"change_fund","note":"","at":"2026-03-02T08:00:00+07:00","ac'
    'tor_code":"K01","approver_code":null},{"movement_id":"m-2","kind":"out","amount":50000,"reas'
    'on":"petty_cash","note":"galon","at":"2026-03-02T09:00:00+07:00","actor_code":"K01","approve'
    'r_code":"SPV1"}],"drawer_opens":2,"approvals":3,"pending_sales":4,"count":{"note_100000":3,"'
    'note_50000":0,"note_20000":0,"note_10000":1,"note_5000":0,"note_2000":0,"note_1000":0,"coin_'
    '1000":0,"coin_500":0,"coin_200":0,"coin_100":0},"note":"kurang 1 koin"}'
)

SALE: dict[str, Any] = json.loads(SALE_JSON)
REFUND: dict[str, Any] = json.loads(REFUND_JSON)
Z_REPORT: dict[str, Any] = json.loads(Z_REPORT_JSON)
JOURNAL_ENTRY: dict[str, Any] = {
    "journal_id": JOURNAL_ID,
    "seq": 1,
    "kind": "sale",
    "at": "2026-03-02T03:15:07.000000+00:00",
    "actor": "K01",
    "approver": None,
    "data": '{"receipt_no":"S01-T01-000123","total":7000}',
    "prev_hash": "bd9a8dd51aaa1fac7d0be8e799f39da0ca312f63f239b30c71093dedf39058e3",
    "hash": "94ae04d2ae900e354954bee6ddf45aaaeb147f55b5d8e61ac483453bbdab19dd",
}
PIN_CHANGE: dict[str, Any] = {
    "id": "5c0e4b8a-2f7d-4e1a-9b3c-6d8e0f1a2b3c",
    "staff_id": STAFF_ID,
    "pin_verifier": "$argon2id$v=19$m=19456,t=2,p=1$4tNn7VV/V6EPKf1QgBIWPQ"
    "$8F1Y815gYHwheREbE++aiYxQv3b9UtRUgNrLee2zUgY",
    "changed_at": "2026-03-02T10:20:00+07:00",
}

STORE: dict[str, Any] = {
    "store_id": STORE_ID,
    "code": "S01",
    "name": "Toko Makmur Cabang Pasar Baru",
    "address": "Jl. Pasar Baru No. 12, Jakarta Pusat",
    "legal_name": "CV Makmur Sejahtera",
    "npwp": "01.234.567.8-901.000",
    "phone": "021-3456789",
    "receipt_header": ["TOKO MAKMUR", "Jl. Pasar Baru No. 12"],
    "receipt_footer": ["Terima kasih"],
    "currency": "IDR",
    "ppn_enabled": True,
    "prices_include_tax": True,
    "rounding_step": 100,
    "profile_version": 3,
    "profile_updated_at": AT,
}
PRODUCT: dict[str, Any] = {
    "id": PRODUCT_ID,
    "sku": "IND-001",
    "name": "Indomie Goreng",
    "category": "Mi instan",
    "price": 3500,
    "tax_code": "EXEMPT",
    "barcodes": ["089686010947"],
    "sold_by_weight": False,
    "unit": "pcs",
    "in_store_code": None,
    "active": True,
    "seq": 5,
}
TAX_CATEGORY: dict[str, Any] = {
    "code": "PPN",
    "name": "PPN 12%",
    "kind": "ppn_standard",
    "rate_bp": 1200,
    "base_numerator": 11,
    "base_denominator": 12,
    "seq": 2,
}
SALE_SUMMARY: dict[str, Any] = {
    "sale_id": SALE_ID,
    "store_code": "S01",
    "till_code": "T01",
    "receipt_no": "S01-T01-000123",
    "cashier_code": "C01",
    "sold_at": AT,
    "business_day": "2026-03-02",
    "received_at": "2026-03-02T03:15:09Z",
    "currency": "IDR",
    "subtotal": 7000,
    "discount_total": 0,
    "tax_total": 0,
    "rounding": 0,
    "total": 7000,
    "line_count": 1,
    "flags": [],
}
DEVICE: dict[str, Any] = {
    "device_id": DEVICE_ID,
    "store_code": "S01",
    "till_code": "T01",
    "name": "Kasir depan",
    "created_at": "2026-02-20T01:00:00Z",
    "last_sync_at": AT,
    "revoked_at": None,
}
STAFF: dict[str, Any] = {
    "id": STAFF_ID,
    "name": "Siti Rahayu",
    "role": "cashier",
    "stores": ["S01"],
    "active": True,
    "pin_set_at": AT,
    "created_at": "2026-02-20T01:00:00Z",
    "updated_at": AT,
}
API_KEY: dict[str, Any] = {
    "key_id": KEY_ID,
    "name": "Jurnal.id sync",
    "prefix": "posk_live_…_cPpMfSKU…",
    "scopes": ["refunds:read", "sales:read"],
    "stores": ["S01"],
    "created_at": AT,
    "created_by": USER_ID,
    "expires_at": None,
    "revoked_at": None,
    "last_used_at": LATER,
    "previous_secret_expires_at": None,
    "rate_limit_per_min": 600,
}
ALERT: dict[str, Any] = {
    "kind": "journal",
    "id": "c66fc7b8e489466f9bf0a8bd90755ad9",
    "store_code": "S01",
    "till_code": "T01",
    "at": AT,
    "reasons": ["gap"],
    "details": {"detail": "expected entry 2, found 3", "journal_id": JOURNAL_ID, "seq": 3},
    "reference": "#3",
    "total": None,
    "resolution": {
        "note": "Dicek dengan kasir; entri 2 hilang karena listrik padam.",
        "resolved_by": "pemilik@tokomakmur.id",
        "resolved_at": LATER,
    },
}
ENDPOINT: dict[str, Any] = {
    "id": ENDPOINT_ID,
    "url": "https://erp.tokomakmur.id/hooks/pos",
    "description": "Stok ke toko online",
    "event_types": ["sale.created", "stock.changed"],
    "allow_lan": False,
    "enabled": True,
    "disabled_at": None,
    "disabled_reason": None,
    "previous_secret_expires_at": None,
    "created_at": AT,
    "updated_at": AT,
}
STOCK_LEVEL: dict[str, Any] = {
    "product_id": PRODUCT_ID,
    "sku": "IND-001",
    "name": "Indomie Goreng",
    "quantity": "22",
    "quantity_milli": 22_000,
}
WHSEC_SAMPLE = "whsec_MfVvKqXw1n8c0yJ8d3bP4r2Lq6s9T0uVwXyZa1b2c3d="

EXAMPLES: dict[str, Any] = {
    "ProblemOut": {
        "type": "/problems/store.code_taken",
        "title": "Conflict",
        "status": 409,
        "code": "store.code_taken",
        "detail": "A store with code S01 exists.",
        "instance": "/v1/stores",
    },
    "Status": {"status": "ok"},
    "LoginIn": {
        "email": "pemilik@tokomakmur.id",
        "password": "kata sandi panjang",
        "totp": "492039",
    },
    "RefreshIn": {"refresh_token": f"{ORG}_44b023db827a4ca2a73505c4b07ff68c.bmoB-MmQGJbiSvpe"},
    "TokenPair": {
        "access_token": "at1.eyJleHAiOjE3OTY2OTEzMzF9.9PeqYliFp5TYXiP95HkaDDFhsYq16rh3BnOri1HCBmU",
        "token_type": "bearer",
        "expires_in": 900,
        "refresh_token": f"{ORG}_44b023db827a4ca2a73505c4b07ff68c.bmoB-MmQGJbiSvpe",
        "refresh_expires_in": 2592000,
    },
    "MeOut": {
        "user_id": USER_ID,
        "org_id": ORG,
        "org_name": "Toko Makmur",
        "email": "pemilik@tokomakmur.id",
        "role": "owner",
    },
    "EnrollIn": {"code": "DPG5-YA2T", "till_code": "T02", "name": "Kasir 2"},
    "EnrollOut": {
        "device_id": DEVICE_ID,
        "device_secret": "MMbPl0dgvV9zyZZaF8Hpsm5WJart8YnVI4az5vCpTwY",
        "org_id": ORG,
        "org_name": "Toko Makmur",
        "store_code": "S01",
        "store_name": "Toko Makmur Cabang Pasar Baru",
        "till_code": "T02",
    },
    "DeviceMe": {
        "device_id": DEVICE_ID,
        "org_id": ORG,
        "org_name": "Toko Makmur",
        "till_code": "T01",
        "store": STORE,
    },
    "TillCounters": {
        "till_code": "T01",
        "last_receipt_no": "S01-T01-000123",
        "last_journal_seq": 418,
    },
    "HeartbeatIn": {
        "sent_at": "2026-03-02T10:15:07+07:00",
        "app_version": "0.1.0",
        "unsent_sales": 2,
        "oldest_unsent_at": "2026-03-02T10:11:40+07:00",
        "needs_attention": 0,
        "clock_skew_s": -3,
        "printer": "ok",
        "last_sync_at": "2026-03-02T10:14:52+07:00",
    },
    "HeartbeatOut": {"received_at": AT},
    "EnrollmentCodeIn": {"till_code": "T02", "ttl_minutes": 15, "replace_existing": False},
    "EnrollmentCodeOut": {
        "code": "DPG5-YA2T",
        "store_code": "S01",
        "till_code": "T02",
        "expires_at": "2026-03-02T03:30:07Z",
    },
    "DeviceOut": DEVICE,
    "StoreIn": {
        "code": "S02",
        "name": "Toko Makmur Cabang Depok",
        "address": "Jl. Margonda Raya No. 88, Depok",
        "phone": "021-7654321",
        "ppn_enabled": True,
        "prices_include_tax": True,
        "rounding_step": 100,
    },
    "StorePatch": {
        "receipt_footer": ["Terima kasih", "Barang yang sudah dibeli tidak dapat ditukar"]
    },
    "StoreOut": STORE,
    "UserIn": {
        "email": "manajer@tokomakmur.id",
        "password": "rahasia panjang sekali",
        "role": "manager",
    },
    "UserOut": {
        "user_id": MANAGER_ID,
        "email": "manajer@tokomakmur.id",
        "role": "manager",
        "active": True,
    },
    "UserCreated": {
        "user_id": MANAGER_ID,
        "email": "manajer@tokomakmur.id",
        "role": "manager",
        "active": True,
        "totp_secret": "4GYOK6DZFK2MF4DYF5PXUKE5EMOX5AZY",
        "otpauth_uri": "otpauth://totp/POS%20Cloud:manajer@tokomakmur.id"
        "?secret=4GYOK6DZFK2MF4DYF5PXUKE5EMOX5AZY&issuer=POS%20Cloud&digits=6&period=30",
    },
    "ProductIn": {
        "sku": "IND-001",
        "name": "Indomie Goreng",
        "category": "Mi instan",
        "price": 3500,
        "tax_code": "EXEMPT",
        "barcodes": ["089686010947"],
        "cost_price": 2900,
        "reorder_point": "24",
    },
    "ProductPatch": {"price": 3700},
    "ProductOut": PRODUCT,
    "ProductDetail": {**PRODUCT, "cost_price": 2900, "reorder_point": "24"},
    "ImportResult": {"created": 12, "updated": 3, "unchanged": 240},
    "TaxCategoryIn": {"name": "PBJT 10%", "kind": "added_on_top", "rate_bp": 1000},
    "TaxCategoryOut": TAX_CATEGORY,
    "Tombstone": {"seq": 9, "kind": "product", "id": "c0ffee00c0ffee00c0ffee00c0ffee00"},
    "StaffChange": {
        "id": STAFF_ID,
        "name": "Siti Rahayu",
        "role": "cashier",
        "active": True,
        "pin_verifier": PIN_CHANGE["pin_verifier"],
        "seq": 7,
    },
    "CatalogPage": {
        "products": [PRODUCT],
        "tax_categories": [TAX_CATEGORY],
        "tombstones": [],
        "staff": [],
        "next_cursor": "7",
        "has_more": False,
    },
    "Sale": SALE,
    "SalesBatchIn": {"sales": [SALE], "sent_at": "2026-03-02T10:15:09+07:00"},
    "SaleAck": {"sale_id": SALE_ID, "status": "accepted", "reason": None, "flags": []},
    "SalesBatchOut": {
        "results": [{"sale_id": SALE_ID, "status": "accepted", "reason": None, "flags": []}]
    },
    "SaleSummary": SALE_SUMMARY,
    "SaleDetail": {**SALE_SUMMARY, "flag_details": {}, "sale": SALE},
    "DayTotal": {
        "day": "2026-03-02",
        "store_code": "S01",
        "sales": 214,
        "total": 5_873_400,
        "tax_total": 581_970,
        "discount_total": 42_000,
    },
    "StockLevel": STOCK_LEVEL,
    "StockLevels": {"store_code": "S01", "levels": [STOCK_LEVEL]},
    "StockMovementIn": {
        "store_code": "S01",
        "product_id": PRODUCT_ID,
        "quantity": "24",
        "reason": "receive",
        "ref": "PO-0412",
    },
    "StockMovementOut": {
        "movement_id": "17083966516044ae9910de106d97b675",
        "store_code": "S01",
        "product_id": PRODUCT_ID,
        "quantity_milli": 24_000,
        "reason": "receive",
    },
    "DocumentBatchIn": {"documents": [JOURNAL_ENTRY], "sent_at": "2026-03-02T10:15:09+07:00"},
    "DocumentAck": {"id": "1", "status": "accepted", "reason": None, "flags": []},
    "DocumentBatchOut": {
        "results": [{"id": "1", "status": "accepted", "reason": None, "flags": []}]
    },
    "JournalAlertOut": {
        "journal_id": JOURNAL_ID,
        "store_code": "S01",
        "till_code": "T01",
        "seq": 3,
        "kind": "gap",
        "detail": "expected entry 2, found 3",
        "detected_at": AT,
    },
    "JournalEntryOut": {key: value for key, value in JOURNAL_ENTRY.items() if key != "prev_hash"}
    | {"store_code": "S01", "till_code": "T01"},
    "RefundOut": {
        "refund_id": REFUND_ID,
        "refund_no": "S01-T01-R000007",
        "store_code": "S01",
        "till_code": "T01",
        "original_sale_id": SALE_ID,
        "refunded_at": LATER,
        "business_day": "2026-03-02",
        "received_at": "2026-03-02T04:02:47Z",
        "total": 3500,
        "counted": True,
        "flags": [],
        "flag_details": {},
        "refund": REFUND,
    },
    "SaleLookupOut": {"sale": SALE, "refunds": [REFUND]},
    "ShiftReportOut": {
        "report_id": "z-0001",
        "store_code": "S01",
        "till_code": "T01",
        "kind": "Z",
        "report_no": 12,
        "shift_id": "shift-0001-aaaa",
        "opened_at": "2026-03-02T00:00:00Z",
        "closed_at": "2026-03-02T08:00:00Z",
        "business_day": "2026-03-02",
        "received_at": "2026-03-02T08:00:04Z",
        "pending_sales": 4,
        "flags": [],
        "report": Z_REPORT,
    },
    "StaffIn": {"name": "Siti Rahayu", "role": "cashier", "stores": ["S01"], "pin": "4821"},
    "StaffPatch": {"stores": ["S01", "S02"]},
    "PinIn": {"pin": "739104"},
    "StaffOut": STAFF,
    "ResolveIn": {"note": "Dicek dengan kasir; entri 2 hilang karena listrik padam."},
    "AlertOut": ALERT,
    "ApiKeyIn": {
        "name": "Jurnal.id sync",
        "scopes": ["sales:read", "refunds:read"],
        "stores": ["S01"],
        "expires_at": "2027-03-01T00:00:00Z",
    },
    "RotateIn": {"overlap_seconds": 86400},
    "ApiKeyOut": API_KEY,
    "ApiKeyCreated": {
        **API_KEY,
        "secret": f"posk_live_{ORG}_{KEY_ID}_cPpMfSKUyZpUfIHXJV36Ns3WMUFZsexo8zu2UsaCO8X",
    },
    "EventTypeOut": {
        "type": "sale.created",
        "description": "A till's sale is stored in the cloud (once per sale, never for a "
        "duplicate).",
        "reserved": False,
    },
    "EndpointIn": {
        "url": "https://erp.tokomakmur.id/hooks/pos",
        "description": "Stok ke toko online",
        "event_types": ["sale.created", "stock.changed"],
    },
    "EndpointPatch": {"event_types": ["sale.created", "refund.created", "stock.changed"]},
    "EndpointOut": ENDPOINT,
    "EndpointCreated": {**ENDPOINT, "secret": WHSEC_SAMPLE},
    "SecretOut": {"secret": WHSEC_SAMPLE, "previous_secret_expires_at": "2026-03-03T03:15:07Z"},
    "Queued": {"event_id": EVENT_ID, "status": "pending"},
    "DeliveryOut": {
        "event_id": EVENT_ID,
        "event_type": "sale.created",
        "status": "delivered",
        "attempts": 1,
        "next_attempt_at": None,
        "last_attempt_at": AT,
        "last_status_code": 200,
        "last_latency_ms": 84,
        "last_error": None,
        "response_excerpt": '{"ok":true}',
        "delivered_at": AT,
        "created_at": AT,
    },
}
"""By component schema name."""

REQUEST_EXAMPLES: dict[str, Any] = {
    "pushJournal": {"documents": [JOURNAL_ENTRY], "sent_at": "2026-03-02T10:15:09+07:00"},
    "pushRefunds": {"documents": [REFUND], "sent_at": "2026-03-02T11:02:47+07:00"},
    "pushShiftReports": {"documents": [Z_REPORT], "sent_at": "2026-03-02T15:00:04+07:00"},
    "pushStaffPinChanges": {"documents": [PIN_CHANGE], "sent_at": "2026-03-02T10:20:02+07:00"},
}
"""By operation id: the four document pushes share one schema but not one document."""

ACCOUNTING_ROW = {
    "date": "2026-03-02",
    "store_code": "S01",
    "store_name": "Toko Makmur Cabang Pasar Baru",
    "sales_count": "214",
    "gross_sales": "5915400",
    "discounts": "42000",
    "net_sales": "5873400",
    "ppn_output": "581970",
    "sales_excl_ppn": "5291430",
    "sales_total": "5873400",
    "cash_taken": "3873400",
    "qris_taken": "2000000",
    "z_reports": "2",
}
STOCK_ROW = {
    "date": "2026-03-02",
    "store_code": "S01",
    "store_name": "Toko Makmur Cabang Pasar Baru",
    "product_id": PRODUCT_ID,
    "sku": "IND-001",
    "product_name": "Indomie Goreng",
    "reason": "sale",
    "movements": "22",
    "quantity": "-22",
    "cost_price": "2900",
    "value": "-63800",
    "cost_basis": COST_CURRENT,
}


def _csv(fields: tuple[Field, ...], row: dict[str, str]) -> str:
    """The header of the real columns and one line (a column not in ``row`` holds 0); the
    file itself starts with a UTF-8 byte order mark, left out here."""
    keys = [f.key for f in fields]
    return ";".join(keys) + "\r\n" + ";".join(row.get(k, "0") for k in keys) + "\r\n"


CSV_EXAMPLES: dict[str, str] = {
    "exportAccounting": _csv(ACCOUNTING_FIELDS, ACCOUNTING_ROW),
    "exportStockValue": _csv(STOCK_FIELDS, STOCK_ROW),
}
"""By operation id: the first lines of a CSV export."""


def page_example(schema: dict[str, Any], item: Any) -> dict[str, Any]:
    """A page of one item; ``next_cursor`` as a real one looks when the page has one."""
    page: dict[str, Any] = {"items": [item]}
    if "next_cursor" in schema.get("properties", {}):
        raw = json.dumps([item.get("code") or item.get("id") or "S01"]).encode()
        page["next_cursor"] = base64.urlsafe_b64encode(raw).decode("ascii")
    if "store_code" in schema.get("properties", {}):
        page["store_code"] = "S01"
    return page
