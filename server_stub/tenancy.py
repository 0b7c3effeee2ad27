"""Organizations, users, stores, and pairing tills with one-time enrollment codes.

The command line (``pos-server admin ...``) and the owner API both call these functions, so an
owner made from a shell and one made over HTTP follow the same rules.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos_desktop.domain.tax import DEFAULT_CATEGORIES
from server_stub import catalog
from server_stub.core.problems import Problem
from server_stub.core.security import credentials, passwords, totp
from server_stub.models import (
    CatalogCounter,
    Device,
    EnrollmentCode,
    Organization,
    Store,
    StoreProfileVersion,
    User,
    new_id,
)

log = logging.getLogger(__name__)

ROLES = ("owner", "manager")
_TILL_CODE = re.compile(r"^T(\d{2,})$")


# -- organizations and users ----------------------------------------------------------------


def create_organization(session: Session, name: str, now: datetime) -> Organization:
    """A new tenant with its catalog counter and Indonesia's standard tax categories."""
    org = Organization(org_id=new_id(), name=name, created_at=now)
    session.add(org)
    session.flush()
    session.add(CatalogCounter(org_id=org.org_id, seq=0))
    session.flush()
    for category in DEFAULT_CATEGORIES:
        catalog.put_tax_category(
            session,
            org.org_id,
            category.code,
            name=category.name,
            kind=category.kind.value,
            rate_bp=category.rate_bp,
            base_numerator=category.base_numerator,
            base_denominator=category.base_denominator,
            now=now,
        )
    return org


@dataclass(frozen=True, slots=True)
class NewUser:
    user: User
    totp_secret: str
    otpauth_uri: str


def find_user_by_email(session: Session, email: str, org_id: str | None = None) -> User | None:
    stmt = select(User).where(User.email == email.strip().lower())
    if org_id is not None:
        stmt = stmt.where(User.org_id == org_id)
    return session.execute(stmt.limit(1)).scalar_one_or_none()


def create_user(
    session: Session,
    org_id: str,
    *,
    email: str,
    password: str,
    role: str,
    now: datetime,
) -> NewUser:
    """An owner or manager who logs in with password and TOTP.

    E-mail addresses are unique across organizations so that a login needs nothing else.
    """
    email = email.strip().lower()
    if role not in ROLES:
        raise Problem(422, "user.bad_role", f"role must be one of {', '.join(ROLES)}")
    if len(password) < passwords.MIN_PASSWORD_LENGTH:
        raise Problem(
            422,
            "user.password_too_short",
            f"passwords have at least {passwords.MIN_PASSWORD_LENGTH} characters",
        )
    if find_user_by_email(session, email) is not None:
        raise Problem(409, "user.email_taken", "a user with this e-mail already exists")
    secret = totp.new_secret()
    user = User(
        org_id=org_id,
        user_id=new_id(),
        email=email,
        password_hash=passwords.hash_password(password),
        role=role,
        totp_secret=secret,
        totp_last_step=None,
        totp_confirmed_at=now,
        active=True,
        created_at=now,
    )
    session.add(user)
    session.flush()
    return NewUser(user, secret, totp.provisioning_uri(secret, email))


def create_owner(
    session: Session, *, org_name: str, email: str, password: str, now: datetime
) -> tuple[Organization, NewUser]:
    org = create_organization(session, org_name, now)
    return org, create_user(
        session, org.org_id, email=email, password=password, role="owner", now=now
    )


# -- stores ---------------------------------------------------------------------------------


PROFILE_FIELDS = (
    "name",
    "address",
    "legal_name",
    "npwp",
    "phone",
    "receipt_header",
    "receipt_footer",
    "currency",
    "ppn_enabled",
    "prices_include_tax",
    "rounding_step",
)
"""What a till applies from its store: a change to any of these is a new profile version."""


def store_profile(store: Store) -> dict[str, Any]:
    """The till-visible profile as JSON, kept with each version for the owner's history."""
    return {name: _plain(getattr(store, name)) for name in PROFILE_FIELDS}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def create_store(
    session: Session,
    org_id: str,
    *,
    code: str,
    name: str,
    now: datetime,
    address: str = "",
    legal_name: str = "",
    npwp: str = "",
    phone: str = "",
    receipt_header: Sequence[str] = (),
    receipt_footer: Sequence[str] = (),
    ppn_enabled: bool = False,
    prices_include_tax: bool = True,
    rounding_step: int = 100,
) -> Store:
    """A new store at profile version 1, whose version row is written with it."""
    if store_by_code(session, org_id, code) is not None:
        raise Problem(409, "store.code_taken", f"store code {code} is already used")
    store = Store(
        org_id=org_id,
        store_id=new_id(),
        code=code,
        name=name,
        address=address,
        legal_name=legal_name,
        npwp=npwp,
        phone=phone,
        receipt_header=list(receipt_header),
        receipt_footer=list(receipt_footer),
        currency="IDR",
        ppn_enabled=ppn_enabled,
        prices_include_tax=prices_include_tax,
        rounding_step=rounding_step,
        created_at=now,
        profile_version=1,
        profile_updated_at=now,
    )
    session.add(store)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Problem(409, "store.code_taken", f"store code {code} is already used") from None
    session.add(_version_row(store, now))
    session.flush()
    return store


