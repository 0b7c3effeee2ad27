"""Scales answer stable, moving and overloaded readings; pole displays get 20 ASCII columns."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_desktop.devices.display import DisplayProtocol, ascii_line, frame, two_sided
from pos_desktop.devices.lifecycle import DeviceState
from pos_desktop.devices.scale import ScaleProtocol, parse_reply
from pos_desktop.domain.errors import UserError
from tests.devices.fakes import FakePrinter, FakeScale


@pytest.mark.parametrize(
    ("protocol", "reply", "outcome"),
    [
        (ScaleProtocol.TOLEDO, b"\x0201.250", Decimal("1.250")),
        (ScaleProtocol.TOLEDO, b"\x02?A", "scale.in_motion"),
        (ScaleProtocol.TOLEDO, b"\x02?B", "scale.overload"),
        (ScaleProtocol.TOLEDO, b"\x02?D", "scale.under_zero"),
        (ScaleProtocol.TOLEDO, b"\x0200.000", "scale.no_weight"),
        (ScaleProtocol.CAS, b"ST,GS,+  1.250kg", Decimal("1.250")),
        (ScaleProtocol.CAS, b"US,GS,+  1.250kg", "scale.in_motion"),
        (ScaleProtocol.CAS, b"OL,GS,+  9.999kg", "scale.overload"),
        (ScaleProtocol.ADAM, b"+   750 g", Decimal("0.750")),
        (ScaleProtocol.ADAM, b"US +   1.5 kg", "scale.in_motion"),
    ],
)
def test_scale_replies(protocol, reply, outcome):
    reading = parse_reply(protocol, reply)
    if isinstance(outcome, Decimal):
        assert reading.accept() == outcome
    else:
        with pytest.raises(UserError) as refused:
            reading.accept()
        assert refused.value.code == outcome


def test_garbage_from_a_scale_is_a_bad_reply():
    with pytest.raises(UserError) as bad:
        parse_reply(ScaleProtocol.TOLEDO, b"\x02zz")
    assert bad.value.code == "scale.bad_reply"


def test_scale_on_a_serial_line(make_hub, plug):
    scale = plug(FakeScale, "scale")
    # A pty cannot do 7E1 (the Toledo default), real ports can: 8N1 here.
    url = scale.url + "&bytesize=8&parity=N"
    hub, events = make_hub({"scale": {"url": url, "protocol": "toledo"}})
    events.wait_state("scale", DeviceState.ENABLED)
    assert hub.scale.read().result(5).accept() == Decimal("1.250")
    scale.reply = b"\x02?A\r"
    with pytest.raises(UserError, match="in_motion"):
        hub.scale.read().result(5).accept()
    scale.reply = b"\x02?B\r"
    with pytest.raises(UserError, match="overload"):
        hub.scale.read().result(5).accept()
    scale.reply = b""
    with pytest.raises(UserError, match="no_answer"):
        hub.scale.read().result(5)
    assert scale.requests == 4


def test_display_lines_are_ascii_and_twenty_columns():
    assert ascii_line("Kopi “Luwak” – ½ kg") == 'Kopi "Luwak" - 1/2 k'
    assert len(ascii_line("x")) == 20
    line = two_sided("Indomie Goreng Rendang Spesial", "Rp3.600")
    assert line == "Indomie Gore Rp3.600"
    assert two_sided("Total", "Rp4.000") == "Total" + " " * 8 + "Rp4.000"
    assert frame(DisplayProtocol.CD5220, "A", "B") == (
        b"\x1bQA" + b"A".ljust(20) + b"\r\x1bQB" + b"B".ljust(20) + b"\r"
    )
    assert frame(DisplayProtocol.ESCPOS, "A", "B") == (
        b"\x1f$\x01\x01" + b"A".ljust(20) + b"\x1f$\x01\x02" + b"B".ljust(20)
    )


def test_display_shows_welcome_then_item(make_hub, plug):
    display = plug(FakePrinter, "display", answers=False)
    hub, events = make_hub(
        {"display": {"url": display.url, "protocol": "cd5220", "welcome": "Selamat datang"}}
    )
    events.wait_state("display", DeviceState.ENABLED)
    hub.display.show_pair("Aqua 600 ml", "Rp4.000", "Total", "Rp4.000").result(5)
    display.wait_for(lambda: b"Aqua" in display.printed)
    data = bytes(display.printed)
    assert data.startswith(b"\x1b@\x0c\x1bQASelamat datang")
    assert b"\x1bQAAqua 600 ml" in data
    assert all(b < 0x80 for b in data)


def _after(display: FakePrinter, mark: int) -> bytes:
    return bytes(display.printed[mark:])


def test_a_display_plugged_back_shows_the_sale_not_the_welcome(make_hub, plug):
    display = plug(FakePrinter, "display", answers=False)
    hub, events = make_hub(
        {"display": {"url": display.url, "protocol": "cd5220", "welcome": "Selamat datang"}}
    )
    events.wait_state("display", DeviceState.ENABLED)
    hub.display.show_pair("Aqua 600 ml", "Rp4.000", "Total", "Rp12.000").result(5)
    item = frame(DisplayProtocol.CD5220, *_pair("Aqua 600 ml", "Rp4.000", "Total", "Rp12.000"))
    display.wait_for(lambda: item in display.printed)

    # Unplugged while idle: the display thread notices by itself, and once it is back the
    # display shows the item and total again, after its reset.
    display.unplug()
    events.wait_state("display", DeviceState.ERROR, "display.unavailable")
    mark = len(display.printed)
    display.replug()
    events.wait_state("display", DeviceState.ENABLED)
    display.wait_for(lambda: item in _after(display, mark))
    assert _after(display, mark) == b"\x1b@\x0c" + item
    assert b"Selamat" not in _after(display, mark)

    # Unplugged, and the till shows the total meanwhile: that request fails, yet the display
    # shows it once it is back.
    display.unplug()
    events.wait_state("display", DeviceState.ERROR, "display.unavailable")
    with pytest.raises(UserError):
        hub.display.show_pair("Total", "Rp12.000", "", "").result(5)
    mark = len(display.printed)
    display.replug()
    events.wait_state("display", DeviceState.ENABLED)
    total = frame(DisplayProtocol.CD5220, *_pair("Total", "Rp12.000", "", ""))
    display.wait_for(lambda: total in _after(display, mark))
    assert _after(display, mark) == b"\x1b@\x0c" + total

    # After the sale the till locks: the welcome text is what it wants, and shows.
    hub.display.welcome().result(5)
    display.wait_for(lambda: b"Selamat datang" in _after(display, mark))


def _pair(label: str, amount: str, bottom_label: str, bottom: str) -> tuple[str, str]:
    return two_sided(label, amount), two_sided(bottom_label, bottom)
