"""The ``[devices.*]`` tables of the till's config file.

With no ``[devices]`` table the till behaves as before: receipts go to files, no drawer, and
only keyboard-wedge scanners (which need no setting). Values are checked here, so a typo in a
device string or a drawer pulse over the solenoid's duty is reported when the till starts.
Errors are ``ValueError``; ``pos_desktop.config`` adds the file name.

    [devices.printer]
    url = "serial:///dev/serial/by-id/usb-EPSON_TM-T82-if00?baudrate=38400"
    profile = "80mm"          # or "58mm"; columns, codepage, cut, qr ("native"/"image"),
                              # escpos_profile and cancel_kanji override it
    logo = "/etc/pos-desktop/logo.png"  # optional, printed at the top of every receipt
    image_band_rows = 24      # raster band height for the logo and image QR codes (8..1024)
    [devices.drawer]
    url = "printer"           # the printer's drawer port; or a serial drawer's own port
    pin = 2                   # 2 or 5
    on_ms = 100
    off_ms = 500
    sensor = "high"           # drawer switch on pin 3 as the printer reports it: "high" or
                              # "low" means open, "none" when the drawer has no switch
    [devices.scanner]
    url = "serial:///dev/ttyACM0?baudrate=9600"
    terminator = "\r"
    [devices.wedge]
    max_gap_ms = 35
    min_length = 4
    [devices.display]
    url = "serial:///dev/ttyUSB1?baudrate=9600"
    protocol = "cd5220"       # or "escpos"
    [devices.scale]
    url = "serial:///dev/ttyUSB2"
    protocol = "toledo"       # or "cas", "adam"
    settle_ms = 2000          # how long a moving weight is asked again before it is refused
    retry_ms = 200            # pause between those requests
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final

from pos_desktop.devices.display import DisplayProtocol
from pos_desktop.devices.lifecycle import Backoff
from pos_desktop.devices.printer import DEFAULT_CHUNK, DrawerKick
from pos_desktop.devices.scale import ScaleProtocol
from pos_desktop.devices.scanner import ScannerSettings
from pos_desktop.devices.url import DeviceUrl, parse_device_url
from pos_desktop.receipts.escpos_render import PROFILE_58MM, PROFILE_80MM, PrinterProfile

PROFILES: Final = {"80mm": PROFILE_80MM, "58mm": PROFILE_58MM}
SENSORS: Final[dict[str, bool | None]] = {"high": True, "low": False, "none": None}
TERMINATORS: Final = {"\r": b"\r", "\n": b"\n", "\r\n": b"\r\n", "\t": b"\t"}


@dataclass(frozen=True, slots=True)
class PrinterConfig:
    url: DeviceUrl
    profile: PrinterProfile = PROFILE_80MM
    chunk_size: int = DEFAULT_CHUNK


@dataclass(frozen=True, slots=True)
class DrawerConfig:
    url: DeviceUrl
    """``printer`` for the printer's drawer port, else the serial drawer's own port."""
    kick: DrawerKick = field(default_factory=DrawerKick)
    open_command: bytes | None = None
    """What a serial drawer needs to open; ``None`` sends ``kick.command``."""
    open_level: bool | None = True
    """Pin 3 level (DLE EOT 1, bit 2) that means open: ``True`` high, ``False`` low; ``None``
    when the drawer has no switch (the bit then means nothing)."""

    @property
    def via_printer(self) -> bool:
        return self.url.scheme == "printer"


@dataclass(frozen=True, slots=True)
class ScannerConfig:
    url: DeviceUrl
    settings: ScannerSettings = field(default_factory=ScannerSettings)


@dataclass(frozen=True, slots=True)
class WedgeConfig:
    enabled: bool = True
    max_gap_ms: int = 35
    """Keys at most this far apart belong to one scan; people type 100+ ms apart."""
    min_length: int = 3


@dataclass(frozen=True, slots=True)
class DisplayConfig:
    url: DeviceUrl
    protocol: DisplayProtocol = DisplayProtocol.ESCPOS
    welcome: tuple[str, str] = ("Selamat datang", "")


@dataclass(frozen=True, slots=True)
class ScaleConfig:
    url: DeviceUrl
    protocol: ScaleProtocol = ScaleProtocol.TOLEDO
    settle_ms: int = 2000
    """A weight still moving is asked again for this long, then refused."""
    retry_ms: int = 200


@dataclass(frozen=True, slots=True)
class DevicesConfig:
    printer: PrinterConfig | None = None
    drawer: DrawerConfig | None = None
    scanner: ScannerConfig | None = None
    display: DisplayConfig | None = None
    scale: ScaleConfig | None = None
    wedge: WedgeConfig = field(default_factory=WedgeConfig)
    backoff: Backoff = field(default_factory=Backoff)

    @property
    def any(self) -> bool:
        return any((self.printer, self.drawer, self.scanner, self.display, self.scale))


def _get(table: dict[str, Any], key: str, kind: type, where: str, default: Any) -> Any:
    if key not in table:
        return default
    value = table[key]
    if kind is int and isinstance(value, bool):
        raise ValueError(f"{where}.{key} must be a whole number")
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind):
        raise ValueError(f"{where}.{key} must be {kind.__name__}, got {value!r}")
    return value


def _url(table: dict[str, Any], where: str) -> DeviceUrl:
    if "url" not in table:
        raise ValueError(f"{where} needs a url")
    try:
        return parse_device_url(_get(table, "url", str, where, ""))
    except ValueError as exc:
        raise ValueError(f"{where}.url: {exc}") from None


def _printer(table: dict[str, Any]) -> PrinterConfig:
    where = "devices.printer"
    name = _get(table, "profile", str, where, "80mm")
    if name not in PROFILES:
        raise ValueError(f"{where}.profile must be one of {', '.join(PROFILES)}")
    profile = PROFILES[name]
    qr = _get(table, "qr", str, where, "native" if profile.qr_native else "image")
    if qr not in ("native", "image"):
        raise ValueError(f"{where}.qr must be native or image")
    logo = _get(table, "logo", str, where, "")
    if logo:
        path = Path(logo).expanduser()
        if not path.is_file():
            raise ValueError(f"{where}.logo: no such file {path}")
        logo = str(path)
    overrides = {
        "columns": _get(table, "columns", int, where, profile.columns),
        "codepage": _get(table, "codepage", str, where, profile.codepage),
        "cut": _get(table, "cut", bool, where, profile.cut),
        "qr_native": qr == "native",
        "escpos_profile": _get(table, "escpos_profile", str, where, profile.escpos_profile),
        "cancel_kanji": _get(table, "cancel_kanji", bool, where, profile.cancel_kanji),
        "logo": logo,
        "image_band_rows": _get(table, "image_band_rows", int, where, profile.image_band_rows),
    }
    try:
        profile = replace(profile, **overrides)
    except ValueError as exc:
        raise ValueError(f"{where}: {exc}") from None
    chunk = _get(table, "chunk_size", int, where, DEFAULT_CHUNK)
    if not 16 <= chunk <= 65536:
        raise ValueError(f"{where}.chunk_size must be 16..65536")
    return PrinterConfig(_url(table, where), profile, chunk)


def _drawer(table: dict[str, Any], has_printer: bool) -> DrawerConfig:
    where = "devices.drawer"
    url = _url(table, where) if "url" in table else parse_device_url("printer")
    if url.scheme == "printer" and not has_printer:
        raise ValueError(f"{where}: a drawer on the printer needs [devices.printer]")
    kick = DrawerKick(
        pin=_get(table, "pin", int, where, 2),
        on_ms=_get(table, "on_ms", int, where, 100),
        off_ms=_get(table, "off_ms", int, where, 500),
    )
    command = _get(table, "open_command", str, where, "")
    try:
        raw = bytes.fromhex(command) if command else None
    except ValueError:
        raise ValueError(f"{where}.open_command must be hex bytes, e.g. '1b 70 00 32 fa'") from None
    sensor = _get(table, "sensor", str, where, "high")
    if sensor not in SENSORS:
        raise ValueError(f"{where}.sensor must be high, low or none")
    return DrawerConfig(url, kick, raw, SENSORS[sensor])


def _scanner(table: dict[str, Any]) -> ScannerConfig:
    where = "devices.scanner"
    term = _get(table, "terminator", str, where, "\r")
    if term not in TERMINATORS:
        raise ValueError(f"{where}.terminator must be one of \\r, \\n, \\r\\n, \\t")
    settings = ScannerSettings(
        terminator=TERMINATORS[term],
        prefix=_get(table, "prefix", str, where, ""),
        suffix=_get(table, "suffix", str, where, ""),
        strip_aim=_get(table, "strip_aim", bool, where, True),
        min_length=_get(table, "min_length", int, where, 1),
    )
    return ScannerConfig(_url(table, where), settings)


def parse_devices(raw: dict[str, Any]) -> DevicesConfig:
    """``raw`` is the ``[devices]`` table as ``tomllib`` read it."""
    if not isinstance(raw, dict):
        raise ValueError("devices must be a table")
    known = {"printer", "drawer", "scanner", "wedge", "display", "scale", "retry"}
    unknown = set(raw) - known
    if unknown:
        raise ValueError(f"unknown device section(s): {', '.join(sorted(unknown))}")
    tables: dict[str, dict[str, Any]] = {}
    for key in known & set(raw):
        if not isinstance(raw[key], dict):
            raise ValueError(f"devices.{key} must be a table")
        tables[key] = raw[key]
    printer = _printer(tables["printer"]) if "printer" in tables else None
    drawer = _drawer(tables["drawer"], printer is not None) if "drawer" in tables else None
    scanner = _scanner(tables["scanner"]) if "scanner" in tables else None
    display = None
    if "display" in tables:
        t, where = tables["display"], "devices.display"
        protocol = _get(t, "protocol", str, where, "escpos")
        if protocol not in {p.value for p in DisplayProtocol}:
            raise ValueError(f"{where}.protocol must be escpos or cd5220")
        welcome = (
            _get(t, "welcome", str, where, "Selamat datang"),
            _get(t, "welcome_bottom", str, where, ""),
        )
        display = DisplayConfig(_url(t, where), DisplayProtocol(protocol), welcome)
    scale = None
    if "scale" in tables:
        t, where = tables["scale"], "devices.scale"
        protocol = _get(t, "protocol", str, where, "toledo")
        if protocol not in {p.value for p in ScaleProtocol}:
            raise ValueError(f"{where}.protocol must be toledo, cas or adam")
        settle = _get(t, "settle_ms", int, where, 2000)
        retry = _get(t, "retry_ms", int, where, 200)
        if not 0 <= settle <= 10_000 or not 10 <= retry <= 2000:
            raise ValueError(f"{where}: settle_ms must be 0..10000 and retry_ms 10..2000")
        scale = ScaleConfig(_url(t, where), ScaleProtocol(protocol), settle, retry)
    wedge = WedgeConfig()
    if "wedge" in tables:
        t, where = tables["wedge"], "devices.wedge"
        wedge = WedgeConfig(
            enabled=_get(t, "enabled", bool, where, True),
            max_gap_ms=_get(t, "max_gap_ms", int, where, wedge.max_gap_ms),
            min_length=_get(t, "min_length", int, where, wedge.min_length),
        )
        if not 5 <= wedge.max_gap_ms <= 200 or not 1 <= wedge.min_length <= 64:
            raise ValueError(f"{where}: max_gap_ms must be 5..200 and min_length 1..64")
    backoff = Backoff()
    if "retry" in tables:
        t, where = tables["retry"], "devices.retry"
        backoff = Backoff(
            initial=_get(t, "initial_ms", int, where, 250) / 1000,
            maximum=_get(t, "max_ms", int, where, 5000) / 1000,
        )
    return DevicesConfig(printer, drawer, scanner, display, scale, wedge, backoff)
