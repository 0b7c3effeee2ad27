"""What the OpenAPI document says beyond the routes, applied to it after FastAPI builds it.

* Operation ids: client generators name their methods after ``operationId``; FastAPI's default
  (``create_enrollment_code_v1_stores__code__enrollment_codes_post``) leaks the path and the
  method into every name, so ids are the route function's name in lowerCamelCase
  (``createEnrollmentCode``), which the function names keep unique and stable.
* ``info.version`` is the package's, ``servers`` the configured public address or ``/``.
* The ``Idempotency-Key`` parameter on every owner POST (``server_stub.idempotency``).
* An example for every body (``api.examples``).
* The problem codes each error answer carries (:data:`PROBLEM_CODES`).
"""

from __future__ import annotations

import importlib.metadata
from typing import Any

from fastapi.routing import APIRoute

from server_stub import idempotency
from server_stub.api import examples
from server_stub.api.responses import errors
from server_stub.api.scopes import SCOPE_EXTENSION
from server_stub.models.idempotency import KEY_LENGTH

DISTRIBUTION = "pos-desktop"
"""The distribution ``server_stub`` ships in (pyproject.toml ``[project] name``)."""


def operation_id(route: APIRoute) -> str:
    """``list_sales`` -> ``listSales``: FastAPI's ``generate_unique_id_function``."""
    head, *rest = route.name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def package_version() -> str:
    """The installed package's version, so the document's ``info.version`` says which build
    answers; ``0.0.0`` when run from a checkout that was never installed.

    The metadata is the product's one version (``pos_desktop.__version__``, which pyproject.toml
    hands the build as its dynamic version); the cloud reads it there because it may import
    nothing of the till but its domain (the import-linter contracts)."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0"


def servers(public_url: str | None) -> list[dict[str, str]]:
    """``/`` (wherever the document was fetched from) unless the operator named the public
    address (``POS_SERVER_PUBLIC_URL``), which a generated client then uses as its base."""
    if public_url:
        return [{"url": public_url.rstrip("/") or "/", "description": "This server"}]
    return [{"url": "/", "description": "The server this document was fetched from"}]


IDEMPOTENCY_PARAMETER = "IdempotencyKey"
REPLAYED_HEADER = "IdempotentReplayed"


def idempotency_components() -> dict[str, Any]:
    parameter = {
        "name": idempotency.HEADER,
        "in": "header",
        "required": False,
        "description": (
            "Makes the POST safe to send again: the same key with the same request within 24 "
            "hours answers with the first answer (and `Idempotent-Replayed: true`) instead of "
            "doing it twice. Keys belong to the caller (a person or an API key). The same key "
            "with another method, path or body is 422 `idempotency.key_reused`; while the "
            "first request runs, 409 `idempotency.in_progress`. A 5xx answer is not kept."
        ),
        "schema": {
            "type": "string",
            "minLength": 1,
            "maxLength": KEY_LENGTH,
            "pattern": idempotency.KEY_PATTERN,
        },
        "example": "6f1c2a9e-1d3b-4c55-9a0e-3b7d2f4c8e10",
    }
    header = {
        "description": "`true` when this is the stored answer to an earlier request with the "
        "same `Idempotency-Key`.",
        "schema": {"type": "string", "enum": ["true"]},
    }
    return {"parameters": {IDEMPOTENCY_PARAMETER: parameter}, "headers": {REPLAYED_HEADER: header}}


def document_idempotency(schema: dict[str, Any]) -> None:
    """Every owner-API POST (an operation with a required scope): the ``Idempotency-Key``
    parameter, the 409 and 422 it can cause, and the replay header on its success answers.
    Run after ``scopes.document_scopes``, which marks owner operations."""
    components = schema.setdefault("components", {})
    for kind, entries in idempotency_components().items():
        components.setdefault(kind, {}).update(entries)
    in_progress = "`idempotency.in_progress`: a request with this `Idempotency-Key` still runs"
    reused = (
        "`idempotency.key_reused`: the `Idempotency-Key` was used with another request; "
        "`idempotency.key_invalid`: it is not 1 to 255 printable characters"
    )
    for item in schema.get("paths", {}).values():
        operation = item.get("post")
        if not isinstance(operation, dict) or SCOPE_EXTENSION not in operation:
            continue
        ref = {"$ref": f"#/components/parameters/{IDEMPOTENCY_PARAMETER}"}
        parameters = operation.setdefault("parameters", [])
        if ref not in parameters:
            parameters.append(ref)
        answers = operation.setdefault("responses", {})
        for status, note in (("409", in_progress), ("422", reused)):
            if status not in answers:
                answers[status] = errors(int(status), **{f"s{status}": note})[int(status)]
            elif note not in answers[status]["description"]:
                answers[status]["description"] += f"; or {note}"
        for status, answer in answers.items():
            if status.startswith("2"):
                answer.setdefault("headers", {})[idempotency.REPLAYED_HEADER] = {
                    "$ref": f"#/components/headers/{REPLAYED_HEADER}"
                }


def document_examples(schema: dict[str, Any]) -> None:
    """An example for every request body and success answer (``api.examples``): on the
    component schemas by name, on pages from their items', and on the media of the operations
    whose schema is not one component (an optional body, a list, a CSV file)."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for name, example in examples.EXAMPLES.items():
        if name in components:
            components[name].setdefault("examples", [example])
    for component in components.values():
        item = _page_item(components, component)
        if "examples" not in component and item is not None and "examples" in item:
            component["examples"] = [examples.page_example(component, item["examples"][0])]
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            if isinstance(operation, dict):
                _operation_examples(components, operation)