def _version_row(store: Store, changed_at: datetime) -> StoreProfileVersion:
    return StoreProfileVersion(
        org_id=store.org_id,
        store_id=store.store_id,
        version=store.profile_version,
        changed_at=changed_at,
        profile=store_profile(store),
    )


def update_store(
    session: Session, org_id: str, code: str, changes: Mapping[str, Any], now: datetime
) -> Store:
    """Apply the owner's changes; any change a till applies makes the next profile version.

    The store row is locked first, so two owners saving at once make two versions one after
    the other, never the same number twice. Values equal to the stored ones are no change: a
    form saved as it was bumps nothing and the tills do nothing. Stores made before versions
    were kept get their current version's row here, on their first change.
    """
    store = require_store(session, org_id, code, for_update=True)
    changed = {
        key: _plain(value)
        for key, value in changes.items()
        if key in PROFILE_FIELDS and _plain(value) != _plain(getattr(store, key))
    }
    if not changed:
        return store
    current = session.get(
        StoreProfileVersion, (store.org_id, store.store_id, store.profile_version)
    )
    if current is None:
        session.add(_version_row(store, store.profile_updated_at or store.created_at))
    for key, value in changed.items():
        setattr(store, key, value)
    store.profile_version += 1
    store.profile_updated_at = now
    session.add(_version_row(store, now))
    session.flush()
    log.info(
        "store %s profile version %d: %s changed",
        store.code,
        store.profile_version,
        ", ".join(sorted(changed)),
    )
    return store


def store_by_code(
    session: Session, org_id: str, code: str, *, for_update: bool = False
) -> Store | None:
    query = select(Store).where(Store.org_id == org_id, Store.code == code)
    if for_update:
        query = query.with_for_update()
    return session.execute(query).scalar_one_or_none()


def list_stores(session: Session, org_id: str) -> list[Store]:
    return list(
        session.execute(select(Store).where(Store.org_id == org_id).order_by(Store.code)).scalars()
    )


def require_store(session: Session, org_id: str, code: str, *, for_update: bool = False) -> Store:
    store = store_by_code(session, org_id, code, for_update=for_update)
    if store is None:
        raise Problem(404, "store.not_found", f"no store with code {code}")
    return store


# -- enrollment and devices -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssuedCode:
    code: str
    store: Store
    till_code: str | None
    expires_at: datetime


def issue_enrollment_code(
    session: Session,
    store: Store,
    *,
    pepper: bytes,
    now: datetime,
    ttl_minutes: int = 15,
    till_code: str | None = None,
    replace_existing: bool = False,
    created_by: str = "",
) -> IssuedCode:
    """A single-use code for pairing one till with ``store``; only its keyed hash is stored."""
    purge_enrollment_codes(session, store.org_id, now)
    expires_at = now + timedelta(minutes=ttl_minutes)
    for _ in range(5):
        code = credentials.new_enrollment_code()
        normalized = credentials.normalize_enrollment_code(code)
        assert normalized is not None
        row = EnrollmentCode(
            org_id=store.org_id,
            code_id=new_id(),
            store_id=store.store_id,
            code_hash=credentials.hash_enrollment_code(pepper, normalized),
            till_code=till_code,
            replace_existing=replace_existing,
            created_by=created_by[:64],
            created_at=now,
            expires_at=expires_at,
            used_at=None,
            device_id=None,
        )
        try:
            with session.begin_nested():
                session.add(row)
                session.flush()
        except IntegrityError:  # a live code with the same hash: draw again
            continue
        return IssuedCode(code, store, till_code, expires_at)
    raise RuntimeError("could not draw a unique enrollment code")  # pragma: no cover


def purge_enrollment_codes(session: Session, org_id: str, now: datetime) -> None:
    """Drop codes expired for a day: the table stays small, which keeps pairing lookups cheap."""
    cutoff = now - timedelta(days=1)
    session.execute(
        delete(EnrollmentCode).where(
            EnrollmentCode.org_id == org_id, EnrollmentCode.expires_at < cutoff
        )
    )


