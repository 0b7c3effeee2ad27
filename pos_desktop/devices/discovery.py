"""What is plugged in: serial ports (with their stable ``/dev/serial/by-id`` names on Linux)
and USB printers, for ``pos-desktop devices list`` and the settings screen."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

BY_ID = Path("/dev/serial/by-id")
USB_PRINTER_CLASS = 7


@dataclass(frozen=True, slots=True)
class FoundPort:
    url: str
    description: str


def serial_ports(by_id: Path = BY_ID) -> list[FoundPort]:
    from serial.tools import list_ports

    aliases: dict[str, str] = {}
    if by_id.is_dir():
        for link in sorted(by_id.iterdir()):
            try:
                aliases[str(link.resolve())] = str(link)
            except OSError:
                continue
    found: list[FoundPort] = []
    for port in sorted(list_ports.comports(), key=lambda p: p.device):
        stable = aliases.get(str(Path(port.device).resolve()), port.device)
        details = [d for d in (port.description, port.hwid) if d and d != "n/a"]
        if stable != port.device:
            details.append(f"= {port.device}")
        found.append(FoundPort(f"serial://{stable}", " ".join(details)))
    return found


def usb_printers() -> tuple[list[FoundPort], str]:
    """USB devices with a printer interface; the second value says why none could be listed."""
    try:
        import usb.core
    except ImportError:
        return [], "pyusb is not installed: USB printers cannot be listed (python-escpos[usb])"
    found: list[FoundPort] = []
    try:
        devices = list(usb.core.find(find_all=True))
    except Exception as exc:  # no libusb backend
        return [], f"USB cannot be enumerated: {exc}"
    for dev in devices:
        try:
            is_printer = any(
                intf.bInterfaceClass == USB_PRINTER_CLASS for cfg in dev for intf in cfg
            )
        except Exception:
            log.debug("cannot read USB descriptors", exc_info=True)
            continue
        if is_printer:
            found.append(
                FoundPort(f"usb://{dev.idVendor:04x}:{dev.idProduct:04x}", "USB printer class")
            )
    return found, ""
