"""Counting the drawer: denominations, refusals of bad counts, and the total."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_desktop.domain.cash import BY_KEY, DENOMINATIONS, MAX_PIECES, CashCount
from pos_desktop.domain.errors import UserError


def test_denominations_are_the_rupiah_in_circulation() -> None:
    coins = sorted(d.value for d in DENOMINATIONS if d.coin)
    notes = sorted(d.value for d in DENOMINATIONS if not d.coin)
    assert coins == [100, 200, 500, 1_000]
    assert notes == [1_000, 2_000, 5_000, 10_000, 20_000, 50_000, 100_000]
    assert len(BY_KEY) == len(DENOMINATIONS)


def test_total_counts_the_coin_and_the_note_of_1000_separately() -> None:
    count = CashCount.of(
        {"note_100000": 3, "note_50000": "2", "note_1000": 4, "coin_1000": 5, "coin_100": 7}
    )
    assert count.total == 300_000 + 100_000 + 4_000 + 5_000 + 700
    assert count.count("note_1000") == 4
    assert count.count("coin_1000") == 5
    assert count.count("note_2000") == 0
    assert [(d.key, n, amount) for d, n, amount in count.lines()] == [
        ("note_100000", 3, 300_000),
        ("note_50000", 2, 100_000),
        ("note_1000", 4, 4_000),
        ("coin_1000", 5, 5_000),
        ("coin_100", 7, 700),
    ]


def test_empty_count_is_zero() -> None:
    assert CashCount.of({}).total == 0
    assert CashCount.empty() == CashCount.of({})


@pytest.mark.parametrize("raw", [-1, "-3"])
def test_negative_count_is_refused(raw: object) -> None:
    with pytest.raises(UserError) as err:
        CashCount.of({"note_5000": raw})
    assert err.value.code == "cash.count_negative"
    assert err.value.params == {"denomination": "note_5000"}


@pytest.mark.parametrize("raw", [1.5, 2.0, Decimal("2"), "2,5", "1.0", "", "abc", True, None, "٣"])
def test_non_integer_count_is_refused(raw: object) -> None:
    with pytest.raises(UserError) as err:
        CashCount.of({"coin_500": raw})
    assert err.value.code == "cash.count_not_whole"


def test_unknown_denomination_is_refused() -> None:
    with pytest.raises(UserError) as err:
        CashCount.of({"note_75000": 1, "note_5000": 2})
    assert err.value.code == "cash.unknown_denomination"
    assert err.value.params == {"denomination": "note_75000"}
    with pytest.raises(UserError):
        CashCount.empty().count("coin_50")


def test_absurd_count_is_refused() -> None:
    assert CashCount.of({"coin_100": MAX_PIECES}).total == MAX_PIECES * 100
    with pytest.raises(UserError) as err:
        CashCount.of({"coin_100": MAX_PIECES + 1})
    assert err.value.code == "cash.count_too_large"


def test_json_round_trip_keeps_every_denomination() -> None:
    count = CashCount.of({"note_20000": 11, "coin_200": 3})
    data = count.to_json()
    assert set(data) == set(BY_KEY)
    assert all(type(v) is int for v in data.values())
    assert CashCount.from_json(data) == count
