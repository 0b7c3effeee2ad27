"""Byte pipes to devices: serial (pyserial), TCP port 9100, USB (python-escpos), the Windows
spooler, and a plain file.

Every failure surfaces as ``OSError`` (``TransportError`` where the library raises something
else), so a worker can tell "the cable is gone, reopen later" from a bug. Only transports that
can read back (``readable``) are asked for printer status or scanner data; the spooler and a
file cannot, and the printer driver then prints without status checks.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Protocol

from pos_desktop.devices.url import DeviceUrl, SerialSettings

log = logging.getLogger(__name__)


class TransportError(OSError):
    """A device library's own error, or a device that cannot be used on this system."""


class Transport(Protocol):
    description: str
    readable: bool

    def write(self, data: bytes) -> None: ...

    def read(self, max_bytes: int, timeout: float) -> bytes:
        """Up to ``max_bytes`` as soon as at least one arrives; ``b""`` after ``timeout``."""

    def discard_input(self) -> None: ...

    def begin_job(self, name: str) -> None:
        """Start a print job (the Windows spooler needs one per receipt); a no-op elsewhere."""

    def end_job(self) -> None: ...

    def close(self) -> None: ...


try:
    import termios

    _TTY_ERRORS: tuple[type[Exception], ...] = (termios.error,)
except ImportError:  # Windows
    _TTY_ERRORS = ()


@contextlib.contextmanager
def _tty_errors_as_os_errors() -> Iterator[None]:
    """termios reports a vanished tty with its own exception, not an OSError."""
    try:
        yield
    except _TTY_ERRORS as exc:
        raise TransportError(f"serial port failed: {exc}") from exc


class SerialTransport:
    readable = True

    def __init__(self, port: Any, description: str) -> None:
        self._port = port
        self.description = description

    def write(self, data: bytes) -> None:
        with _tty_errors_as_os_errors():
            self._port.write(data)
            self._port.flush()

    def read(self, max_bytes: int, timeout: float) -> bytes:
        with _tty_errors_as_os_errors():
            if self._port.timeout != timeout:  # pyserial reconfigures the tty on every set
                self._port.timeout = timeout
            first: bytes = self._port.read(1)
            if not first:
                return b""
            waiting = min(max_bytes - 1, self._port.in_waiting)
            return first + (self._port.read(waiting) if waiting > 0 else b"")

    def discard_input(self) -> None:
        with _tty_errors_as_os_errors():
            self._port.reset_input_buffer()

    def begin_job(self, name: str) -> None:
        pass

    def end_job(self) -> None:
        pass

    def close(self) -> None:
        with _tty_errors_as_os_errors():
            self._port.close()


class TcpTransport:
    """A network printer's raw port (9100): what is written is printed; status bytes come back
    on the same connection on printers that support DLE EOT over the network."""

    readable = True

    def __init__(self, host: str, port: int, connect_timeout: float, write_timeout: float) -> None:
        self.description = f"tcp://{host}:{port}"
        self._sock = socket.create_connection((host, port), timeout=connect_timeout)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self._write_timeout = write_timeout

    def write(self, data: bytes) -> None:
        self._sock.settimeout(self._write_timeout)
        self._sock.sendall(data)

    def read(self, max_bytes: int, timeout: float) -> bytes:
        self._sock.settimeout(timeout)
        try:
            data = self._sock.recv(max_bytes)
        except TimeoutError:
            return b""
        if not data:
            raise ConnectionResetError("the printer closed the connection")
        return data

    def discard_input(self) -> None:
        self._sock.setblocking(False)
        try:
            while self._sock.recv(4096):
                pass
        except (BlockingIOError, InterruptedError):
            pass
        finally:
            self._sock.setblocking(True)

    def begin_job(self, name: str) -> None:
        pass

    def end_job(self) -> None:
        pass

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()


class FileTransport:
    """Appends to a file: a printer device node (``/dev/usb/lp0``) or a capture for testing."""

    readable = False

    def __init__(self, path: Path) -> None:
        self.description = f"file://{path}"
        self._fh = open(path, "ab", buffering=0)  # noqa: SIM115 - the transport owns it

    def write(self, data: bytes) -> None:
        self._fh.write(data)

    def read(self, max_bytes: int, timeout: float) -> bytes:
        return b""

    def discard_input(self) -> None:
        pass

    def begin_job(self, name: str) -> None:
        pass

    def end_job(self) -> None:
        self._fh.flush()

    def close(self) -> None:
        self._fh.close()


