"""The webhook benchmark's pure parts: reading an event's creation from a body, what a list of
arrivals says (delays, duplicates, the events of one phase only), and writing its own section
of docs/benchmarks.md without touching the others. Nothing here reads a clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bench import webhook_receiver, webhooks
from bench.webhooks import Delivery, Ingest, Options, Result

T0 = datetime(2026, 12, 8, 2, 0, tzinfo=UTC).timestamp()


def stamp(at: float) -> str:
    return datetime.fromtimestamp(at, UTC).isoformat().replace("+00:00", "Z")


def test_the_creation_time_is_read_from_the_start_of_the_body() -> None:
    body = b'{"type":"sale.created","timestamp":"2026-12-08T02:00:00.123456Z","data":{"x":1}}'
    assert webhook_receiver.created_stamp(body) == "2026-12-08T02:00:00.123456Z"
    assert webhook_receiver.created_stamp(b'{"type":"x","data":{}}') == ""


def test_arrivals_give_delays_duplicates_and_only_the_phases_events() -> None:
    arrivals = [
        ("msg_old", T0 - 5.0, stamp(T0 - 6.0)),  # made before the phase: left out
        ("msg_a", T0 + 1.5, stamp(T0 + 1.0)),
        ("msg_b", T0 + 4.0, stamp(T0 + 2.0)),
        ("msg_a", T0 + 9.0, stamp(T0 + 1.0)),  # the same webhook-id again
        ("msg_x", T0 + 3.0, ""),  # not a webhook body
    ]
    got = webhooks.delivery_of(arrivals, T0, events=2, until=T0 + 2.0)
    assert (got.events, got.arrived, got.duplicates) == (2, 2, 1)
    assert got.delays_s == pytest.approx([0.5, 2.0])
    assert got.span_s == pytest.approx(4.0)  # to the first arrival of the last one
    assert got.rate == pytest.approx(0.5)
    assert got.after_ingest == 1 and got.drain_rate == pytest.approx(0.5)  # msg_b, in 2 s


def result(off: list[float], on: list[float]) -> Result:
    def ingest(rate: float) -> Ingest:
        return Ingest(sales=int(rate * 10), wall_s=10.0)

    return Result(
        Options(rounds=len(on)),
        delivery=Delivery(100, 100, 0, [0.25, 0.5], 10.0),
        off=[ingest(r) for r in off],
        on=[ingest(r) for r in on],
    )


def test_the_ratio_is_of_medians_and_the_section_shows_every_round() -> None:
    got = result(off=[1000.0, 800.0, 1200.0], on=[950.0, 700.0, 900.0])
    assert webhooks.ratio(got) == pytest.approx(900.0 / 1000.0)
    lines = webhooks.section(got)
    assert lines[0].startswith(webhooks.TITLE)
    text = "\n".join(lines)
    assert "1000 / 950, 800 / 700, 1200 / 900" in text and "**0.90**" in text
    assert "p99 < 2 s" in text


def test_splice_replaces_only_its_own_section() -> None:
    document = "# Benchmarks\n\n## Sync\n\nsync rows\n\n## Webhooks (old)\n\nold\n\n## Later\n\nx\n"
    spliced = webhooks.splice(document, ["## Webhooks (new)", "", "new", ""])
    assert (
        spliced
        == "# Benchmarks\n\n## Sync\n\nsync rows\n\n## Webhooks (new)\n\nnew\n\n## Later\n\nx\n"
    )


def test_splice_adds_the_section_at_the_end_when_there_is_none() -> None:
    spliced = webhooks.splice("# Benchmarks\n\n## Sync\n\nrows\n", ["## Webhooks", "", "new", ""])
    assert spliced == "# Benchmarks\n\n## Sync\n\nrows\n\n## Webhooks\n\nnew\n\n"
