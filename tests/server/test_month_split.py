"""``report_queries.month_split``: a report range cut into whole months (read from the month
tables) and the days around them (read from the day tables). Every day of the range must be
read exactly once, or a report by product counts a day twice or leaves it out."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from server_stub.report_queries import month_split

Split = tuple[list[tuple[date, date]], tuple[date, date] | None]


def _month_after(first: date) -> date:
    return date(first.year + first.month // 12, first.month % 12 + 1, 1)


def days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def expand(split: Split) -> list[date]:
    """Every day the split reads, once per time it reads it (a day read twice is listed twice)."""
    day_ranges, months = split
    days = [d for start, end in day_ranges for d in days_between(start, end)]
    if months is not None:
        first, last = months
        assert first.day == 1 and last.day == 1, months
        assert first <= last, months
        month = first
        while month <= last:
            days += days_between(month, _month_after(month) - timedelta(days=1))
            month = _month_after(month)
    return days


def whole_months_in(day_from: date, day_to: date) -> list[date]:
    """The first days of the months that lie entirely in ``day_from``..``day_to``."""
    out = []
    month = day_from.replace(day=1)
    while month <= day_to:
        if day_from <= month and _month_after(month) - timedelta(days=1) <= day_to:
            out.append(month)
        month = _month_after(month)
    return out


def check(day_from: date, day_to: date) -> Split:
    """The split covers exactly ``day_from``..``day_to``, no day twice, and reads every whole
    month of the range from the month table (the day ranges hold no whole month)."""
    split = month_split(day_from, day_to)
    day_ranges, months = split
    assert all(start <= end for start, end in day_ranges), split
    read = expand(split)
    assert len(read) == len(set(read)), f"a day read twice: {split}"
    assert set(read) == set(days_between(day_from, day_to)), split
    whole = whole_months_in(day_from, day_to)
    if whole:
        assert months == (whole[0], whole[-1]), split
    else:
        assert months is None, split
    return split


d = date


@pytest.mark.parametrize(
    ("day_from", "day_to", "expected"),
    [
        # inside one month
        (d(2026, 12, 5), d(2026, 12, 20), ([(d(2026, 12, 5), d(2026, 12, 20))], None)),
        (d(2026, 12, 1), d(2026, 12, 30), ([(d(2026, 12, 1), d(2026, 12, 30))], None)),
        (d(2026, 12, 2), d(2026, 12, 31), ([(d(2026, 12, 2), d(2026, 12, 31))], None)),
        # exactly one whole month
        (d(2026, 12, 1), d(2026, 12, 31), ([], (d(2026, 12, 1), d(2026, 12, 1)))),
        (d(2026, 4, 1), d(2026, 4, 30), ([], (d(2026, 4, 1), d(2026, 4, 1)))),
        # partial, whole, partial
        (
            d(2026, 11, 30),
            d(2027, 2, 2),
            (
                [(d(2026, 11, 30), d(2026, 11, 30)), (d(2027, 2, 1), d(2027, 2, 2))],
                (d(2026, 12, 1), d(2027, 1, 1)),
            ),
        ),
        # February, leap year and not
        (d(2028, 2, 1), d(2028, 2, 29), ([], (d(2028, 2, 1), d(2028, 2, 1)))),
        (d(2028, 2, 1), d(2028, 2, 28), ([(d(2028, 2, 1), d(2028, 2, 28))], None)),
        (
            d(2028, 2, 29),
            d(2028, 3, 31),
            ([(d(2028, 2, 29), d(2028, 2, 29))], (d(2028, 3, 1), d(2028, 3, 1))),
        ),
        (d(2027, 2, 1), d(2027, 2, 28), ([], (d(2027, 2, 1), d(2027, 2, 1)))),
        (
            d(2027, 2, 15),
            d(2027, 3, 31),
            ([(d(2027, 2, 15), d(2027, 2, 28))], (d(2027, 3, 1), d(2027, 3, 1))),
        ),
        (
            d(2027, 1, 31),
            d(2027, 3, 1),
            (
                [(d(2027, 1, 31), d(2027, 1, 31)), (d(2027, 3, 1), d(2027, 3, 1))],
                (d(2027, 2, 1), d(2027, 2, 1)),
            ),
        ),
        # day_to the last day of a month
        (
            d(2026, 11, 15),
            d(2026, 12, 31),
            ([(d(2026, 11, 15), d(2026, 11, 30))], (d(2026, 12, 1), d(2026, 12, 1))),
        ),
        # a single day
        (d(2026, 12, 31), d(2026, 12, 31), ([(d(2026, 12, 31), d(2026, 12, 31))], None)),
        (d(2026, 12, 1), d(2026, 12, 1), ([(d(2026, 12, 1), d(2026, 12, 1))], None)),
        (d(2028, 2, 29), d(2028, 2, 29), ([(d(2028, 2, 29), d(2028, 2, 29))], None)),
        # across a year end
        (d(2026, 12, 31), d(2027, 1, 1), ([(d(2026, 12, 31), d(2027, 1, 1))], None)),
        (d(2026, 12, 15), d(2027, 1, 10), ([(d(2026, 12, 15), d(2027, 1, 10))], None)),
        (d(2026, 12, 1), d(2027, 1, 31), ([], (d(2026, 12, 1), d(2027, 1, 1)))),
        (d(2026, 1, 1), d(2026, 12, 31), ([], (d(2026, 1, 1), d(2026, 12, 1)))),
        (
            d(2025, 12, 31),
            d(2028, 1, 1),
            (
                [(d(2025, 12, 31), d(2025, 12, 31)), (d(2028, 1, 1), d(2028, 1, 1))],
                (d(2026, 1, 1), d(2027, 12, 1)),
            ),
        ),
    ],
)
def test_known_ranges(day_from: date, day_to: date, expected: Split) -> None:
    assert check(day_from, day_to) == expected


def test_every_range_of_a_leap_winter_is_read_once() -> None:
    """Every range starting on a day from mid-December 2027 to mid-March 2028 (a year end and a
    leap February), up to 75 days long: each day exactly once, whole months by month."""
    for day_from in days_between(d(2027, 12, 15), d(2028, 3, 15)):
        for length in range(75):
            check(day_from, day_from + timedelta(days=length))