class UsbTransport:
    """A USB printer through python-escpos (which needs pyusb and libusb)."""

    readable = True

    def __init__(self, vendor: int, product: int, in_ep: int, out_ep: int, timeout_ms: int):
        from pos_desktop.receipts.escpos_cache import ensure_capabilities_cache

        ensure_capabilities_cache()
        from escpos.exceptions import Error as EscposError
        from escpos.printer import Usb

        if not Usb.is_usable():
            raise TransportError("USB printing needs pyusb and libusb (python-escpos[usb])")
        self.description = f"usb://{vendor:04x}:{product:04x}"
        self._printer = Usb(vendor, product, timeout=timeout_ms, in_ep=in_ep, out_ep=out_ep)
        self._timeout_ms = timeout_ms
        try:
            self._printer.open()
        except EscposError as exc:
            raise TransportError(str(exc)) from exc

    def _device(self) -> Any:
        device = self._printer.device
        if not device:
            raise TransportError(f"{self.description} is not open")
        return device

    def write(self, data: bytes) -> None:
        try:
            self._device().write(self._printer.out_ep, data, self._timeout_ms)
        except Exception as exc:  # usb.core.USBError, without importing pyusb here
            raise TransportError(f"USB write failed: {exc}") from exc

    def read(self, max_bytes: int, timeout: float) -> bytes:
        try:
            data = self._device().read(self._printer.in_ep, max_bytes, max(1, int(timeout * 1000)))
        except Exception as exc:
            if "timeout" in str(exc).lower():
                return b""
            raise TransportError(f"USB read failed: {exc}") from exc
        return bytes(data)

    def discard_input(self) -> None:
        while self.read(64, 0.01):
            pass

    def begin_job(self, name: str) -> None:
        pass

    def end_job(self) -> None:
        pass

    def close(self) -> None:
        self._printer.close()


def _open_serial(url: DeviceUrl, defaults: SerialSettings | None) -> SerialTransport:
    import serial

    s = url.serial_settings(defaults)
    try:
        port = serial.serial_for_url(
            url.target,
            baudrate=s.baudrate,
            bytesize=s.bytesize,
            parity=s.parity,
            stopbits=s.stopbits,
            rtscts=s.rtscts,
            xonxoff=s.xonxoff,
            dsrdtr=s.dsrdtr,
            timeout=0.05,
            write_timeout=s.write_timeout,
        )
    except ValueError as exc:  # pyserial's "could not open port" is an OSError already
        raise TransportError(str(exc)) from exc
    return SerialTransport(port, f"{url.target} {s.baudrate} {s.bytesize}{s.parity}{s.stopbits:g}")


def open_transport(url: DeviceUrl, serial_defaults: SerialSettings | None = None) -> Transport:
    """Open the port ``url`` names; raises ``OSError`` when it cannot be opened now."""
    started = time.perf_counter()
    transport: Transport
    if url.scheme == "serial":
        transport = _open_serial(url, serial_defaults)
    elif url.scheme == "tcp":
        host, port = url.host_port
        transport = TcpTransport(
            host,
            port,
            float(url.params.get("connect_timeout", 3)),
            float(url.params.get("write_timeout", 10)),
        )
    elif url.scheme == "file":
        transport = FileTransport(Path(url.target))
    elif url.scheme == "usb":
        vendor, product = url.usb_ids
        transport = UsbTransport(
            vendor,
            product,
            int(url.params.get("in_ep", "0x82"), 0),
            int(url.params.get("out_ep", "0x01"), 0),
            int(url.params.get("timeout_ms", 5000)),
        )
    elif url.scheme == "win32":
        from pos_desktop.devices.win32_spooler import Win32Transport

        transport = Win32Transport(url.target)
    else:
        raise TransportError(f"{url.raw!r} is not a port of its own")
    log.debug("opened %s in %.1f ms", transport.description, (time.perf_counter() - started) * 1e3)
    return transport
