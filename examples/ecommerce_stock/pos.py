"""The few calls this integration makes to the POS cloud's owner API, with an API key.

The key needs three scopes and nothing more: ``stock:read`` (levels), ``stock:write`` (an online
order as a movement) and ``products:read`` (a SKU's product id). Every refusal of the cloud is
``application/problem+json`` with a stable ``code``; :class:`ApiProblem` turns it into a sentence
that says what to do. What may pass by itself is retried (a dropped connection, a 5xx, ``429``
after its ``Retry-After``, ``409 idempotency.in_progress``); a POST is retried with the same
``Idempotency-Key``, so the retry of a movement that did happen is answered from the cloud's
memory instead of moving the stock twice.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

import httpx

log = logging.getLogger(__name__)

RETRY_STATUSES: Final = frozenset({429, 500, 502, 503, 504})
HINTS: Final = {
    "auth.invalid_api_key": "POS_KEY is not a key of this cloud: copy it again from Kunci API",
    "auth.api_key_revoked": "the owner revoked this API key: ask for a new one",
    "auth.api_key_expired": "this API key has expired: ask the owner for a new one",
    "auth.api_key_rotated": "this key's secret was replaced: use the new secret",
    "auth.scope_missing": "give the key the scope {scope} (back office, Kunci API)",
    "store.not_found": "this key sees no such store: check --store",
    "idempotency.in_progress": (
        "the cloud is still busy with the first push of this line: run the same file again "
        "in a few minutes"
    ),
    "idempotency.key_reused": (
        "this order line was pushed before with another quantity or product; correct the "
        "stock by hand (a stock movement with reason adjust) instead of pushing it again"
    ),
}


class ApiProblem(Exception):
    """A refusal from the cloud (or no answer at all, ``status`` 0), worded for a person."""

    def __init__(self, status: int, code: str, detail: str, extra: dict[str, Any]) -> None:
        hint = HINTS.get(code, "")
        if hint:
            hint = hint.format(scope=extra.get("scope", "?"))
        message = f"{status} {code}: {detail}" + (f" ({hint})" if hint else "")
        super().__init__(message)
        self.status = status
        self.code = code

    @property
    def retryable(self) -> bool:
        return (
            self.status == 0
            or self.status in RETRY_STATUSES
            or self.code == "idempotency.in_progress"
        )

    @classmethod
    def from_response(cls, response: httpx.Response) -> ApiProblem:
        try:
            body = response.json()
        except ValueError:
            body = None
        if not isinstance(body, dict):
            body = {}
        code = str(body.get("code") or f"http.{response.status_code}")
        detail = str(body.get("detail") or body.get("title") or response.reason_phrase)
        return cls(response.status_code, code, detail, body)


@dataclass(frozen=True, slots=True)
class Level:
    """A product's stock in a store: ``quantity_milli`` is thousandths (3 pieces = 3000)."""

    product_id: str
    sku: str | None
    quantity_milli: int


@dataclass(frozen=True, slots=True)
class Movement:
    movement_id: str
    replayed: bool
    """The cloud had this Idempotency-Key already: nothing was moved this time."""


class PosApi:
    """``base_url``: the cloud (``https://pos.example.id``); ``api_key``: ``posk_live_...``."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        attempts: int = 5,
        timeout_s: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._http = httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Bearer {api_key}", "User-Agent": "ecommerce-stock/1"},
            timeout=timeout_s,
        )
        self._attempts = attempts
        self._sleep = sleep

    def close(self) -> None:
        self._http.close()

    def _call(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One request, retried while the failure may pass; :class:`ApiProblem` otherwise."""
        for attempt in range(1, self._attempts + 1):
            try:
                response = self._http.request(method, path, **kwargs)
            except httpx.TransportError as exc:
                problem = ApiProblem(0, "network", f"no answer from the cloud: {exc}", {})
                wait = 2.0 ** (attempt - 1)
            else:
                if response.is_success:
                    return response
                problem = ApiProblem.from_response(response)
                wait = float(response.headers.get("Retry-After") or 2.0 ** (attempt - 1))
            if not problem.retryable or attempt == self._attempts:
                raise problem
            log.warning("%s %s: %s; trying again in %.0f s", method, path, problem, wait)
            self._sleep(min(wait, 60.0))
        raise AssertionError("unreachable")

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        """Every item of a list, page after page (``next_cursor`` until it is null)."""
        cursor: str | None = None
        while True:
            query = {**params, "cursor": cursor} if cursor else params
            body = self._call("GET", path, params=query).json()
            yield from body["items"]
            cursor = body.get("next_cursor")
            if not cursor:
                return

    def stock_levels(self, store_code: str) -> dict[str, Level]:
        """The store's level of every product with stock movements, by product id."""
        items = self._pages("/v1/stock", {"store": store_code, "limit": 5000})
        return {
            i["product_id"]: Level(i["product_id"], i.get("sku"), int(i["quantity_milli"]))
            for i in items
        }

    def product_id(self, sku: str) -> str | None:
        """The POS product id of ``sku`` (``None``: no such product in the POS catalog)."""
        for item in self._pages("/v1/products", {"q": sku, "limit": 100}):
            if item["sku"] == sku:
                return str(item["id"])
        return None

    def move_stock(
        self,
        *,
        store_code: str,
        product_id: str,
        quantity: str,
        reason: str,
        ref: str,
        idempotency_key: str,
    ) -> Movement:
        """One stock movement (``quantity``: signed decimal text, ``"-2"`` takes two out)."""
        body = {
            "store_code": store_code,
            "product_id": product_id,
            "quantity": quantity,
            "reason": reason,
            "ref": ref,
        }
        response = self._call(
            "POST", "/v1/stock/movements", json=body, headers={"Idempotency-Key": idempotency_key}
        )
        replayed = response.headers.get("Idempotent-Replayed", "").lower() == "true"
        return Movement(str(response.json()["movement_id"]), replayed)
