"""Device tests for store IT, shared by ``pos-desktop devices test`` and the settings screen.

Each test does one visible thing on the real device: a test receipt with the code page's
characters and a ruler for the column count, a drawer kick, a display message, a weight
reading, waiting for one scan. Each returns a one-line result for the person testing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Final

from pos_desktop.devices.hub import DeviceHub
from pos_desktop.devices.scale import Reading
from pos_desktop.domain.errors import UserError
from pos_desktop.receipts.escpos_render import KANJI_OFF, PrinterProfile, transliterate

log = logging.getLogger(__name__)

KINDS: Final = ("printer", "drawer", "display", "scale", "scanner")
SAMPLE_TEXT: Final = "Rp12.500 · Café Déjà-vu · “Kopi” – ½ kg · €5 · ñ ç ü ß"
SCAN_WAIT: Final = 15.0


def test_page(profile: PrinterProfile, title: str = "pos-desktop printer test") -> bytes:
    """ESC/POS bytes of a test receipt for ``profile`` (python-escpos ``Dummy``)."""
    from pos_desktop.receipts.escpos_cache import ensure_capabilities_cache

    ensure_capabilities_cache()
    from escpos.printer import Dummy

    from pos_desktop.receipts.escpos_render import escpos_backend

    backend = escpos_backend(profile.escpos_profile, profile.codepage, profile.columns)
    printer = Dummy(profile=backend.profile, magic_encode_args={"encoder": backend.encoder})
    printer.hw("INIT")
    if profile.cancel_kanji:
        printer._raw(KANJI_OFF)
    printer.charcode(backend.codepage)
    printer.set(bold=True)
    printer.textln(title[: profile.columns])
    printer.set(bold=False)
    ruler = "".join(str(i % 10) for i in range(1, profile.columns + 1))
    printer.textln(ruler)
    printer.textln(f"{profile.columns} columns, code page {backend.codepage}")
    printer.textln(transliterate(SAMPLE_TEXT, backend.codepage)[: profile.columns])
    if profile.cut:
        printer.print_and_feed(profile.feed_before_cut)
        printer.cut(feed=False)
    else:
        printer.print_and_feed(profile.feed_before_cut + 3)
    data: bytes = printer.output
    return data


def describe_reading(reading: Reading) -> str:
    flags = [
        name
        for name, on in (
            ("in motion", not reading.stable),
            ("overload", reading.overload),
            ("under zero", reading.underload),
        )
        if on
    ]
    weight = f"{reading.kg} kg" if reading.kg is not None else "no weight"
    return "scale: " + ", ".join([weight, *flags])


def _need(device: object, kind: str) -> None:
    if device is None:
        raise UserError("device.not_configured", device=kind)


def start_test(hub: DeviceHub, kind: str, *, by: str = "") -> Future[str]:
    """Start the test of ``kind``; the future's result is the line to show."""
    out: Future[str] = Future()

    def relay(future: Future[Any], describe: Callable[[Any], str]) -> None:
        def done(f: Future[Any]) -> None:
            error = f.exception()
            if error is not None:
                out.set_exception(error)
            else:
                out.set_result(describe(f.result()))

        future.add_done_callback(done)

    if kind == "printer":
        _need(hub.printer, kind)
        assert hub.printer is not None and hub.config.printer is not None
        data = test_page(hub.config.printer.profile)
        relay(hub.printer.print_raw(data, "test page"), lambda _r: "test receipt printed")
    elif kind == "drawer":
        _need(hub.drawer, kind)
        assert hub.drawer is not None
        relay(hub.drawer.open("device test", by=by), lambda _r: "drawer kicked")
    elif kind == "display":
        _need(hub.display, kind)
        assert hub.display is not None
        relay(
            hub.display.show("pos-desktop test", "0123456789ABCDEFGHIJ"),
            lambda _r: "display message sent",
        )
    elif kind == "scale":
        _need(hub.scale, kind)
        assert hub.scale is not None
        relay(hub.scale.read(), describe_reading)
    elif kind == "scanner":
        _need(hub.scanner, kind)
        assert hub.scanner is not None
        relay(
            hub.scanner.wait_for_scan(SCAN_WAIT),
            lambda code: f"scanned: {code}" if code else f"no scan within {SCAN_WAIT:g} s",
        )
    else:
        raise ValueError(f"unknown device kind {kind!r}")
    return out
