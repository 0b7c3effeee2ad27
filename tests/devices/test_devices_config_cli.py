"""Device strings and the [devices] tables are checked when the config is read; the CLI lists
ports and runs one device's test."""

from __future__ import annotations

from pathlib import Path

import pytest

from pos_desktop.cli import main
from pos_desktop.config import ConfigError, load_config
from pos_desktop.devices.config import parse_devices
from pos_desktop.devices.transports import open_transport
from pos_desktop.devices.url import parse_device_url
from tests.escpos_decoder import Cut, decode


def test_device_urls():
    url = parse_device_url("serial:///dev/ttyACM0?baudrate=19200&parity=e")
    assert (url.scheme, url.target) == ("serial", "/dev/ttyACM0")
    assert url.serial_settings().baudrate == 19200 and url.serial_settings().parity == "E"
    assert parse_device_url("serial:COM3").target == "COM3"
    assert parse_device_url("tcp://192.168.1.50").host_port == ("192.168.1.50", 9100)
    assert parse_device_url("usb://04b8:0e15").usb_ids == (0x04B8, 0x0E15)
    assert parse_device_url("file:///tmp/r.bin").target == "/tmp/r.bin"
    assert parse_device_url("win32:EPSON TM-T82 Receipt").target == "EPSON TM-T82 Receipt"
    socket_url = parse_device_url("socket://127.0.0.1:7000?baudrate=9600&logging=debug")
    assert socket_url.target == "socket://127.0.0.1:7000?logging=debug"
    for bad in ("ttyACM0", "lpt://1", "serial:///dev/x?speed=9600", "usb://epson", "tcp://h:x"):
        with pytest.raises(ValueError):
            parse_device_url(bad)


def test_loop_url_goes_through_pyserial():
    transport = open_transport(parse_device_url("loop://?baudrate=9600"))
    try:
        transport.write(b"8991000000011\r")
        assert transport.read(64, 1.0) == b"8991000000011\r"
        assert transport.read(64, 0.01) == b""
    finally:
        transport.close()


def test_devices_tables(tmp_path: Path):
    config = parse_devices(
        {
            "printer": {"url": "tcp://10.0.0.5", "profile": "58mm", "qr": "native"},
            "drawer": {"pin": 5, "on_ms": 50, "off_ms": 250},
            "scanner": {"url": "serial:///dev/ttyACM0", "terminator": "\r\n", "prefix": "@"},
            "wedge": {"max_gap_ms": 30, "min_length": 6},
        }
    )
    assert config.printer.profile.columns == 32 and config.printer.profile.qr_native
    assert config.drawer.via_printer and config.drawer.kick.pin == 5
    assert config.scanner.settings.terminator == b"\r\n"
    assert config.wedge.min_length == 6
    assert not parse_devices({}).any
    for bad in (
        {"drawer": {}},  # on the printer, but there is none
        {"drawer": {"url": "serial:///dev/x", "on_ms": 300, "off_ms": 300}},  # duty
        {"printer": {"url": "tcp://x", "profile": "76mm"}},
        {"printer": {"url": "tcp://x", "columns": 200}},
        {"scanner": {"url": "serial:///dev/x", "terminator": ";"}},
        {"scale": {"url": "serial:///dev/x", "protocol": "dibal"}},
        {"printers": {}},
    ):
        with pytest.raises(ValueError):
            parse_devices(bad)
    path = tmp_path / "config.toml"
    path.write_text('[devices.printer]\nurl = "nowhere"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config.toml: devices.printer.url"):
        load_config(path)


def test_logo_drawer_switch_and_scale_settings(tmp_path: Path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(b"png")
    config = parse_devices(
        {
            "printer": {"url": "tcp://x", "logo": str(logo), "image_band_rows": 24},
            "drawer": {"sensor": "low"},
            "scale": {"url": "serial:///dev/x", "settle_ms": 1500, "retry_ms": 100},
        }
    )
    assert config.printer.profile.logo == str(logo)
    assert config.printer.profile.image_band_rows == 24
    assert config.drawer.open_level is False
    assert (config.scale.settle_ms, config.scale.retry_ms) == (1500, 100)
    defaults = parse_devices({"printer": {"url": "tcp://x"}, "drawer": {}})
    assert defaults.printer.profile.logo == "" and defaults.drawer.open_level is True
    assert (
        parse_devices(
            {"printer": {"url": "tcp://x"}, "drawer": {"sensor": "none"}}
        ).drawer.open_level
        is None
    )
    for bad, message in (
        ({"printer": {"url": "tcp://x", "logo": str(tmp_path / "gone.png")}}, "logo"),
        ({"printer": {"url": "tcp://x", "image_band_rows": 3}}, "image_band_rows"),
        ({"printer": {"url": "tcp://x"}, "drawer": {"sensor": "maybe"}}, "sensor"),
        ({"scale": {"url": "serial:///dev/x", "retry_ms": 0}}, "retry_ms"),
    ):
        with pytest.raises(ValueError, match=message):
            parse_devices(bad)


def test_cli_lists_ports_and_tests_a_file_printer(till_home: Path, capsys):
    assert main(["devices", "list"]) == 0
    out = capsys.readouterr().out
    assert "Serial ports:" in out and "USB printers:" in out

    target = till_home / "lp0"
    till_home.mkdir(parents=True, exist_ok=True)
    (till_home / "config.toml").write_text(
        f'[devices.printer]\nurl = "file://{target}"\nprofile = "58mm"\n', encoding="utf-8"
    )
    assert main(["devices", "test", "printer"]) == 0
    assert "test receipt printed" in capsys.readouterr().out
    printed = decode(target.read_bytes())
    assert "1234567890" * 3 + "12" in printed.lines
    assert printed.of(Cut) == []  # the 58 mm profile has no cutter
    assert main(["devices", "test", "scale"]) == 3  # not configured


def test_open_till_starts_and_stops_the_configured_devices(till_home: Path):
    from pos_desktop.app import open_till, seed_demo_store
    from pos_desktop.devices.receipt_sink import DeviceReceiptSink
    from pos_desktop.paths import resolve_paths

    till_home.mkdir(parents=True, exist_ok=True)
    config_file = till_home / "config.toml"
    config_file.write_text(
        f'[devices.printer]\nurl = "file://{till_home / "lp0"}"\nprofile = "58mm"\n',
        encoding="utf-8",
    )
    paths = resolve_paths()
    assert seed_demo_store(paths)
    till = open_till(paths, load_config(config_file))
    try:
        assert till.devices is not None and till.devices.printer is not None
        assert isinstance(till.context.till.receipts, DeviceReceiptSink)
        assert till.sink.profile.columns == 32
    finally:
        till.close()
    assert all(not w.thread.is_alive() for w in till.devices.workers)


def test_without_devices_the_till_writes_files_only(till_home: Path):
    from pos_desktop.app import open_till, seed_demo_store
    from pos_desktop.paths import resolve_paths
    from pos_desktop.receipts.sink import FileReceiptSink

    paths = resolve_paths()
    assert seed_demo_store(paths)
    till = open_till(paths, load_config(till_home / "none.toml"))
    try:
        assert till.devices is None
        assert type(till.context.till.receipts) is FileReceiptSink
    finally:
        till.close()
