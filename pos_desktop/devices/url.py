"""One URL-like string per device in the config file, parsed and checked at start-up.

``serial:///dev/ttyACM0?baudrate=9600``, ``serial:COM3``, ``loop://``, ``socket://host:port``,
``tcp://192.168.1.50:9100``, ``usb://04b8:0e15``, ``file:///tmp/receipts.bin``,
``win32:EPSON TM-T82`` and, for a drawer wired to the printer, ``printer``. A mistake is
reported when the config is read, naming the setting, not when the first sale prints.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Final
from urllib.parse import parse_qsl

PYSERIAL_SCHEMES: Final = frozenset({"loop", "socket", "rfc2217", "spy", "hwgrep", "alt"})
"""URL handlers of pyserial's ``serial_for_url``, passed through as they are."""

SERIAL_PARAMS: Final = frozenset(
    {"baudrate", "bytesize", "parity", "stopbits", "rtscts", "xonxoff", "dsrdtr", "write_timeout"}
)
SCHEMES: Final = frozenset({"serial", "tcp", "usb", "file", "win32", "printer"})
DEFAULT_TCP_PORT: Final = 9100
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


@dataclass(frozen=True, slots=True)
class SerialSettings:
    baudrate: int = 9600
    bytesize: int = 8
    parity: str = "N"
    stopbits: float = 1
    rtscts: bool = False
    xonxoff: bool = False
    dsrdtr: bool = False
    write_timeout: float = 5.0


@dataclass(frozen=True, slots=True)
class DeviceUrl:
    scheme: str
    """``serial``, ``tcp``, ``usb``, ``file``, ``win32`` or ``printer``."""
    target: str
    """The port (or full pyserial URL), ``host:port``, ``vid:pid``, path or printer name."""
    params: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    raw: str = ""

    @property
    def host_port(self) -> tuple[str, int]:
        host, _, port = self.target.rpartition(":")
        if not host:
            return self.target, DEFAULT_TCP_PORT
        return host, int(port)

    @property
    def usb_ids(self) -> tuple[int, int]:
        vendor, _, product = self.target.partition(":")
        return int(vendor, 16), int(product, 16)

    def serial_settings(self, defaults: SerialSettings | None = None) -> SerialSettings:
        base = defaults or SerialSettings()
        p = self.params
        return SerialSettings(
            baudrate=int(p.get("baudrate", base.baudrate)),
            bytesize=int(p.get("bytesize", base.bytesize)),
            parity=p.get("parity", base.parity).upper()[:1],
            stopbits=float(p.get("stopbits", base.stopbits)),
            rtscts=_flag(p.get("rtscts"), base.rtscts),
            xonxoff=_flag(p.get("xonxoff"), base.xonxoff),
            dsrdtr=_flag(p.get("dsrdtr"), base.dsrdtr),
            write_timeout=float(p.get("write_timeout", base.write_timeout)),
        )


def _flag(value: str | None, default: bool) -> bool:
    if value is None:
        return default
    if value.lower() in _TRUE:
        return True
    if value.lower() in _FALSE:
        return False
    raise ValueError(f"{value!r} is not a yes/no value")


def _split_query(rest: str) -> tuple[str, dict[str, str]]:
    target, _, query = rest.partition("?")
    return target, dict(parse_qsl(query, keep_blank_values=True))


def parse_device_url(text: str) -> DeviceUrl:
    """Parse and check one device string; ``ValueError`` says what is wrong with it."""
    raw = text.strip()
    if raw.lower() == "printer":
        return DeviceUrl("printer", "", raw=raw)
    scheme, sep, rest = raw.partition(":")
    scheme = scheme.lower()
    if not sep or not scheme:
        raise ValueError(f"{raw!r} has no scheme (serial:, tcp:, usb:, file:, win32:)")
    if scheme in PYSERIAL_SCHEMES:
        url, params = _split_query(raw)
        ours = {k: v for k, v in params.items() if k in SERIAL_PARAMS}
        theirs = "&".join(f"{k}={v}" for k, v in params.items() if k not in SERIAL_PARAMS)
        target = url + (f"?{theirs}" if theirs else "")
        parsed = DeviceUrl("serial", target, MappingProxyType(ours), raw)
        parsed.serial_settings()
        return parsed
    if scheme not in SCHEMES:
        raise ValueError(f"{raw!r}: unknown scheme {scheme!r}")
    if scheme == "win32":
        name = rest.removeprefix("//").strip()
        return DeviceUrl("win32", name, raw=raw)
    target, params = _split_query(rest.removeprefix("//"))
    if not target:
        raise ValueError(f"{raw!r} names no device")
    parsed = DeviceUrl(scheme, target, MappingProxyType(params), raw)
    if scheme == "serial":
        unknown = set(params) - SERIAL_PARAMS
        if unknown:
            raise ValueError(f"{raw!r}: unknown serial setting(s) {', '.join(sorted(unknown))}")
        settings = parsed.serial_settings()
        if settings.bytesize not in (5, 6, 7, 8) or settings.parity not in "NEOMS":
            raise ValueError(f"{raw!r}: bad bytesize or parity")
        if settings.stopbits not in (1, 1.5, 2):
            raise ValueError(f"{raw!r}: stopbits must be 1, 1.5 or 2")
    elif scheme == "tcp":
        try:
            _host, port = parsed.host_port
        except ValueError:
            raise ValueError(f"{raw!r}: the port must be a number") from None
        if not 0 < port < 65536:
            raise ValueError(f"{raw!r}: port out of range")
    elif scheme == "usb":
        try:
            _ids = parsed.usb_ids
        except ValueError:
            raise ValueError(
                f"{raw!r}: write USB ids as vendor:product in hex, 04b8:0e15"
            ) from None
    return parsed
