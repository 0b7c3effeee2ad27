"""``pos-desktop devices list`` and ``pos-desktop devices test <kind>`` for store IT.

``test`` opens only the device under test (not the whole hub), waits for it to come up, runs
the same test as the device screen and prints one line. The till itself should be closed: a
serial port has one owner.

A device that is not configured or fails its test is a ``UserError`` left to reach
``pos_desktop.cli``, as the sync commands do: it says the error in the till's language with the
screens' sentences (``ui.messages``, Indonesian unless configured) and exits 3. This package
knows no Qt and no UI, so it never words an error itself.
"""

from __future__ import annotations

import argparse
import logging
import threading
from dataclasses import replace

from pos_desktop.config import TillConfig
from pos_desktop.devices.config import DevicesConfig
from pos_desktop.devices.discovery import serial_ports, usb_printers
from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.lifecycle import DeviceEvent, DeviceState, StatusChanged
from pos_desktop.devices.reprint_queue import ReprintQueue
from pos_desktop.devices.selftest import SCAN_WAIT, start_test
from pos_desktop.domain.errors import UserError
from pos_desktop.paths import AppPaths

log = logging.getLogger(__name__)

OPEN_WAIT = 5.0


def _only(config: DevicesConfig, kind: str) -> DevicesConfig:
    """The one device under test (a drawer on the printer brings the printer along)."""
    keep = {kind} | (
        {"printer"} if kind == "drawer" and config.drawer and config.drawer.via_printer else set()
    )
    return replace(
        config,
        printer=config.printer if "printer" in keep else None,
        drawer=config.drawer if "drawer" in keep else None,
        scanner=config.scanner if "scanner" in keep else None,
        display=config.display if "display" in keep else None,
        scale=config.scale if "scale" in keep else None,
    )


def list_devices() -> int:
    ports = serial_ports()
    print("Serial ports:")
    for port in ports or []:
        print(f"  {port.url}  {port.description}")
    if not ports:
        print("  (none)")
    printers, why = usb_printers()
    print("USB printers:")
    for printer in printers:
        print(f"  {printer.url}  {printer.description}")
    if why:
        print(f"  ({why})")
    elif not printers:
        print("  (none)")
    return 0


def test_device(kind: str, paths: AppPaths, config: TillConfig) -> int:
    devices = _only(config.devices, kind)
    if not devices.any or getattr(devices, kind) is None:
        raise UserError("device.not_configured", device=kind)
    hub = DeviceHub(devices, ReprintQueue(paths.data_dir / "reprint-queue"))
    up = threading.Event()

    def listen(event: DeviceEvent) -> None:
        if isinstance(event, StatusChanged) and event.status.state in (
            DeviceState.ENABLED,
            DeviceState.ERROR,
        ):
            up.set()

    hub.subscribe(listen)
    hub.start()
    try:
        up.wait(OPEN_WAIT)
        for status in hub.statuses():
            detail = f" {status.problem}" if status.problem else ""
            print(f"{status.name}: {status.state.value}{detail} {status.detail}".rstrip())
        if kind == "scanner":
            print(f"scan a barcode within {SCAN_WAIT:g} s ...")
        print(start_test(hub, kind, by="store-it").result(SCAN_WAIT + OPEN_WAIT))
        return 0
    finally:
        hub.stop()


def run_devices_command(args: argparse.Namespace, paths: AppPaths, config: TillConfig) -> int:
    """Raises ``UserError``, which ``pos_desktop.cli`` says in the till's language (exit 3)."""
    if args.devices_command == "list":
        return list_devices()
    return test_device(args.kind, paths, config)
