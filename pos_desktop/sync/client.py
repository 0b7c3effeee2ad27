"""The cloud API as the till calls it, over ``httpx`` with timeouts on every request.

Every failure becomes one of a few ``CloudError`` kinds, because what the sync worker does next
depends only on the kind: ``Unreachable`` (no answer: offline, reset, timed out; try again when
the network is back), ``ServerTrouble`` (the server answered 5xx/429 or nonsense; back off),
``AuthRejected`` (the till was unpaired or its credential is wrong; stop and say so),
``BatchTooLarge`` (send fewer at once) and ``Refused`` (any other 4xx; a bug or bad input).

Only ``sync`` (the worker thread, ``pos-desktop enroll``) calls this; the UI thread never does.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx

from pos_desktop.domain.sync_messages import Ack, CatalogPage, CloudStore
from pos_desktop.sync import wire
from pos_desktop.sync.status import ClockCheck, check_clock
from pos_desktop.sync.urls import check_server_url, tls_context

if TYPE_CHECKING:
    from pos_desktop.sync.config import SyncConfig

log = logging.getLogger(__name__)

USER_AGENT = "pos-desktop-sync"


class CloudError(Exception):
    """A request that did not get the answer it needed."""


class Unreachable(CloudError):
    """No answer at all: connection refused, reset, timed out, cut mid-response."""


class ServerTrouble(CloudError):
    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class AuthRejected(CloudError):
    """401/403: the till is not (or no longer) paired, or its credential is wrong."""


class BatchTooLarge(CloudError):
    def __init__(self, message: str, max_batch: int | None) -> None:
        super().__init__(message)
        self.max_batch = max_batch


class Refused(CloudError):
    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(f"{status} {code}: {detail}")
        self.status = status
        self.code = code
        self.detail = detail


@dataclass(frozen=True, slots=True)
class Enrolled:
    device_id: str
    device_secret: str
    org_id: str
    org_name: str
    store_code: str
    store_name: str
    till_code: str


@dataclass(frozen=True, slots=True)
class DeviceInfo:
    device_id: str
    org_id: str
    org_name: str
    store: CloudStore


def _problem(response: httpx.Response) -> tuple[str, str]:
    try:
        body = response.json()
    except ValueError:
        return "http", response.text[:200]
    if isinstance(body, dict):
        return str(body.get("code") or "http"), str(body.get("detail") or body.get("title") or "")
    return "http", str(body)[:200]


def _answered_at(response: httpx.Response) -> datetime | None:
    """The server's clock when it answered (its ``Date`` header), if it sent a readable one."""
    value = response.headers.get("date")
    if not value:
        return None
    try:
        return parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None


def _retry_after(response: httpx.Response) -> float | None:
    value = response.headers.get("retry-after")
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None


