"""The Toko page's form: reading it, checking it with the API's own rules (the same pydantic
types as ``PATCH /v1/stores/{code}``, so the web cannot store what the API would refuse), and
the time zone and opening hours that only the back office edits.

Opening hours are kept as ``{"mon": {"open": "08:00", "close": "21:00"}, ...}`` in the store's
own time zone; a weekday that is absent is closed, and a closing time earlier than the opening
time means the store closes after midnight.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from pos_desktop.domain.store_profile import format_npwp
from server_stub.models import Store
from server_stub.schemas.common import CODE_PATTERN
from server_stub.schemas.stores import StorePatch
from server_stub.web.format import STORE_ZONES

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ROUNDING_STEPS = (0, 100, 500, 1000)
_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
TEXT_FIELDS = ("name", "legal_name", "address", "npwp", "phone")


@dataclass
class StoreForm:
    """What the form shows: the values as typed and, after a failed save, one message key per
    field that is wrong."""

    values: dict[str, Any]
    errors: dict[str, str] = field(default_factory=dict)


def form_of(store: Store) -> StoreForm:
    hours = store.opening_hours or {}
    values: dict[str, Any] = {name: getattr(store, name) or "" for name in TEXT_FIELDS}
    values["npwp"] = format_npwp(store.npwp) if store.npwp else ""
    values.update(
        receipt_header="\n".join(store.receipt_header),
        receipt_footer="\n".join(store.receipt_footer),
        ppn_enabled=store.ppn_enabled,
        prices_include_tax=store.prices_include_tax,
        rounding_step=store.rounding_step,
        timezone=store.timezone or "Asia/Jakarta",
        hours={
            day: {
                "open": day in hours,
                "from": hours.get(day, {}).get("open", "08:00"),
                "to": hours.get(day, {}).get("close", "21:00"),
            }
            for day in WEEKDAYS
        },
    )
    return StoreForm(values)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.replace("\r", "").split("\n") if line.strip()]


def read_form(data: Mapping[str, Any]) -> StoreForm:
    def text(name: str, limit: int = 2000) -> str:
        value = data.get(name)
        return value.strip()[:limit] if isinstance(value, str) else ""

    values: dict[str, Any] = {name: text(name) for name in TEXT_FIELDS}
    values.update(
        receipt_header=text("receipt_header"),
        receipt_footer=text("receipt_footer"),
        ppn_enabled=text("ppn_enabled") == "on",
        prices_include_tax=text("prices_include_tax") != "exclusive",
        rounding_step=text("rounding_step"),
        timezone=text("timezone"),
        hours={
            day: {
                "open": text(f"open_{day}") == "on",
                "from": text(f"from_{day}", 5),
                "to": text(f"to_{day}", 5),
            }
            for day in WEEKDAYS
        },
    )
    return StoreForm(values)


def check(form: StoreForm) -> tuple[dict[str, Any], str, dict[str, dict[str, str]]] | None:
    """The profile changes for ``tenancy.update_store``, the time zone and the opening hours;
    ``None`` with ``form.errors`` filled when anything is wrong."""
    v = form.values
    step = int(v["rounding_step"]) if str(v["rounding_step"]).isdigit() else -1
    if step not in ROUNDING_STEPS:
        form.errors["rounding_step"] = "stores.err.rounding_step"
    if v["timezone"] not in STORE_ZONES:
        form.errors["timezone"] = "stores.err.timezone"
    hours: dict[str, dict[str, str]] = {}
    for day, slot in v["hours"].items():
        if not slot["open"]:
            continue
        if not _TIME.match(slot["from"]) or not _TIME.match(slot["to"]):
            form.errors[f"hours_{day}"] = "stores.err.hours"
        elif slot["from"] == slot["to"]:
            form.errors[f"hours_{day}"] = "stores.err.hours_same"
        else:
            hours[day] = {"open": slot["from"], "close": slot["to"]}
    candidate = {name: v[name] for name in TEXT_FIELDS}
    candidate.update(
        receipt_header=_lines(v["receipt_header"]),
        receipt_footer=_lines(v["receipt_footer"]),
        ppn_enabled=v["ppn_enabled"],
        prices_include_tax=v["prices_include_tax"],
        rounding_step=max(step, 0),
    )
    try:
        patch = StorePatch.model_validate(candidate)
    except ValidationError as exc:
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "name"
            form.errors.setdefault(name, f"stores.err.{name}")
    if form.errors:
        return None
    changes = patch.model_dump(exclude_none=True)
    changes["rounding_step"] = int(changes["rounding_step"])
    return changes, v["timezone"], hours


def check_new_store(code: str, name: str) -> dict[str, str]:
    errors = {}
    if not re.match(CODE_PATTERN, code) or len(code) > 16:
        errors["code"] = "stores.err.code"
    if not name.strip() or len(name) > 200:
        errors["name"] = "stores.err.name"
    return errors
