"""Serial and USB-CDC barcode scanners: bytes in, one code per terminator out.

Scanners send the code, then a terminator (CR by default), sometimes with a configured prefix
or suffix and an AIM symbology identifier (``]E0`` EAN/UPC, ``]C1`` GS1-128). Lines are noisy:
a scanner powering up sends garbage, a USB-serial adapter splits writes anywhere. So bytes are
collected until a terminator, control and non-ASCII bytes are dropped, an unfinished code is
thrown away when nothing follows it for ``stale_after`` seconds (otherwise line noise would be
glued to the front of the next scan), and an overlong line is discarded, not looked up.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from pos_desktop.devices.lifecycle import Scanned
from pos_desktop.domain.barcode import strip_aim

if TYPE_CHECKING:
    from pos_desktop.devices.worker import Port

log = logging.getLogger(__name__)

MAX_CODE_LENGTH: Final = 128
READ_TIMEOUT: Final = 0.05


@dataclass(frozen=True, slots=True)
class ScannerSettings:
    terminator: bytes = b"\r"
    prefix: str = ""
    suffix: str = ""
    strip_aim: bool = True
    min_length: int = 1
    stale_after: float = 0.5

    def __post_init__(self) -> None:
        if not self.terminator:
            raise ValueError("a scanner needs a terminator")


class ScanFramer:
    """Turns a byte stream into codes. Pure and clock-injected, so it is tested byte by byte."""

    def __init__(
        self, settings: ScannerSettings, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.settings = settings
        self._clock = clock
        self._buffer = bytearray()
        self._last = 0.0

    def feed(self, data: bytes) -> list[str]:
        now = self._clock()
        if self._buffer and now - self._last > self.settings.stale_after:
            log.debug("scanner: dropped unfinished %r", bytes(self._buffer))
            self._buffer.clear()
        if data:
            self._last = now
        self._buffer += data
        codes: list[str] = []
        term = self.settings.terminator
        # A CR LF scanner on a CR setting leaves an LF at the start of the next code: the
        # clean-up below drops it with the other control bytes.
        while (end := self._buffer.find(term)) >= 0:
            frame = bytes(self._buffer[:end])
            del self._buffer[: end + len(term)]
            code = self.clean(frame)
            if code is not None:
                codes.append(code)
        if len(self._buffer) > MAX_CODE_LENGTH:
            log.warning("scanner: discarded %d bytes without a terminator", len(self._buffer))
            self._buffer.clear()
        return codes

    def expire(self) -> None:
        """Drop an unfinished code that went stale (called while the line is quiet)."""
        if self._buffer and self._clock() - self._last > self.settings.stale_after:
            log.debug("scanner: dropped unfinished %r", bytes(self._buffer))
            self._buffer.clear()

    def clean(self, frame: bytes) -> str | None:
        text = "".join(chr(b) for b in frame if 0x20 <= b < 0x7F).strip()
        s = self.settings
        if s.prefix and text.startswith(s.prefix):
            text = text[len(s.prefix) :]
        if s.suffix and text.endswith(s.suffix):
            text = text[: -len(s.suffix)]
        if s.strip_aim:
            # The domain's reading of AIM identifiers, so a serial scan and a wedge scan (whose
            # prefix reaches ``parse_scan`` as typed) are read by the same rule.
            text = strip_aim(text)[0]
        text = text.strip()
        if len(text) < max(1, s.min_length) or len(text) > MAX_CODE_LENGTH:
            if text:
                log.info("scanner: ignored %r", text)
            return None
        return text


class ScannerDriver:
    poll_interval: float | None = 0.0

    def __init__(self, settings: ScannerSettings, clock: Callable[[], float] = time.monotonic):
        self.settings = settings
        self._clock = clock
        self.framer = ScanFramer(settings, clock)

    def enable(self, port: Port) -> None:
        self.framer = ScanFramer(self.settings, self._clock)
        port.transport.discard_input()

    def poll(self, port: Port) -> None:
        data = port.transport.read(256, READ_TIMEOUT)
        if not data:
            self.framer.expire()
            return
        for code in self.framer.feed(data):
            log.info("scanner %s: %s", port.name, code)
            port.emit(Scanned(port.name, code))

    def wait_for_scan(self, port: Port, timeout: float) -> str | None:
        """For ``devices test scanner``: the next code within ``timeout`` seconds."""
        deadline = self._clock() + timeout
        while self._clock() < deadline:
            data = port.transport.read(256, READ_TIMEOUT)
            codes = self.framer.feed(data) if data else []
            if codes:
                return codes[0]
        return None