def _page_item(components: dict[str, Any], component: dict[str, Any]) -> dict[str, Any] | None:
    items = component.get("properties", {}).get("items", {})
    ref = items.get("items", {}).get("$ref") if items.get("type") == "array" else None
    return components.get(ref.rsplit("/", 1)[-1]) if ref else None


def _operation_examples(components: dict[str, Any], operation: dict[str, Any]) -> None:
    op_id = operation.get("operationId", "")
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        if op_id in examples.REQUEST_EXAMPLES:
            body["example"] = examples.REQUEST_EXAMPLES[op_id]
        _derive(components, body)
    for status, answer in operation.get("responses", {}).items():
        if not status.startswith("2"):
            continue
        for media_type, media in answer.get("content", {}).items():
            if media_type.startswith("text/csv") and op_id in examples.CSV_EXAMPLES:
                media.setdefault("example", examples.CSV_EXAMPLES[op_id])
            elif media_type == "application/json":
                _derive(components, media)


def _derive(components: dict[str, Any], media: dict[str, Any]) -> None:
    """A media example where its schema is an optional body or a list of one component."""
    if "example" in media:
        return
    schema = media.get("schema", {})
    branches = [b for b in schema.get("anyOf", []) if b.get("type") != "null"]
    if len(branches) == 1:
        found = _example_of(components, branches[0])
        if found is not None:
            media["example"] = found
    elif schema.get("type") == "array":
        found = _example_of(components, schema.get("items", {}))
        if found is not None:
            media["example"] = [found]


def _example_of(components: dict[str, Any], schema: dict[str, Any]) -> Any:
    ref = schema.get("$ref", "")
    listed = components.get(ref.rsplit("/", 1)[-1], {}).get("examples") if ref else None
    return listed[0] if listed else None


_STORE = "store.not_found"
_PAGE = "page.bad_cursor"
Codes = dict[int, tuple[str, ...]]

