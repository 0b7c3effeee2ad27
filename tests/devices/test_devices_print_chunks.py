"""Status queries go only between commands: every kind of job the till prints, built by the real
renderers, is sent at several chunk sizes with the printer answering DLE EOT after each chunk;
the captured stream decodes to the job plus queries, the QR still carries the right number, and
taking the queries out gives back the job byte for byte."""

from __future__ import annotations

import uuid
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image as PilImage
from PIL import ImageDraw

from pos_desktop.devices import selftest
from pos_desktop.devices.escpos_commands import (
    Command,
    EscposSyntaxError,
    chunks,
    command_at,
    commands,
)
from pos_desktop.devices.lifecycle import DeviceKind, DeviceState
from pos_desktop.devices.printer import PrinterDriver
from pos_desktop.devices.worker import DeviceWorker, Port
from pos_desktop.domain.cash import CashCount
from pos_desktop.domain.refund import build_refund
from pos_desktop.receipts import PROFILE_58MM, PROFILE_80MM, PrinterProfile, render_escpos
from pos_desktop.receipts.model import build_receipt
from pos_desktop.receipts.refund_receipt import build_refund_slip
from pos_desktop.receipts.shift_receipt import render_report_escpos
from tests.devices.fakes import FakePrinter, MemoryPrinter
from tests.domain.test_domain_shift_report import x_report, z_report
from tests.escpos_decoder import Image, Qr, Status, decode
from tests.receipts.factories import SOLD_AT, STORE, make_sale, rich_cart

CHUNK_SIZES = (1, 7, 16, 64, 256, 4096)
RECEIPT_NO = "S01-T01-000123"
REFUND_NO = "S01-T01-R000001"
DLE_EOT = b"\x10\x04"
COUNT = CashCount.of({"note_100000": 3, "note_10000": 1, "coin_200": 1})


def _logo(path: Path) -> str:
    image = PilImage.new("RGBA", (800, 260), (255, 255, 255, 0))
    ImageDraw.Draw(image).ellipse((40, 20, 760, 240), "black")
    image.save(path)
    return str(path)


def _refund_slip(profile: PrinterProfile) -> bytes:
    sale = make_sale(rich_cart(), ppn=True)
    refund = build_refund(
        sale,
        {1: Decimal(1), 4: Decimal("0.500")},
        (),
        True,
        refund_id=str(uuid.uuid4()),
        refund_no=REFUND_NO,
        store_code="S01",
        till_code="T01",
        refunded_at=SOLD_AT,
        cashier_code="K01",
        cashier_name="Siti",
        reason="damaged",
        approver_code="M01",
        approver_name="Ani",
        rounding_step=100,
    )
    return render_escpos(build_refund_slip(refund, STORE), profile)


def _jobs(tmp_path: Path) -> dict[str, tuple[bytes, str | None]]:
    """Job name -> (bytes, the QR payload it must print natively or None)."""
    logo = _logo(tmp_path / "logo.png")
    with_logo = replace(PROFILE_80MM, logo=logo)
    small = replace(PROFILE_58MM, logo=logo, image_band_rows=24)
    sale = make_sale(rich_cart(), ppn=True)
    return {
        "receipt, 80 mm, logo, native QR": (
            render_escpos(build_receipt(sale, STORE, ppn_enabled=True), with_logo),
            RECEIPT_NO,
        ),
        "receipt, 58 mm, logo, QR as image": (
            render_escpos(build_receipt(sale, STORE, ppn_enabled=True), small),
            None,
        ),
        "reprint copy": (
            render_escpos(build_receipt(sale, STORE, ppn_enabled=True, copy=True), with_logo),
            RECEIPT_NO,
        ),
        "refund slip": (_refund_slip(with_logo), REFUND_NO),
        "X report": (render_report_escpos(x_report(), STORE, with_logo), None),
        "Z report copy": (render_report_escpos(z_report(COUNT), STORE, small, copy=True), None),
        "test page": (selftest.test_page(PROFILE_80MM), None),
    }


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[bytes, str | None]]:
    return _jobs(tmp_path_factory.mktemp("jobs"))


def _send(data: bytes, chunk_size: int) -> MemoryPrinter:
    """``data`` through the real driver to a printer that answers status; what it received."""
    transport = MemoryPrinter()
    worker = DeviceWorker(
        "printer", DeviceKind.PRINTER, lambda: transport, PrinterDriver(), lambda _e: None
    )
    port = Port(worker, transport)
    driver = PrinterDriver(chunk_size=chunk_size, status_timeout=1.0)
    driver.enable(port)
    assert driver.answers_status
    transport.writes.clear()
    driver.print_bytes(port, data, "job")
    return transport


def _without_queries(stream: bytes) -> tuple[bytes, int]:
    """``stream`` with every DLE EOT command taken out, walking it command by command as a
    printer reads it (a query inside a command is no command of its own), and how many."""
    kept = bytearray()
    queries = 0
    for command in commands(stream):
        if command.head == DLE_EOT:
            queries += 1
        else:
            kept += stream[command.start : command.end]
    return bytes(kept), queries


