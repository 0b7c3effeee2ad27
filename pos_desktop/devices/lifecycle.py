"""Device states, the events devices report, and the retry schedule for unplugged devices.

The states follow UnifiedPOS in spirit: a device is ``CLOSED`` until its worker starts, ``OPEN``
once the port is open, ``ENABLED`` once the driver has checked the device answers (or the
transport cannot answer, as with a file or the Windows spooler), and ``ERROR`` when the port
cannot be opened or was lost; from ``ERROR`` the worker keeps retrying with a growing delay, so a
replugged device comes back without anyone touching the till.

A ``problem`` is a ``UserError`` code (``printer.paper_out``): the UI words it like any other
cashier message, and logs keep the code.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass

from pos_desktop.domain.errors import UserError


class DeviceKind(enum.StrEnum):
    PRINTER = "printer"
    DRAWER = "drawer"
    SCANNER = "scanner"
    DISPLAY = "display"
    SCALE = "scale"


class DeviceState(enum.StrEnum):
    CLOSED = "closed"
    OPEN = "open"
    ENABLED = "enabled"
    ERROR = "error"


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    name: str
    kind: DeviceKind
    state: DeviceState
    problem: str | None = None
    """A ``UserError`` code; set in ``ERROR`` (why it is unusable) and possibly in ``ENABLED``
    (a warning such as ``printer.paper_near_end``, or a blocking state such as paper out)."""
    detail: str = ""
    """Technical detail for the log and store IT (the OS error text), never shown alone."""
    drawer_open: bool | None = None
    """For a printer with the cash drawer on its drawer port: whether the drawer's switch says
    open (DLE EOT). ``None`` where the hardware does not tell."""

    @property
    def ready(self) -> bool:
        return self.state is DeviceState.ENABLED and not (
            self.problem is not None and self.problem in BLOCKING_PROBLEMS
        )


BLOCKING_PROBLEMS = frozenset(
    {"printer.paper_out", "printer.cover_open", "printer.offline", "printer.error"}
)
"""Problems that stop a device from doing its job while its port is fine."""


@dataclass(frozen=True, slots=True)
class StatusChanged:
    status: DeviceStatus


@dataclass(frozen=True, slots=True)
class Scanned:
    device: str
    text: str


@dataclass(frozen=True, slots=True)
class PrintFinished:
    receipt_no: str
    copy: bool
    error: UserError | None
    """``None`` when the printer took the whole receipt; otherwise the receipt is queued."""


@dataclass(frozen=True, slots=True)
class DrawerOpened:
    reason: str
    by: str = ""


DeviceEvent = StatusChanged | Scanned | PrintFinished | DrawerOpened
Listener = Callable[[DeviceEvent], None]
"""Called on the device's own thread: keep it short and thread-safe (a Qt signal emit is)."""


@dataclass(frozen=True, slots=True)
class Backoff:
    """Delays between attempts to reopen a lost device: short at first (a cable wiggled),
    growing to ``maximum`` (a device left unplugged costs one open attempt every few seconds)."""

    initial: float = 0.25
    maximum: float = 5.0
    factor: float = 2.0

    def delay(self, attempt: int) -> float:
        return float(min(self.maximum, self.initial * self.factor ** max(0, attempt)))
