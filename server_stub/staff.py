"""The people who work at the tills: who they are, where they work, and the PIN they log in with.

The cloud owns staff. A till checks PINs offline, so it needs each PIN's argon2id verifier; it
gets it through the catalog feed (``server_stub.catalog``), and only for staff who are active and
work in the till's own store. Every write here therefore takes the next number of the
organization's catalog counter (``catalog.reserve_seq``) in its own transaction: the change goes
out through the same sequenced feed, under the same cursor, as prices and products.

PINs are never stored or sent: the owner API takes a PIN, keeps its verifier, and never answers
with either. PINs need not be unique (staff pick their name before typing it), and nothing here
compares one member's PIN with another's, so no answer can reveal that two members share one.

Owner-API users of both roles (owner, manager) manage staff, and no staff role ranks above a
manager, so a manager may give any staff role. Through the owner API a manager manages the staff
of every store; the back office narrows a manager to the stores given to them (``user_stores``)
with ``sees_member`` and ``manages_member``.

A till paired before staff came from the cloud needs no reset to get them: a member is numbered
from the counter when created or changed, so after every cursor a till already holds, and its
next pull carries them (a new till's full pull gets only its own store's active members).

A till that changes a cashier's PIN computes the verifier itself and sends it as a document
(``POST /v1/sync/staff-pins``, see ``ingest_pin_changes``): the cloud checks that it is an
argon2id hash with sane parameters, never a PIN, and applies each change once by its id.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from argon2 import Type, extract_parameters
from argon2.exceptions import InvalidHashError
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from server_stub.catalog import reserve_seq
from server_stub.core.problems import Problem
from server_stub.core.security import passwords
from server_stub.models import StaffMember, StaffStore, Store, new_id
from server_stub.schemas import (
    CODE_PATTERN,
    DocumentAck,
    StaffRole,
    clean_text,
    parse_sold_at,
    validation_reason,
)
from server_stub.submitter import Submitter

log = logging.getLogger(__name__)

PIN_PATTERN = r"^[0-9]{4,6}$"
"""4 to 6 ASCII digits (``\\d`` would also take other scripts' digits)."""

MAX_VERIFIER_LENGTH = 200
"""The ``pin_verifier`` column's width."""
MAX_TIME_COST = 10
MAX_MEMORY_KIB = 256 * 1024
MAX_PARALLELISM = 8
"""Bounds on a till-made verifier's argon2 parameters: every till of the store runs that hash at
each login, so a verifier demanding gigabytes would stall them all."""


# -- bodies -----------------------------------------------------------------------------------

StaffName = Annotated[
    str, StringConstraints(min_length=1, max_length=100), AfterValidator(clean_text)
]
Pin = Annotated[str, StringConstraints(pattern=PIN_PATTERN)]
StoreCode = Annotated[str, StringConstraints(min_length=1, max_length=16, pattern=CODE_PATTERN)]
StoreCodes = Annotated[list[StoreCode], Field(max_length=100)]


class StaffIn(BaseModel):
    """A new member: the PIN is 4 to 6 digits and need not differ from anyone else's."""

    name: StaffName
    role: StaffRole = "cashier"
    stores: Annotated[list[StoreCode], Field(min_length=1, max_length=100)]
    """Codes of the stores whose tills this member may log in to."""
    pin: Pin

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"name": "Siti", "role": "cashier", "stores": ["S01"], "pin": "1111"}]
        },
    )


class StaffPatch(BaseModel):
    """Only the fields sent change. ``stores`` replaces the whole list."""

    name: StaffName | None = None
    role: StaffRole | None = None
    stores: StoreCodes | None = None
    active: bool | None = None

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"role": "supervisor", "stores": ["S01", "S02"]}, {"active": False}]
        },
    )


class PinIn(BaseModel):
    """A new PIN set by the owner (a forgotten PIN, a lock-out): 4 to 6 digits."""

    pin: Pin

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"pin": "4821"}]})


class StaffOut(BaseModel):
    """A member as the owner sees them: never the PIN or its verifier."""

    id: str
    name: str
    role: str
    stores: list[str]
    """Store codes, sorted."""
    active: bool
    pin_set_at: datetime
    created_at: datetime
    updated_at: datetime