@pytest.mark.parametrize("chunk_size", CHUNK_SIZES)
@pytest.mark.parametrize(
    "name",
    [
        "receipt, 80 mm, logo, native QR",
        "receipt, 58 mm, logo, QR as image",
        "reprint copy",
        "refund slip",
        "X report",
        "Z report copy",
        "test page",
    ],
)
def test_status_queries_sit_only_between_commands(jobs, name: str, chunk_size: int) -> None:
    job, qr = jobs[name]
    printer = _send(job, chunk_size)
    stream = printer.received

    restored, queries = _without_queries(stream)
    assert restored == job
    # One check (DLE EOT 1 and 4) after every chunk: the job was really cut up.
    pieces = [w for w in printer.writes if not w.startswith(DLE_EOT)]
    assert b"".join(pieces) == job
    assert queries == 2 * (len(pieces) + 1)
    if chunk_size < len(job):
        assert len(pieces) > 1

    printed = decode(stream)
    expected = decode(job)
    assert [e for e in printed.events if not isinstance(e, Status)] == expected.events
    assert printed.lines == expected.lines
    if qr is not None:
        assert printed.of(Qr)[0].payload == qr
    # Every piece ends where a command ends.
    boundaries = _boundaries(job)
    offset = 0
    for piece in pieces:
        offset += len(piece)
        assert offset in boundaries


def _boundaries(job: bytes) -> set[int]:
    """Offsets a chunk may end at: between commands, or anywhere inside text."""
    allowed = {0}
    for command in commands(job):
        allowed.add(command.end)
        if command.is_text:
            allowed.update(range(command.start, command.end))
    return allowed


def test_chunks_are_no_bigger_than_asked_unless_one_command_is(jobs) -> None:
    job, _qr = jobs["receipt, 80 mm, logo, native QR"]
    images = decode(job).of(Image)
    assert images, "the job holds raster bands longer than small chunks"
    for size in CHUNK_SIZES:
        for piece in chunks(job, size):
            if len(piece) > size:
                whole = command_at(piece, 0)
                assert (whole.start, whole.end) == (0, len(piece)), "a long command goes alone"


def test_fixed_size_chunks_would_put_queries_inside_commands(jobs) -> None:
    """What the printer thread did before: the same job in fixed 64-byte slices puts queries
    inside commands, and the stream no longer decodes to the job."""
    job, qr = jobs["receipt, 80 mm, logo, native QR"]
    query = DLE_EOT + b"\x01"
    stream = query.join(job[i : i + 64] for i in range(0, len(job), 64))
    inside = [
        i
        for i in range(64, len(job), 64)
        if i not in _boundaries(job)  # a slice that ends inside a command
    ]
    assert inside
    restored = b""
    try:
        restored = _without_queries(stream)[0]
        qr_seen = decode(stream).of(Qr)[0].payload
    except EscposSyntaxError:
        qr_seen = None
    assert restored != job or qr_seen != qr


@pytest.mark.parametrize(
    ("data", "head", "length"),
    [
        (b"\x1b!\x08", b"\x1b!", 3),
        (b"\x1bp\x00\x32\xfa", b"\x1bp", 5),
        (b"\x1dVB\x00", b"\x1dV", 4),
        (b"\x1dV\x01", b"\x1dV", 3),
        (b"\x1d(k\x05\x001P0AB", b"\x1d(k", 10),
        (b"\x1dv0\x00\x02\x00\x03\x00" + bytes(6), b"\x1dv0", 14),
        (b"\x1d8L\x03\x00\x00\x0001p", b"\x1d8L", 10),
        (b"\x1b*\x21\x02\x00" + bytes(6), b"\x1b*", 11),
        (b"\x1dkE\x03ABC", b"\x1dk", 7),
        (b"\x1dk\x04ABC\x00", b"\x1dk", 7),
        (b"\x1bD\x08\x10\x00", b"\x1bD", 5),
        (b"\x1c.", b"\x1c.", 2),
        (b"\x10\x04\x04", DLE_EOT, 3),
        (b"Rp12.500\tok", b"", 11),
    ],
)
def test_command_lengths(data: bytes, head: bytes, length: int) -> None:
    assert command_at(data + b"\n", 0) == Command(0, length, head)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x1b\x01", "unknown command ESC 0x01"),
        (b"\x1d(k\x05\x001P0", "truncated GS \\( k parameters"),
        (b"\x07", "unknown control byte 0x07"),
        (b"\x1dV\x07", "bad cut mode 7"),
    ],
)
def test_unknown_or_cut_short_commands_are_refused(data: bytes, message: str) -> None:
    with pytest.raises(EscposSyntaxError, match=message):
        list(chunks(data, 4))


def test_a_job_the_table_does_not_know_prints_in_one_piece(caplog) -> None:
    job = b"\x1b@hello\n\x1b\x01strange\n"
    printer = _send(job, 4)
    assert [w for w in printer.writes if not w.startswith(DLE_EOT)] == [job]
    assert "one piece" in caplog.text


def test_a_receipt_on_a_serial_line_keeps_its_qr(make_hub, plug, jobs) -> None:
    """The same through the printer thread and a pty: the fake printer answers every query it
    sees in the stream, as a real one does, and prints the rest."""
    job, qr = jobs["receipt, 80 mm, logo, native QR"]
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub({"printer": {"url": printer.url, "chunk_size": 64}})
    events.wait_state("printer", DeviceState.ENABLED, None)
    hub.printer.print_raw(job).result(20)
    printer.wait_for(lambda: len(printer.printed) >= len(job))
    assert bytes(printer.printed) == job
    received = bytes(printer.received)
    assert _without_queries(received)[0] == job
    assert decode(received).of(Qr)[0].payload == qr
    # Asked before the job and after each of its pieces.
    assert len(printer.queries) >= 2 * (len(list(chunks(job, 64))) + 1)