_SYNC: Codes = {413: ("sync.batch_too_large",), 422: ("sync.bad_sent_at",)}
_STAFF: Codes = {403: ("staff.not_allowed", "auth.store_limited"), 422: ("staff.unknown_store",)}
_STAFF_ONE: Codes = {
    **_STAFF,
    404: ("staff.not_found",),
    422: ("staff.unknown_store", "staff.null_field"),
}
_PRODUCT_WRITE: Codes = {
    409: ("product.sku_taken", "product.barcode_taken", "product.id_taken", "product.conflict"),
    422: ("product.duplicate_barcode", "product.unknown_tax_code", "product.null_field"),
}
_KEY_ONE: Codes = {403: ("auth.key_broader",), 404: ("api_key.not_found",)}
_KEY_WRITE: Codes = {
    403: ("auth.key_broader",),
    422: (
        "api_key.unknown_scope",
        "api_key.unknown_store",
        "api_key.expiry_past",
        "api_key.bad_overlap",
    ),
}
_HOOK_ONE: Codes = {404: ("webhook.not_found",)}
_HOOK_WRITE: Codes = {
    403: ("auth.store_limited",),
    422: ("webhook.target_refused", "webhook.null_field"),
}

PROBLEM_CODES: dict[str, Codes] = {
    "getReadiness": {503: ("not_ready",)},
    "login": {401: ("auth.invalid_credentials",), 429: ("auth.throttled",)},
    "refreshTokens": {401: ("auth.invalid_refresh_token",)},
    "logout": {401: ("auth.invalid_refresh_token",)},
    "enrollTill": {
        400: ("enroll.invalid_code",),
        409: ("enroll.till_code_in_use", "enroll.till_code_mismatch"),
        429: ("auth.throttled",),
    },
    "sendHeartbeat": {422: ("heartbeat.bad_time",)},
    "createEnrollmentCode": {404: (_STORE,)},
    "listTills": {422: (_PAGE,)},
    "revokeTill": {404: ("device.not_found",)},
    "listStores": {422: (_PAGE,)},
    "createStore": {403: ("auth.store_limited",), 409: ("store.code_taken",)},
    "getStore": {404: (_STORE,)},
    "updateStore": {404: (_STORE,)},
    "listUsers": {422: (_PAGE,)},
    "createUser": {
        403: ("auth.store_limited",),
        409: ("user.email_taken",),
        422: ("user.bad_role", "user.password_too_short"),
    },
    "listProducts": {422: ("products.bad_cursor",)},
    "createProduct": _PRODUCT_WRITE,
    "getProduct": {404: ("product.not_found",)},
    "updateProduct": {**_PRODUCT_WRITE, 404: ("product.not_found",)},
    "deleteProduct": {404: ("product.not_found",)},
    "importProducts": {
        409: ("product.conflict",),
        415: ("import.content_type",),
        422: (
            "import.rows_invalid",
            "import.missing_columns",
            "import.unreadable",
            "import.charset",
            "import.not_utf8",
            "import.not_text",
            "import.binary",
        ),
    },
    "listTaxCategories": {422: (_PAGE,)},
    "deleteTaxCategory": {404: ("tax_category.not_found",), 409: ("tax_category.in_use",)},
    "pushSales": _SYNC,
    "pullCatalog": {422: ("catalog.bad_cursor",)},
    "listSales": {404: (_STORE,), 422: ("sales.bad_cursor",)},
    "getDailyTotals": {404: (_STORE,), 422: (_PAGE,)},
    "getSale": {404: ("sale.not_found",)},
    "getStockLevels": {404: (_STORE,), 422: (_PAGE,)},
    "createStockMovement": {404: (_STORE,), 422: ("stock.zero", "stock.online_sale_positive")},
    "pushJournal": _SYNC,
    "listJournalAlerts": {404: (_STORE,), 422: (_PAGE,)},
    "listJournalEntries": {404: (_STORE,), 422: (_PAGE,)},
    "pushRefunds": _SYNC,
    "lookupSaleByReceipt": {404: ("sale.not_found",), 409: ("refund.other_store",)},
    "listRefunds": {404: (_STORE,), 422: (_PAGE,)},
    "pushShiftReports": _SYNC,
    "listShiftReports": {404: (_STORE,), 422: (_PAGE,)},
    "createStaff": _STAFF,
    "listStaff": {**_STAFF, 422: ("staff.unknown_store", _PAGE)},
    "getStaff": _STAFF_ONE,
    "updateStaff": _STAFF_ONE,
    "deactivateStaff": _STAFF_ONE,
    "resetStaffPin": _STAFF_ONE,
    "pushStaffPinChanges": _SYNC,
    "listAlerts": {404: (_STORE,), 422: (_PAGE,)},
    "getAlert": {404: ("alert.not_found",)},
    "resolveAlert": {404: ("alert.not_found",), 409: ("alert.resolved",)},
    "listWebhookEventTypes": {403: ("auth.store_limited",)},
    "listWebhookEndpoints": {403: ("auth.store_limited",)},
    "createWebhookEndpoint": {**_HOOK_WRITE, 409: ("webhook.too_many",)},
    "getWebhookEndpoint": {403: ("auth.store_limited",), **_HOOK_ONE},
    "updateWebhookEndpoint": {**_HOOK_WRITE, **_HOOK_ONE},
    "deleteWebhookEndpoint": {403: ("auth.store_limited",), **_HOOK_ONE},
    "rotateWebhookSecret": {403: ("auth.store_limited",), **_HOOK_ONE},
    "listWebhookDeliveries": {
        403: ("auth.store_limited",),
        **_HOOK_ONE,
        422: ("webhook.bad_cursor",),
    },
    "redeliverWebhook": {
        403: ("auth.store_limited",),
        404: ("webhook.not_found", "webhook.delivery_not_found"),
        409: ("webhook.disabled",),
    },
    "sendWebhookTest": {403: ("auth.store_limited",), **_HOOK_ONE, 409: ("webhook.disabled",)},
    "listApiKeys": {422: (_PAGE,)},
    "createApiKey": _KEY_WRITE,
    "getApiKey": {404: ("api_key.not_found",)},
    "revokeApiKey": _KEY_ONE,
    "rotateApiKey": {**_KEY_WRITE, **_KEY_ONE, 409: ("api_key.revoked",)},
    "exportAccounting": {404: (_STORE,), 422: ("export.bad_range",)},
    "exportStockValue": {404: (_STORE,), 422: ("export.bad_range",)},
}
"""The problem codes an operation answers beyond those every operation can (which
``api.responses.DESCRIPTIONS`` names), by operation id and status."""


def document_problems(schema: dict[str, Any]) -> None:
    """Each error answer names the problem codes it carries (``type`` is ``/problems/<code>``):
    the operation's own from :data:`PROBLEM_CODES`, and on each scoped operation the API key's
    (``auth.scope_missing`` naming the scope, ``auth.rate_limited``)."""
    for item in schema.get("paths", {}).values():
        for operation in item.values():
            if not isinstance(operation, dict):
                continue
            answers = operation.get("responses", {})
            codes = dict(PROBLEM_CODES.get(operation.get("operationId", ""), {}))
            scope = operation.get(SCOPE_EXTENSION)
            if scope is not None:
                codes[429] = ("auth.rate_limited", *codes.get(429, ()))
            for status, named in codes.items():
                answer = answers.get(str(status))
                if answer is None:
                    answer = answers[str(status)] = errors(status)[status]
                missing = [c for c in named if f"`{c}`" not in answer["description"]]
                if missing:
                    listed = ", ".join(f"`{c}`" for c in missing)
                    answer["description"] = f"{answer['description']}; problem codes: {listed}"
            if scope is not None:
                note = f" (`auth.scope_missing`: an API key without `{scope}`)"
                if note not in answers["403"]["description"]:
                    answers["403"]["description"] += note
