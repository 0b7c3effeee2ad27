"""The store profile: who this till belongs to and the store-wide tax and rounding rules.

It lives in the database, not in the till's config file, because the cloud owns it and a
receipt must be printed with the rules that were in force for the sale. Every read goes to the
database (one primary-key row): the sync thread may have written a new version a moment ago,
and a copy kept from start-up is exactly how a till went on taxing the old way.
"""

from __future__ import annotations

import json

from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.tax import TaxSettings
from pos_desktop.domain.totals import ROUNDING_STEPS
from pos_desktop.localdb.models import StoreSettingsRow
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.ports import StoreProfile

SETTINGS_ID = 1


def _lines(raw: str) -> tuple[str, ...]:
    value = json.loads(raw)
    if not isinstance(value, list):
        raise ValueError(f"expected a JSON list of lines, got {raw!r}")
    return tuple(str(v) for v in value)


def profile_from_row(row: StoreSettingsRow) -> StoreProfile:
    return StoreProfile(
        store_code=row.store_code,
        till_code=row.till_code,
        name=row.name,
        address_lines=_lines(row.address_lines),
        npwp=row.npwp,
        phone=row.phone,
        footer_lines=_lines(row.footer_lines),
        currency=row.currency,
        tax=TaxSettings(
            ppn_enabled=bool(row.ppn_enabled), prices_include_tax=bool(row.prices_include_tax)
        ),
        rounding_step=row.rounding_step,
        legal_name=row.legal_name,
        header_lines=_lines(row.header_lines),
        version=row.profile_version,
    )


def load_profile(session: Session) -> StoreProfile:
    row = session.get(StoreSettingsRow, SETTINGS_ID)
    if row is None:
        raise UserError("store.not_configured")
    return profile_from_row(row)


def save_profile(session: Session, profile: StoreProfile, *, replace: bool = True) -> bool:
    """Write the profile (inside the caller's transaction); with ``replace=False`` an existing
    one is kept. Returns whether a row was written."""
    if profile.rounding_step not in ROUNDING_STEPS:
        raise UserError("store.bad_rounding_step", allowed=ROUNDING_STEPS)
    values = {
        "id": SETTINGS_ID,
        "store_code": profile.store_code,
        "till_code": profile.till_code,
        "name": profile.name,
        "address_lines": json.dumps(list(profile.address_lines), ensure_ascii=False),
        "npwp": profile.npwp,
        "phone": profile.phone,
        "footer_lines": json.dumps(list(profile.footer_lines), ensure_ascii=False),
        "currency": profile.currency,
        "ppn_enabled": profile.tax.ppn_enabled,
        "prices_include_tax": profile.tax.prices_include_tax,
        "rounding_step": profile.rounding_step,
        "legal_name": profile.legal_name,
        "header_lines": json.dumps(list(profile.header_lines), ensure_ascii=False),
        "profile_version": profile.version,
    }
    statement = insert(StoreSettingsRow).values(values)
    if replace:
        updates = {k: v for k, v in values.items() if k != "id"}
        statement = statement.on_conflict_do_update(index_elements=["id"], set_=updates)
    else:
        statement = statement.on_conflict_do_nothing(index_elements=["id"])
    written = session.execute(statement).rowcount  # type: ignore[attr-defined]
    session.expire_all()
    return bool(written)


class SqlStoreSettings:
    """``StoreSettings`` on the local database."""

    def __init__(self, session_factory: sessionmaker[Session]) -> None:
        self._sessions = session_factory

    def store_profile(self) -> StoreProfile:
        with read_session(self._sessions, "store profile") as session:
            return load_profile(session)

    def save_store_profile(self, profile: StoreProfile) -> None:
        with write_session(self._sessions, "save store profile") as session:
            save_profile(session, profile)