class CloudClient:
    """One ``httpx.Client`` (a keep-alive connection pool) for one server and credential."""

    def __init__(
        self,
        base_url: str,
        *,
        token: str | None = None,
        ca_bundle: Path | None = None,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.base_url = check_server_url(base_url)
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        self._http = httpx.Client(
            base_url=self.base_url,
            headers=headers,
            verify=tls_context(ca_bundle),
            timeout=httpx.Timeout(
                connect=connect_timeout, read=read_timeout, write=read_timeout, pool=connect_timeout
            ),
            transport=transport,
            follow_redirects=False,
            trust_env=False,
        )
        self.clock_check: ClockCheck | None = None
        """What the latest answer about newly stored sales said about the till's clock."""

    @classmethod
    def configured(
        cls,
        base_url: str,
        config: SyncConfig,
        *,
        token: str | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> CloudClient:
        """A client with the till's ``[sync]`` CA bundle and timeouts."""
        return cls(
            base_url,
            token=token,
            ca_bundle=config.ca_bundle,
            connect_timeout=config.connect_timeout_s,
            read_timeout=config.read_timeout_s,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> CloudClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- plumbing -------------------------------------------------------------------------------

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self._http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise Unreachable(f"{method} {path}: {type(exc).__name__}: {exc}") from exc
        status = response.status_code
        if status < 400:
            return response
        code, detail = _problem(response)
        if status in (401, 403):
            raise AuthRejected(f"{status} {code}: {detail}")
        if status == 413:
            try:
                max_batch = int(response.json().get("max_batch"))
            except (ValueError, TypeError, AttributeError):
                max_batch = None
            raise BatchTooLarge(f"{code}: {detail}", max_batch)
        if status in (408, 429) or status >= 500:
            raise ServerTrouble(f"{status} {code}: {detail}", _retry_after(response))
        raise Refused(status, code, detail)

    def _json(self, response: httpx.Response) -> Any:
        try:
            return json.loads(response.content)
        except ValueError as exc:
            raise ServerTrouble(f"unreadable answer: {exc}") from exc

    # -- the API ----------------------------------------------------------------------------

    def get_json(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """``GET`` an API resource; the ``CloudError`` kinds as for every request."""
        return self._json(self._send("GET", path, params=params))

    def probe(self) -> None:
        """A cheap request that answers whether the cloud is reachable and ready."""
        self._send("GET", "/readyz")

    def enroll(self, code: str, till_code: str | None = None, name: str = "") -> Enrolled:
        body: dict[str, Any] = {"code": code, "name": name}
        if till_code:
            body["till_code"] = till_code
        data = self._json(self._send("POST", "/v1/devices/enroll", json=body))
        try:
            return Enrolled(
                device_id=str(data["device_id"]),
                device_secret=str(data["device_secret"]),
                org_id=str(data["org_id"]),
                org_name=str(data["org_name"]),
                store_code=str(data["store_code"]),
                store_name=str(data["store_name"]),
                till_code=str(data["till_code"]),
            )
        except (KeyError, TypeError) as exc:
            raise ServerTrouble(f"enroll answer lacks {exc}") from exc

    def device_me(self) -> DeviceInfo:
        data = self._json(self._send("GET", "/v1/devices/me"))
        try:
            store = data["store"]
            return DeviceInfo(
                device_id=str(data["device_id"]),
                org_id=str(data["org_id"]),
                org_name=str(data["org_name"]),
                store=wire.cloud_store(store, data),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ServerTrouble(f"devices/me answer lacks {exc}") from exc

    def send_heartbeat(self, body: dict[str, Any], timeout: float) -> None:
        """Tell the cloud how this till is (``sync.heartbeat``), waiting at most ``timeout``."""
        self._send("POST", "/v1/devices/me/heartbeat", json=body, timeout=timeout)

    def push_sales(self, documents: Sequence[str], sent_at: datetime) -> list[Ack]:
        """Send stored sale documents as they are; one ``Ack`` per sale, in order."""
        acks, answered_at = self._push("/v1/sync/sales", "sales", "sale_id", documents, sent_at)
        check = check_clock([(a.status, a.flags) for a in acks], sent_at, answered_at)
        if check is not None:
            self.clock_check = check
        return acks

    def push_documents(self, path: str, documents: Sequence[str], sent_at: datetime) -> list[Ack]:
        """Send stored refunds or shift reports (``/v1/sync/refunds``, ``.../shift-reports``)
        or journal entries (``/v1/sync/journal``); one ``Ack`` per document, in order."""
        return self._push(path, "documents", "id", documents, sent_at)[0]

    def _push(
        self, path: str, field: str, id_key: str, documents: Sequence[str], sent_at: datetime
    ) -> tuple[list[Ack], datetime | None]:
        # The stored JSON goes out byte for byte: no parse and re-encode on the till.
        body = (
            b'{"sent_at":'
            + json.dumps(sent_at.isoformat()).encode()
            + b',"'
            + field.encode()
            + b'":['
            + b",".join(doc.encode("utf-8") for doc in documents)
            + b"]}"
        )
        response = self._send(
            "POST", path, content=body, headers={"Content-Type": "application/json"}
        )
        data = self._json(response)
        try:
            acks = wire.acks(data, id_key)
        except (KeyError, TypeError, AttributeError) as exc:
            raise ServerTrouble(f"{path} answer unreadable: {exc}") from exc
        if len(acks) != len(documents):
            raise ServerTrouble(f"{len(acks)} answers for {len(documents)} {field}")
        return acks, _answered_at(response)

    def catalog_page(self, cursor: str | None, limit: int) -> CatalogPage:
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        data = self._json(self._send("GET", "/v1/sync/catalog", params=params))
        try:
            return wire.catalog_page(data)
        except (KeyError, TypeError, ValueError) as exc:
            raise ServerTrouble(f"catalog page unreadable: {exc}") from exc

    def stock_levels(self) -> list[tuple[str, int]]:
        data = self._json(self._send("GET", "/v1/sync/stock"))
        try:
            return [(str(s["product_id"]), int(s["quantity_milli"])) for s in data["levels"]]
        except (KeyError, TypeError, ValueError) as exc:
            raise ServerTrouble(f"stock answer unreadable: {exc}") from exc