class PinChangeIn(BaseModel):
    """A PIN a member changed at a till, as the till sends it (``/v1/sync/staff-pins``)."""

    id: Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9\-]+$")]
    """The change's own id: a change sent twice is applied once."""
    staff_id: Annotated[str, StringConstraints(min_length=1, max_length=32)]
    pin_verifier: Annotated[str, StringConstraints(min_length=1, max_length=MAX_VERIFIER_LENGTH)]
    changed_at: Annotated[str, StringConstraints(max_length=40)]

    model_config = ConfigDict(extra="forbid")


# -- helpers ----------------------------------------------------------------------------------


def hash_pin(pin: str) -> str:
    """The argon2id verifier of ``pin`` (the server's password hasher, so tests make it cheap)."""
    return passwords.hash_password(pin)


def check_verifier(verifier: str) -> str | None:
    """Why ``verifier`` is not an argon2id hash a till can use, or ``None`` when it is."""
    try:
        params = extract_parameters(verifier)
    except InvalidHashError:
        return "not an argon2id hash"
    if params.type is not Type.ID:
        return "not an argon2id hash"
    if (
        params.time_cost > MAX_TIME_COST
        or params.memory_cost > MAX_MEMORY_KIB
        or params.parallelism > MAX_PARALLELISM
    ):
        return "argon2 parameters too costly for a till"
    return None


def require_staff_manager(user_role: str) -> None:
    """Owners and managers manage staff (see the module docstring)."""
    if user_role not in ("owner", "manager"):
        raise Problem(403, "staff.not_allowed", "Only owners and managers manage staff.")


def sees_member(member_stores: list[str], scope: frozenset[str] | None) -> bool:
    """Whether someone who sees the stores ``scope`` (codes; ``None``: every store, the owner)
    sees a member working in ``member_stores``: one store in common is enough."""
    return scope is None or any(code in scope for code in member_stores)


def manages_member(member_stores: list[str], scope: frozenset[str] | None) -> bool:
    """Whether they may change that member (edit, PIN, deactivate): only when every store the
    member works in is theirs. A member shared with a store they do not manage is the owner's (or
    that store's manager's) to change, since a name, role, PIN or deactivation reaches every till
    the member logs in to."""
    return scope is None or (bool(member_stores) and all(c in scope for c in member_stores))


def get_member(session: Session, org_id: str, staff_id: str, *, lock: bool = False) -> StaffMember:
    """The member, or 404 (also for another organization's member: ids are per organization)."""
    stmt = select(StaffMember).where(StaffMember.org_id == org_id, StaffMember.staff_id == staff_id)
    if lock:
        stmt = stmt.with_for_update()
    row = session.execute(stmt).scalar_one_or_none()
    if row is None:
        raise Problem(404, "staff.not_found", "no such staff member")
    return row


def _stores_by_code(session: Session, org_id: str, codes: list[str]) -> list[Store]:
    wanted = sorted(set(codes))
    if not wanted:
        return []
    found = {
        s.code: s
        for s in session.execute(
            select(Store).where(Store.org_id == org_id, Store.code.in_(wanted))
        ).scalars()
    }
    missing = [c for c in wanted if c not in found]
    if missing:
        raise Problem(
            422,
            "staff.unknown_store",
            f"no store with code {', '.join(missing)}",
            stores=missing,
        )
    return [found[c] for c in wanted]


def _store_codes(session: Session, org_id: str, staff_ids: list[str]) -> dict[str, list[str]]:
    result: dict[str, list[str]] = {sid: [] for sid in staff_ids}
    if not staff_ids:
        return result
    rows = session.execute(
        select(StaffStore.staff_id, Store.code)
        .join(Store, (Store.org_id == StaffStore.org_id) & (Store.store_id == StaffStore.store_id))
        .where(StaffStore.org_id == org_id, StaffStore.staff_id.in_(staff_ids))
        .order_by(Store.code)
    )
    for sid, code in rows:
        result[sid].append(code)
    return result


