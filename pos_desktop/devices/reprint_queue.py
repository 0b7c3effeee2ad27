"""Receipts that did not print, kept as files until they are printed.

A failed print never loses a receipt and never blocks the next sale: the bytes wait here, one
``<receipt no>.bin`` beside a small ``<receipt no>.json`` saying why and when. Both are written
atomically (the ``.json`` last, so a listed entry always has its bytes), which keeps the queue
correct across a crash without a table in the database. The bytes queued are the copy
(SALINAN / COPY): part of the original may already have come out of the printer.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pos_desktop.receipts.sink import write_atomically

log = logging.getLogger(__name__)

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")


@dataclass(frozen=True, slots=True)
class QueuedReceipt:
    receipt_no: str
    reason: str
    """The ``UserError`` code that stopped it (``printer.paper_out``)."""
    queued_at: datetime
    path: Path

    def read(self) -> bytes:
        return self.path.read_bytes()


class ReprintQueue:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._lock = threading.Lock()

    def _stem(self, receipt_no: str) -> str:
        return _UNSAFE.sub("_", receipt_no) or "_"

    def add(self, receipt_no: str, data: bytes, reason: str) -> QueuedReceipt:
        stem = self._stem(receipt_no)
        now = datetime.now(UTC)
        with self._lock:
            self.folder.mkdir(parents=True, exist_ok=True)
            payload = self.folder / f"{stem}.bin"
            write_atomically(payload, data)
            meta = {"receipt_no": receipt_no, "reason": reason, "queued_at": now.isoformat()}
            write_atomically(self.folder / f"{stem}.json", json.dumps(meta).encode("utf-8"))
        log.warning("receipt %s queued for reprint (%s)", receipt_no, reason)
        return QueuedReceipt(receipt_no, reason, now, payload)

    def entries(self) -> list[QueuedReceipt]:
        """Oldest first."""
        out: list[QueuedReceipt] = []
        with self._lock:
            if not self.folder.is_dir():
                return out
            for meta_path in self.folder.glob("*.json"):
                try:
                    meta = json.loads(meta_path.read_text(encoding="utf-8"))
                    entry = QueuedReceipt(
                        str(meta["receipt_no"]),
                        str(meta["reason"]),
                        datetime.fromisoformat(meta["queued_at"]),
                        meta_path.with_suffix(".bin"),
                    )
                except (OSError, ValueError, KeyError, TypeError):
                    log.exception("unreadable reprint queue entry %s", meta_path)
                    continue
                if entry.path.exists():
                    out.append(entry)
        out.sort(key=lambda e: (e.queued_at, e.receipt_no))
        return out

    def __len__(self) -> int:
        return len(self.entries())

    def __contains__(self, receipt_no: object) -> bool:
        return isinstance(receipt_no, str) and any(
            e.receipt_no == receipt_no for e in self.entries()
        )

    def remove(self, receipt_no: str) -> None:
        stem = self._stem(receipt_no)
        with self._lock:
            (self.folder / f"{stem}.json").unlink(missing_ok=True)
            (self.folder / f"{stem}.bin").unlink(missing_ok=True)
