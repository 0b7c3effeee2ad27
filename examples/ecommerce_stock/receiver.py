"""The webhook receiver: the POS cloud's ``stock.changed`` events set the shop listings' stock.

What happens to one request, and why:

1. The signature and timestamp are checked (``signature.verify``) against the endpoint's secret,
   or both secrets during a rotation: anything else is answered 401 and nothing is stored.
2. The verified event is stored under its ``webhook-id`` (``state.SyncState.accept``). An id seen
   before is a redelivery: answered 200 (so the cloud stops sending it) and otherwise ignored,
   also after a restart, since the ids are kept in SQLite.
3. The answer goes out at once: the cloud waits 10 seconds at most, so the work is done after it
   by a separate thread (the *applier*).
4. The applier reads the store's current levels from the cloud (``GET /v1/stock``, one call for
   every event waiting) and sets each listing's stock to its product's level. A ``stock.changed``
   carries the change, not the level; setting the level read from the cloud (instead of adding
   the change) keeps the listing right even if an event was missed, and makes doing one twice
   harmless. An event older than one already applied for the same product is skipped.

Run it (see README.md)::

    POS_URL=https://pos.example.id POS_KEY=posk_live_... WEBHOOK_SECRETS=whsec_... \\
    python -m ecommerce_stock.receiver --store S01 --listen 127.0.0.1:8787
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Final

import httpx

from .pos import ApiProblem, Level, PosApi
from .shop import ShopCatalog
from .signature import RefusedWebhook, verify
from .state import StockEvent, SyncState

log = logging.getLogger(__name__)

MAX_BODY: Final = 1024 * 1024
"""The cloud's events are a few kilobytes (a sale's whole document at most)."""
IDLE_S: Final = 30.0
"""How often the applier looks for waiting events when nothing woke it (a safety net)."""
MAX_BACKOFF_S: Final = 300.0


class Applier:
    """Sets listings from waiting ``stock.changed`` events, oldest first."""

    def __init__(self, state: SyncState, shop: ShopCatalog, pos: PosApi, store_code: str) -> None:
        self.state = state
        self.shop = shop
        self.pos = pos
        self.store_code = store_code

    def apply_waiting(self) -> int:
        """Apply what waits now; how many events were done. :class:`ApiProblem` or
        ``httpx.HTTPError`` when the cloud cannot be read: the events stay waiting."""
        events = self.state.waiting()
        levels: dict[str, Level] | None = None
        for event in events:
            if event.store_code != self.store_code:
                self.state.finish(event, "another store", applied=False)
            elif self.state.is_outdated(event):
                log.info("event %s is older than one applied: skipped", event.webhook_id)
                self.state.finish(event, "older than one applied", applied=False)
            else:
                if levels is None:
                    levels = self.pos.stock_levels(self.store_code)
                outcome = self._set_listing(event, levels.get(event.product_id))
                self.state.finish(event, outcome, applied=True)
        return len(events)

    def _set_listing(self, event: StockEvent, level: Level | None) -> str:
        if level is None or level.sku is None:
            log.warning("product %s is not in the POS catalog's stock list", event.product_id)
            return "product unknown"
        stock = listing_stock(level)
        if not self.shop.set_stock(level.sku, stock):
            log.info("SKU %s changed in the POS but has no listing: nothing to set", level.sku)
            return "no listing"
        log.info("listing %s: stock %d (event %s)", level.sku, stock, event.webhook_id)
        return f"stock {stock}"

    def sync_all(self) -> int:
        """Set every listing from the cloud's levels once (the first run, or after a long
        outage); listings whose SKU has no stock in the cloud are left alone. How many set."""
        by_sku = {lv.sku: lv for lv in self.pos.stock_levels(self.store_code).values() if lv.sku}
        done = 0
        for listing in self.shop.all():
            level = by_sku.get(listing.sku)
            if level is None:
                log.warning("SKU %s has no stock in store %s", listing.sku, self.store_code)
                continue
            self.shop.set_stock(listing.sku, listing_stock(level))
            done += 1
        return done

    def run(self, stop: threading.Event, wake: threading.Event) -> None:
        """Until ``stop``: apply what waits, then sleep until woken; back off while failing."""
        backoff = 1.0
        while not stop.is_set():
            wake.clear()
            try:
                while self.apply_waiting():
                    pass
            except (ApiProblem, httpx.HTTPError, sqlite3.Error) as exc:
                log.error("cannot apply stock events yet: %s; again in %.0f s", exc, backoff)
                wake.wait(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            backoff = 1.0
            wake.wait(IDLE_S)


def listing_stock(level: Level) -> int:
    """What buyers may order: whole units, never below zero (a till may sell past zero)."""
    return max(0, level.quantity_milli // 1000)


@dataclass
class Inbox:
    """The HTTP side: verify, remember, wake the applier."""

    secrets: Sequence[str]
    state: SyncState
    path: str = "/hooks/pos"
    wake: threading.Event = field(default_factory=threading.Event)

    def receive(self, body: bytes, headers: dict[str, str]) -> tuple[int, dict[str, str]]:
        """The status and JSON answer for one request."""
        try:
            webhook = verify(self.secrets, body, headers)
            new = self.state.accept(webhook)
        except RefusedWebhook as exc:
            log.warning("refused a request: %s", exc)
            return exc.status, {"error": str(exc)}
        except sqlite3.Error:
            log.exception("cannot store a webhook; the cloud will send it again")
            return 503, {"error": "cannot store the event now"}
        if not new:
            log.info("webhook %s again: already accepted, ignored", webhook.webhook_id)
            return 200, {"status": "duplicate"}
        self.wake.set()
        return 200, {"status": "accepted"}


class _Handler(BaseHTTPRequestHandler):
    # HTTP/1.0 (the default): one request per connection. Keep-alive would save the cloud a
    # TCP handshake per event, but a stopped receiver's open connections would go on being
    # served by their threads; a few events a second need no more than this.
    server: _Server

    def do_POST(self) -> None:
        inbox = self.server.inbox
        if self.path.split("?", 1)[0] != inbox.path:
            self._answer(404, {"error": "not found"})
            return
        try:
            size = int(self.headers.get("Content-Length", ""))
        except ValueError:
            self._answer(411, {"error": "Content-Length required"})
            return
        if not 0 <= size <= MAX_BODY:
            self._answer(413, {"error": "body too large"})
            return
        body = self.rfile.read(size)
        headers = {name.lower(): value for name, value in self.headers.items()}
        self._answer(*inbox.receive(body, headers))

    def _answer(self, status: int, answer: dict[str, str]) -> None:
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s " + format, self.address_string(), *args)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], inbox: Inbox) -> None:
        super().__init__(address, _Handler)
        self.inbox = inbox


class StockReceiver:
    """The HTTP server and the applier thread together; ``port`` 0 takes a free port."""

    def __init__(self, inbox: Inbox, applier: Applier, host: str, port: int) -> None:
        self.inbox = inbox
        self.applier = applier
        self._server = _Server((host, port), inbox)
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._server.serve_forever, name="webhooks", daemon=True),
            threading.Thread(
                target=applier.run, args=(self._stop, inbox.wake), name="applier", daemon=True
            ),
        ]

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}{self.inbox.path}"

    def start(self) -> StockReceiver:
        for thread in self._threads:
            thread.start()
        return self

    def stop(self) -> None:
        """Stop listening, let the applier finish the event in hand, close the files."""
        if self._stop.is_set():
            return
        self._server.shutdown()
        self._server.server_close()
        self._stop.set()
        self.inbox.wake.set()
        for thread in self._threads:
            thread.join(timeout=60)
        self.applier.pos.close()


def build_applier(
    *, pos_url: str, api_key: str, store_code: str, catalog: Path, state: Path
) -> Applier:
    """The applier alone (``--sync-once`` needs no HTTP server). Its API calls are tried once
    each: its own loop retries them, so stopping never waits for a retry's sleep."""
    pos = PosApi(pos_url, api_key, attempts=1)
    return Applier(SyncState(state), ShopCatalog(catalog), pos, store_code)


