"""How the back office writes money, numbers, dates and times: the Indonesian way in both
languages (Rp12.500, 07/12/2026, 14:05 WIB), since the figures are the shop's, not the reader's."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from pos_desktop.domain.money import format_money

DEFAULT_ZONE = "Asia/Jakarta"
STORE_ZONES = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}
"""Indonesia's three zones by their IANA names, with the abbreviation a shop reads."""


def rupiah(amount: int | None) -> str:
    """``Rp12.500``, ``-Rp1.500``; an unknown amount (``None``) is an empty string."""
    if amount is None:
        return ""
    return format_money(int(amount))


def fmt_number(value: int | float | None) -> str:
    """Thousands grouped with dots (``1.234``); a fraction keeps one decimal with a comma."""
    if value is None:
        return ""
    if isinstance(value, float) and not value.is_integer():
        whole = f"{value:,.1f}"
        return whole.replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{int(value):,}".replace(",", ".")


def fmt_date(day: date | datetime | None) -> str:
    """``07/12/2026`` (day first, as Indonesia writes it)."""
    if day is None:
        return ""
    return day.strftime("%d/%m/%Y")


def zone(tz: str | None) -> ZoneInfo:
    return ZoneInfo(tz or DEFAULT_ZONE)


def zone_label(tz: str | None) -> str:
    name = tz or DEFAULT_ZONE
    return STORE_ZONES.get(name, name)


def fmt_datetime(moment: datetime | None, tz: str | None = DEFAULT_ZONE) -> str:
    """A stored UTC moment in the store's zone: ``07/12/2026 14:05 WIB``."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    local = moment.astimezone(zone(tz))
    return f"{local:%d/%m/%Y %H:%M} {zone_label(tz)}"


def store_today(tz: str | None, now_utc: datetime) -> date:
    """The store's calendar day at ``now_utc``: a sale at 23:30 WIB is today's, not tomorrow's."""
    return now_utc.astimezone(zone(tz)).date()