def _set_stores(session: Session, member: StaffMember, stores: list[Store]) -> None:
    session.execute(
        delete(StaffStore).where(
            StaffStore.org_id == member.org_id, StaffStore.staff_id == member.staff_id
        )
    )
    for store in stores:
        session.add(
            StaffStore(org_id=member.org_id, staff_id=member.staff_id, store_id=store.store_id)
        )


def staff_out(member: StaffMember, stores: list[str]) -> StaffOut:
    return StaffOut(
        id=member.staff_id,
        name=member.name,
        role=member.role,
        stores=stores,
        active=member.active,
        pin_set_at=member.pin_set_at,
        created_at=member.created_at,
        updated_at=member.updated_at,
    )


def describe(session: Session, member: StaffMember) -> StaffOut:
    return staff_out(
        member, _store_codes(session, member.org_id, [member.staff_id])[member.staff_id]
    )


# -- the owner's use cases --------------------------------------------------------------------


def create_member(session: Session, org_id: str, data: StaffIn, now: datetime) -> StaffMember:
    """A new active member of ``data.stores`` (the caller commits).

    The PIN is hashed before the counter is taken, so the organization's feed lock is held for
    a few statements, not for a deliberately slow hash.
    """
    verifier = hash_pin(data.pin)
    stores = _stores_by_code(session, org_id, data.stores)
    seq = reserve_seq(session, org_id)
    member = StaffMember(
        org_id=org_id,
        staff_id=new_id(),
        name=data.name,
        role=data.role,
        active=True,
        pin_verifier=verifier,
        pin_set_at=now,
        pin_change_id=None,
        seq=seq,
        created_at=now,
        updated_at=now,
    )
    session.add(member)
    session.flush()
    _set_stores(session, member, stores)
    session.flush()
    log.info("staff %s (%s) created in %s", member.staff_id, data.role, ",".join(data.stores))
    return member


def list_members(session: Session, org_id: str, store_code: str | None) -> list[StaffOut]:
    stmt = select(StaffMember).where(StaffMember.org_id == org_id)
    if store_code is not None:
        (store,) = _stores_by_code(session, org_id, [store_code])
        stmt = stmt.join(
            StaffStore,
            (StaffStore.org_id == StaffMember.org_id)
            & (StaffStore.staff_id == StaffMember.staff_id),
        ).where(StaffStore.store_id == store.store_id)
    rows = list(session.execute(stmt.order_by(StaffMember.name, StaffMember.staff_id)).scalars())
    codes = _store_codes(session, org_id, [r.staff_id for r in rows])
    return [staff_out(r, codes[r.staff_id]) for r in rows]


def update_member(
    session: Session, org_id: str, staff_id: str, patch: StaffPatch, now: datetime
) -> StaffMember:
    """Apply ``patch`` (the caller commits); a change of any kind goes out through the feed."""
    member = get_member(session, org_id, staff_id, lock=True)
    changes = patch.model_dump(exclude_unset=True)
    for key in ("name", "role", "active"):
        if key in changes and changes[key] is None:
            raise Problem(422, "staff.null_field", f"{key} cannot be null")
    stores = None
    if changes.get("stores") is not None:
        stores = _stores_by_code(session, org_id, changes["stores"])
    seq = reserve_seq(session, org_id)
    for key in ("name", "role", "active"):
        if key in changes:
            setattr(member, key, changes[key])
    if stores is not None:
        _set_stores(session, member, stores)
    member.seq = seq
    member.updated_at = now
    session.flush()
    log.info("staff %s changed: %s", staff_id, ", ".join(sorted(changes)) or "nothing")
    return member


def deactivate_member(session: Session, org_id: str, staff_id: str, now: datetime) -> StaffMember:
    """No till lets this member log in after its next pull (the caller commits)."""
    return update_member(session, org_id, staff_id, StaffPatch(active=False), now)


def reset_pin(
    session: Session, org_id: str, staff_id: str, data: PinIn, now: datetime
) -> StaffMember:
    """A new PIN chosen by the owner (the caller commits); tills get the verifier by the feed."""
    verifier = hash_pin(data.pin)
    member = get_member(session, org_id, staff_id, lock=True)
    member.seq = reserve_seq(session, org_id)
    member.pin_verifier = verifier
    member.pin_set_at = now
    member.pin_change_id = None
    member.updated_at = now
    session.flush()
    log.info("PIN of staff %s reset by the owner", staff_id)
    return member