def build(
    applier: Applier,
    secrets: Sequence[str],
    *,
    listen: tuple[str, int] = ("127.0.0.1", 8787),
    path: str = "/hooks/pos",
) -> StockReceiver:
    """A receiver ready to ``start``: ``secrets`` are the endpoint's signing secrets (two
    during a rotation, the new and the old)."""
    if not secrets:
        raise ValueError("give the endpoint's signing secret (WEBHOOK_SECRETS=whsec_...)")
    inbox = Inbox(secrets=list(secrets), state=applier.state, path=path)
    return StockReceiver(inbox, applier, *listen)


def _listen(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host or "127.0.0.1", int(port)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    parser.add_argument("--store", required=True, help="the POS store whose stock is online")
    parser.add_argument("--listen", type=_listen, default=("127.0.0.1", 8787), help="HOST:PORT")
    parser.add_argument("--path", default="/hooks/pos", help="the URL path of the endpoint")
    parser.add_argument("--catalog", type=Path, default=Path("shop.db"))
    parser.add_argument("--state", type=Path, default=Path("sync-state.db"))
    parser.add_argument(
        "--sync-once", action="store_true", help="set every listing from the cloud, then exit"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        applier = build_applier(
            pos_url=os.environ["POS_URL"],
            api_key=os.environ["POS_KEY"],
            store_code=args.store,
            catalog=args.catalog,
            state=args.state,
        )
    except KeyError as exc:
        log.error("set the environment variable %s (see README.md)", exc.args[0])
        return 2
    if args.sync_once:
        return _sync_once(applier)
    try:
        receiver = build(
            applier,
            os.environ.get("WEBHOOK_SECRETS", "").split(),
            listen=args.listen,
            path=args.path,
        )
    except ValueError as exc:
        log.error("%s", exc)
        return 2
    receiver.start()
    log.info("listening on %s", receiver.url)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        receiver.stop()
    return 0


def _sync_once(applier: Applier) -> int:
    try:
        log.info("%d listings set", applier.sync_all())
    except (ApiProblem, httpx.HTTPError) as exc:
        log.error("%s", exc)
        return 1
    finally:
        applier.pos.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