@dataclass(frozen=True, slots=True)
class Enrolled:
    device: Device
    secret: str
    store: Store
    org: Organization


def _next_till_code(session: Session, store: Store) -> str:
    codes = session.execute(
        select(Device.till_code).where(
            Device.org_id == store.org_id,
            Device.store_id == store.store_id,
            Device.revoked_at.is_(None),
        )
    ).scalars()
    used = {int(m.group(1)) for c in codes if (m := _TILL_CODE.match(c))}
    n = 1
    while n in used:
        n += 1
    return f"T{n:02d}"


def enroll_device(
    session: Session,
    *,
    code: str,
    till_code: str | None,
    name: str,
    pepper: bytes,
    now: datetime,
) -> Enrolled:
    """Exchange an enrollment code for a device credential.

    The code is claimed with one conditional UPDATE (``used_at IS NULL AND expires_at > now``), so
    of two tills racing with the same code, on any number of workers, exactly one wins.
    The lookup is by code hash alone: the till knows nothing else yet. Codes are purged a day
    after they expire, so that table stays tiny (see ``purge_enrollment_codes``).
    """
    row = _live_code(session, code, pepper, now)
    if row.till_code and till_code and till_code != row.till_code:
        raise Problem(
            409,
            "enroll.till_code_mismatch",
            f"this code is for till {row.till_code}, not {till_code}",
        )
    store = session.get(Store, (row.org_id, row.store_id))
    org = session.get(Organization, row.org_id)
    assert store is not None and org is not None
    wanted = row.till_code or till_code or _next_till_code(session, store)
    device_id = credentials.new_device_id(store.org_id)
    _claim(session, row, device_id, now)
    _free_till_code(session, store, wanted, replace=row.replace_existing, now=now)
    secret = credentials.new_secret()
    device = Device(
        org_id=store.org_id,
        device_id=device_id,
        store_id=store.store_id,
        till_code=wanted,
        name=name or wanted,
        secret_hash=credentials.hash_secret(secret),
        created_at=now,
        last_sync_at=None,
        revoked_at=None,
    )
    session.add(device)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError:
        raise Problem(
            409, "enroll.till_code_in_use", f"till {wanted} was paired a moment ago"
        ) from None
    log.info("paired device %s as %s/%s", device_id, store.code, wanted)
    return Enrolled(device, secret, store, org)


def _invalid_code() -> Problem:
    return Problem(400, "enroll.invalid_code", "The enrollment code is wrong, used or expired.")


def _live_code(session: Session, code: str, pepper: bytes, now: datetime) -> EnrollmentCode:
    """The unused, unexpired enrollment code ``code`` as typed; 400 when there is none."""
    normalized = credentials.normalize_enrollment_code(code)
    if normalized is None:
        raise _invalid_code()
    code_hash = credentials.hash_enrollment_code(pepper, normalized)
    row = session.execute(
        select(EnrollmentCode).where(EnrollmentCode.code_hash == code_hash).limit(1)
    ).scalar_one_or_none()
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise _invalid_code()
    return row


def _claim(session: Session, row: EnrollmentCode, device_id: str, now: datetime) -> None:
    """Mark the code used by ``device_id``, unless another till claimed it first (400)."""
    claimed = session.execute(
        update(EnrollmentCode)
        .where(
            EnrollmentCode.org_id == row.org_id,
            EnrollmentCode.code_id == row.code_id,
            EnrollmentCode.used_at.is_(None),
            EnrollmentCode.expires_at > now,
        )
        .values(used_at=now, device_id=device_id)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        raise _invalid_code()


def _free_till_code(
    session: Session, store: Store, till_code: str, *, replace: bool, now: datetime
) -> None:
    """Revoke the device holding ``till_code`` when the code says to replace it; 409 if not."""
    holder = session.execute(
        select(Device).where(
            Device.org_id == store.org_id,
            Device.store_id == store.store_id,
            Device.till_code == till_code,
            Device.revoked_at.is_(None),
        )
    ).scalar_one_or_none()
    if holder is None:
        return
    if not replace:
        raise Problem(
            409,
            "enroll.till_code_in_use",
            f"till {till_code} is paired with another device; revoke it first",
        )
    holder.revoked_at = now
    session.flush()


def revoke_device(session: Session, org_id: str, device_id: str, now: datetime) -> Device:
    device = session.get(Device, (org_id, device_id))
    if device is None:
        raise Problem(404, "device.not_found", "no such till")
    if device.revoked_at is None:
        device.revoked_at = now
        session.flush()
    return device
