"""Serial scales: ask for the weight, read one reply, refuse anything but a stable weight.

Three common protocols:
- ``toledo`` (Mettler Toledo 8217 style, 9600 7E1): send ``W``; the reply is
  ``STX 01.250 CR`` for a stable weight, or ``STX ? s CR`` where status ``s`` has bit 0 set
  while in motion, bit 1 over capacity and bit 2 under zero.
- ``cas`` (CAS, 9600 7E1): send ``W``; the reply is ``ST,GS,+  1.250kg`` (``ST`` stable,
  ``US`` unstable, ``OL`` overload).
- ``adam`` (Adam Equipment, 4800 8N1): send ``P CR LF``; the reply is a printed line such as
  ``+   1.250 kg``, with ``US`` or ``OL`` when unstable or overloaded.
Scales differ in detail between models; what matters to the till is the three outcomes below.
"""

from __future__ import annotations

import enum
import re
import time
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Final

from pos_desktop.devices.url import SerialSettings
from pos_desktop.domain.errors import UserError

if TYPE_CHECKING:
    from pos_desktop.devices.worker import Port

STX: Final = 0x02
_NUMBER = re.compile(r"([+-]?)\s*(\d+(?:[.,]\d+)?)\s*(kg|g|lb)?", re.IGNORECASE)
_TO_KG: Final = {"kg": Decimal(1), "g": Decimal("0.001"), "lb": Decimal("0.45359237")}


class ScaleProtocol(enum.StrEnum):
    TOLEDO = "toledo"
    CAS = "cas"
    ADAM = "adam"


REQUESTS: Final = {
    ScaleProtocol.TOLEDO: b"W",
    ScaleProtocol.CAS: b"W",
    ScaleProtocol.ADAM: b"P\r\n",
}
SERIAL_DEFAULTS: Final = {
    ScaleProtocol.TOLEDO: SerialSettings(baudrate=9600, bytesize=7, parity="E"),
    ScaleProtocol.CAS: SerialSettings(baudrate=9600, bytesize=7, parity="E"),
    ScaleProtocol.ADAM: SerialSettings(baudrate=4800),
}


@dataclass(frozen=True, slots=True)
class Reading:
    kg: Decimal | None
    stable: bool
    overload: bool = False
    underload: bool = False

    def accept(self) -> Decimal:
        """The weight to sell, or the ``UserError`` the cashier sees."""
        if self.overload:
            raise UserError("scale.overload")
        if self.underload:
            raise UserError("scale.under_zero")
        if not self.stable:
            raise UserError("scale.in_motion")
        if self.kg is None or self.kg <= 0:
            raise UserError("scale.no_weight")
        return self.kg


def _number(text: str) -> Decimal | None:
    match = _NUMBER.search(text)
    if match is None:
        return None
    sign, digits, unit = match.groups()
    try:
        value = Decimal(digits.replace(",", "."))
    except InvalidOperation:
        return None
    value *= _TO_KG[(unit or "kg").lower()]
    return -value if sign == "-" else value


def parse_reply(protocol: ScaleProtocol, raw: bytes) -> Reading:
    """Decode one reply; ``UserError("scale.bad_reply")`` when it makes no sense."""
    text = raw.decode("ascii", errors="replace")
    if protocol is ScaleProtocol.TOLEDO:
        body = raw[raw.rfind(bytes([STX])) + 1 :] if STX in raw else raw
        body_text = body.decode("ascii", errors="replace").strip()
        if body_text.startswith("?"):
            status = ord(body_text[1]) if len(body_text) > 1 else 0
            return Reading(
                None, stable=not status & 0x01, overload=bool(status & 0x02),
                underload=bool(status & 0x04),
            )  # fmt: skip
        kg = _number(body_text)
        if kg is None:
            raise UserError("scale.bad_reply", reply=body_text)
        return Reading(kg, stable=True, underload=kg < 0)
    upper = text.upper()
    overload = "OL" in upper.split(",") or "OL" in upper.split() or "OVER" in upper
    unstable = upper.startswith("US") or ",US" in upper or " US" in upper or "?" in upper
    kg = _number(text)
    if kg is None and not overload:
        raise UserError("scale.bad_reply", reply=text.strip())
    return Reading(kg, stable=not unstable, overload=overload, underload=kg is not None and kg < 0)


class ScaleDriver:
    poll_interval: float | None = None

    def __init__(
        self,
        protocol: ScaleProtocol,
        reply_timeout: float = 1.0,
        *,
        attempts: int = 11,
        retry_interval: float = 0.2,
    ) -> None:
        self.protocol = protocol
        self.reply_timeout = reply_timeout
        self.retry_interval = retry_interval
        self.attempts = max(1, attempts)
        """Requests per weighing while the weight moves: the settle time is counted in
        requests, not on a clock, so a slow line never turns one reading into a refusal."""

    def enable(self, port: Port) -> None:
        port.transport.discard_input()

    def poll(self, port: Port) -> None:
        pass

    def read(self, port: Port) -> Reading:
        transport = port.transport
        transport.discard_input()
        transport.write(REQUESTS[self.protocol])
        deadline = time.monotonic() + self.reply_timeout
        reply = bytearray()
        while (left := deadline - time.monotonic()) > 0:
            reply += transport.read(64, left)
            if b"\r" in reply or b"\n" in reply:
                line = bytes(reply).replace(b"\n", b"\r").strip(b"\r").split(b"\r")[0]
                return parse_reply(self.protocol, line)
        raise UserError("scale.no_answer")

    def weigh(self, port: Port) -> Decimal:
        """The stable weight to sell. A moving reading is asked again up to ``attempts``
        times, ``retry_interval`` apart; overload, under zero and an empty scale are refused at
        once (``UserError`` from ``Reading.accept``)."""
        for attempt in range(self.attempts):
            reading = self.read(port)
            moving = not reading.stable and not (reading.overload or reading.underload)
            if not moving or attempt == self.attempts - 1:
                return reading.accept()
            if port.pause(self.retry_interval):
                break
        raise UserError("scale.in_motion")