# -- PIN changes made at a till ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Checked:
    change: PinChangeIn
    changed_at: datetime


def _ack(doc_id: str | None, status: str, reason: str | None = None) -> DocumentAck:
    return DocumentAck(id=doc_id, status=status, reason=reason)  # type: ignore[arg-type]


def _check(raw: Any) -> _Checked | DocumentAck:
    doc_id = raw.get("id") if isinstance(raw, dict) else None
    doc_id = doc_id if isinstance(doc_id, str) and len(doc_id) <= 64 else None
    try:
        change = PinChangeIn.model_validate(raw)
    except ValidationError as exc:
        return _ack(doc_id, "rejected", f"invalid: {validation_reason(exc)}"[:200])
    changed_at = parse_sold_at(change.changed_at)
    if changed_at is None:
        return _ack(change.id, "rejected", "invalid: changed_at must be ISO 8601 with an offset")
    problem = check_verifier(change.pin_verifier)
    if problem is not None:
        return _ack(change.id, "rejected", f"pin_verifier: {problem}")
    return _Checked(change, changed_at)


def _members_of(
    session: Session, submitter: Submitter, staff_ids: list[str]
) -> tuple[dict[str, StaffMember], set[str]]:
    """The batch's members, locked, and which of them work in the till's store: two queries a
    batch, not two a change. Locked in id order, as sales are, so two tills' batches naming the
    same members cannot deadlock."""
    members: dict[str, StaffMember] = {}
    here: set[str] = set()
    wanted = sorted(set(staff_ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        members.update(
            (m.staff_id, m)
            for m in session.execute(
                select(StaffMember)
                .where(StaffMember.org_id == submitter.org_id, StaffMember.staff_id.in_(chunk))
                .order_by(StaffMember.staff_id)
                .with_for_update()
            ).scalars()
        )
        here.update(
            session.execute(
                select(StaffStore.staff_id).where(
                    StaffStore.org_id == submitter.org_id,
                    StaffStore.store_id == submitter.store.store_id,
                    StaffStore.staff_id.in_(chunk),
                )
            ).scalars()
        )
    return members, here


def ingest_pin_changes(
    session: Session, submitter: Submitter, documents: list[Any], now: datetime
) -> list[DocumentAck]:
    """Apply PIN changes from a till, each once; one answer per document, in order.

    ``accepted``: the new verifier is stored and goes to the store's other tills. ``duplicate``:
    this change was applied before. ``conflict`` (``pin.superseded``): the PIN was set again
    after this change was made (the owner reset it meanwhile); the newer PIN stays. ``rejected``:
    unreadable, not an argon2id verifier, or a member who is not active in this till's store.
    """
    batch = [_check(raw) for raw in documents]
    members, here = _members_of(
        session, submitter, [c.change.staff_id for c in batch if isinstance(c, _Checked)]
    )
    results: list[DocumentAck] = []
    for checked in batch:
        if isinstance(checked, DocumentAck):
            results.append(checked)
            continue
        change = checked.change
        member = members.get(change.staff_id)
        if member is None:
            results.append(_ack(change.id, "rejected", "staff.not_found"))
            continue
        if member.pin_change_id == change.id:
            results.append(_ack(change.id, "duplicate"))
            continue
        if not member.active or member.staff_id not in here:
            results.append(_ack(change.id, "rejected", "staff.not_in_store"))
            continue
        if member.pin_set_at > checked.changed_at:
            # The till kept its own verifier while this change was on its way; a new number
            # sends the PIN in force to it (and its neighbours) again.
            member.seq = reserve_seq(session, submitter.org_id)
            session.flush()
            results.append(_ack(change.id, "conflict", "pin.superseded"))
            continue
        member.seq = reserve_seq(session, submitter.org_id)
        member.pin_verifier = change.pin_verifier
        member.pin_set_at = checked.changed_at
        member.pin_change_id = change.id
        member.updated_at = now
        session.flush()
        log.info(
            "PIN of staff %s changed at till %s/%s",
            member.staff_id,
            submitter.store.code,
            submitter.till_code,
        )
        results.append(_ack(change.id, "accepted"))
    return results
