"""Organization API keys: the scope catalogue, making, rotating and revoking keys, and checking a
presented key.

A key's secret is ``posk_live_<org_id>_<key_id>_<secret>`` (:data:`SCANNER_PATTERN`): the
recognizable prefix lets secret scanners (GitHub's, gitleaks, trufflehog) find a leaked one,
and the organization and key ids in it let the server read the row by its primary key. The
random part is 43 base62 characters (256 bits), so nobody guesses one or brute-forces its
hash: a keyed HMAC-SHA256 (its key derived from the server secret) is enough, and a slow
password hash would only add tens of milliseconds to every request. A copy of the table alone
checks nothing, since the HMAC key is not in it.

The whole secret is returned once, when made or rotated, and never again: listings carry the
short ``prefix`` (the random part's first characters) so a person can tell keys apart.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets
import string
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, literal, select, text, update
from sqlalchemy.orm import Session

from server_stub.core.db import Database
from server_stub.core.problems import Problem
from server_stub.models import ApiKey, Store, UTCDateTime

log = logging.getLogger(__name__)

SCOPE_CATALOGUE: dict[str, tuple[str, ...]] = {
    "sales": ("read",),
    "refunds": ("read",),
    "reports": ("read",),
    "products": ("read", "write"),
    "stock": ("read", "write"),
    "stores": ("read", "write"),
    "tills": ("read", "write"),
    "staff": ("read", "write"),
    "users": ("read", "write"),
    "alerts": ("read", "write"),
    "journal": ("read",),
    "webhooks": ("read", "write"),
    "exports": ("read",),
    "keys": ("read", "write"),
}
"""Every scope, by resource and verb: ``sales:read``, ``products:write``, ... The one list:
the owner API's routes, the key forms and the documentation all read it."""

SCOPES: tuple[str, ...] = tuple(
    f"{resource}:{verb}" for resource, verbs in SCOPE_CATALOGUE.items() for verb in verbs
)

TYPE_PREFIX = "posk_live_"
SECRET_ALPHABET = string.ascii_letters + string.digits
SECRET_LENGTH = 43
"""43 base62 characters: 256 bits."""
PREFIX_LENGTH = 8
SCANNER_PATTERN = r"\bposk_live_[0-9a-f]{32}_[0-9a-f]{32}_[0-9A-Za-z]{43}\b"
"""What a secret scanner matches (documented in docs/integrations.md)."""
_TOKEN = re.compile(r"^posk_live_([0-9a-f]{32})_([0-9a-f]{32})_([0-9A-Za-z]{43})$")

DEFAULT_OVERLAP = timedelta(hours=24)
"""How long the previous secret keeps working after a rotation, unless the call says."""
MAX_OVERLAP = timedelta(days=7)
TOUCH_EVERY = timedelta(minutes=1)
"""``last_used_at`` moves at most this often per key."""
WINDOW_S = 60


def looks_like_api_key(token: str) -> bool:
    return token.startswith(TYPE_PREFIX)


def hash_secret(pepper: bytes, secret: str) -> str:
    return hmac.new(pepper, secret.encode("ascii"), hashlib.sha256).hexdigest()


def _new_secret() -> str:
    return "".join(secrets.choice(SECRET_ALPHABET) for _ in range(SECRET_LENGTH))


def _token(org_id: str, key_id: str, secret: str) -> str:
    return f"{TYPE_PREFIX}{org_id}_{key_id}_{secret}"


def parse(token: str) -> tuple[str, str, str] | None:
    """``(org_id, key_id, secret)`` of a well-formed key; ``None`` for anything else."""
    match = _TOKEN.match(token)
    if match is None:
        return None
    return match.group(1), match.group(2), match.group(3)


# -- making and changing keys ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KeySpec:
    """What a new key may do. ``store_ids``: ``None`` for every store (today's and later ones)."""

    name: str
    scopes: frozenset[str]
    store_ids: frozenset[str] | None
    expires_at: datetime | None
    rate_limit_per_min: int


@dataclass(frozen=True, slots=True)
class Issued:
    """A key and its whole secret, which exists only here: shown once, never stored."""

    key: ApiKey
    secret: str


def check_scopes(scopes: Iterable[str]) -> frozenset[str]:
    chosen = frozenset(scopes)
    unknown = sorted(chosen - set(SCOPES))
    if unknown:
        raise Problem(422, "api_key.unknown_scope", f"Unknown scopes: {', '.join(unknown)}.")
    return chosen


def store_ids_of_codes(session: Session, org_id: str, codes: Iterable[str]) -> frozenset[str]:
    """The ids of stores named by code; 422 naming any code that is not a store of the org."""
    wanted = set(codes)
    found = dict(
        session.execute(
            select(Store.code, Store.store_id).where(
                Store.org_id == org_id, Store.code.in_(sorted(wanted))
            )
        ).all()
    )
    missing = sorted(wanted - set(found))
    if missing:
        raise Problem(422, "api_key.unknown_store", f"No store with code {', '.join(missing)}.")
    return frozenset(found.values())


def create(
    session: Session, org_id: str, spec: KeySpec, *, pepper: bytes, created_by: str, now: datetime
) -> Issued:
    if spec.expires_at is not None and spec.expires_at <= now:
        raise Problem(422, "api_key.expiry_past", "The expiry must be in the future.")
    key_id = uuid.uuid4().hex
    secret = _new_secret()
    key = ApiKey(
        org_id=org_id,
        key_id=key_id,
        name=spec.name,
        scopes=sorted(check_scopes(spec.scopes)),
        store_ids=sorted(spec.store_ids) if spec.store_ids is not None else None,
        prefix=secret[:PREFIX_LENGTH],
        secret_hash=hash_secret(pepper, secret),
        previous_secret_hash=None,
        previous_expires_at=None,
        expires_at=spec.expires_at,
        created_at=now,
        created_by=created_by,
        revoked_at=None,
        last_used_at=None,
        rate_limit_per_min=spec.rate_limit_per_min,
        rate_window=0,
        rate_count=0,
    )
    session.add(key)
    session.flush()
    log.info("api key created org=%s key=%s by=%s", org_id, key_id, created_by)
    return Issued(key, _token(org_id, key_id, secret))


def list_keys(session: Session, org_id: str) -> list[ApiKey]:
    """Newest first, revoked ones included (they say when they were revoked)."""
    return list(
        session.execute(
            select(ApiKey)
            .where(ApiKey.org_id == org_id)
            .order_by(ApiKey.created_at.desc(), ApiKey.key_id)
        ).scalars()
    )


def get_key(session: Session, org_id: str, key_id: str, *, for_update: bool = False) -> ApiKey:
    query = select(ApiKey).where(ApiKey.org_id == org_id, ApiKey.key_id == key_id)
    if for_update:
        query = query.with_for_update()
    key = session.execute(query).scalar_one_or_none()
    if key is None:
        raise Problem(404, "api_key.not_found", "No such API key in this organization.")
    return key


def rotate(
    session: Session,
    org_id: str,
    key_id: str,
    *,
    pepper: bytes,
    overlap: timedelta = DEFAULT_OVERLAP,
    now: datetime,
) -> Issued:
    """A new secret; the one in use keeps working for ``overlap`` (0: stops at once), so an
    integration can be given the new one without a gap. The replaced secret's hash is kept
    either way, so when its time is up it is refused as ``auth.api_key_rotated``, not as
    unknown; the one before it is dropped, so at most two secrets are ever valid."""
    if overlap < timedelta(0) or overlap > MAX_OVERLAP:
        raise Problem(422, "api_key.bad_overlap", "The overlap is 0 to 7 days.")
    key = get_key(session, org_id, key_id, for_update=True)
    if key.revoked_at is not None:
        raise Problem(409, "api_key.revoked", "This key is revoked; make a new one.")
    secret = _new_secret()
    key.previous_secret_hash = key.secret_hash
    key.previous_expires_at = now + overlap
    key.secret_hash = hash_secret(pepper, secret)
    key.prefix = secret[:PREFIX_LENGTH]
    session.flush()
    log.info("api key rotated org=%s key=%s overlap=%s", org_id, key_id, overlap)
    return Issued(key, _token(org_id, key_id, secret))


def revoke(session: Session, org_id: str, key_id: str, now: datetime) -> ApiKey:
    """At once: the key's next request is refused, by every worker (each request reads the row).
    Idempotent; the first revocation's time stands. Both hashes are kept, so either secret
    is told it was revoked rather than that it is unknown."""
    key = get_key(session, org_id, key_id, for_update=True)
    if key.revoked_at is None:
        key.revoked_at = now
        session.flush()
        log.info("api key revoked org=%s key=%s", org_id, key_id)
    return key


# -- checking a presented key ---------------------------------------------------------------


def _refused(code: str, detail: str) -> Problem:
    return Problem(401, code, detail, headers={"WWW-Authenticate": 'Bearer realm="pos"'})


def authenticate(session: Session, token: str, *, pepper: bytes, now: datetime) -> ApiKey:
    """The key a presented secret belongs to, when it may be used now; else a 401 problem:
    ``auth.invalid_api_key`` (malformed, unknown or wrong), ``auth.api_key_revoked``,
    ``auth.api_key_expired``, ``auth.api_key_rotated`` (a previous secret past its overlap).

    Both hashes are compared in constant time whatever matches, so timing tells nothing about
    which secret of a key was presented.
    """
    invalid = _refused("auth.invalid_api_key", "The API key is not valid.")
    parsed = parse(token)
    if parsed is None:
        raise invalid
    org_id, key_id, secret = parsed
    key = session.get(ApiKey, (org_id, key_id))
    if key is None:
        raise invalid
    presented = hash_secret(pepper, secret)
    current = hmac.compare_digest(presented, key.secret_hash)
    previous = hmac.compare_digest(presented, key.previous_secret_hash or "")
    if not (current or previous):
        raise invalid
    if key.revoked_at is not None:
        raise _refused("auth.api_key_revoked", "This API key was revoked by its owner.")
    if key.expires_at is not None and key.expires_at <= now:
        raise _refused("auth.api_key_expired", "This API key has expired.")
    if not current and (key.previous_expires_at is None or key.previous_expires_at <= now):
        raise _refused(
            "auth.api_key_rotated", "This secret was replaced by a rotation; use the new one."
        )
    return key


@contextmanager
def advisory_session(db: Database) -> Iterator[Session]:
    """A write session whose commit does not wait for the disk, for the rate window and the
    last-use stamp: a power cut may lose the last moment's counts, which only lets a few
    requests more through, and never anything else (the database stays consistent).

    Waiting for the disk (``synchronous=FULL`` on SQLite, a WAL flush on PostgreSQL) took about
    5 ms of the request on the development machine, more than the rest of a small request;
    without it the window's ``UPDATE`` costs well under a millisecond. PostgreSQL sets it for
    the one transaction (``SET LOCAL``). SQLite can change it only between transactions, so the
    connection is set before the session begins and put back after, and dropped from the pool
    if that fails.
    """
    if db.dialect != "sqlite":
        with db.write() as session:
            session.execute(text("SET LOCAL synchronous_commit TO OFF"))
            yield session
        return
    with db.engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert raw is not None
        level = raw.execute("PRAGMA synchronous").fetchone()[0]
        raw.execute("PRAGMA synchronous = NORMAL")
        try:
            with Session(bind=conn) as session:
                yield session
        finally:
            try:
                raw.execute(f"PRAGMA synchronous = {int(level)}")
            except Exception:
                conn.invalidate()
                raise


@dataclass(frozen=True, slots=True)
class Admission:
    """One request counted against its key's window: let in, or ``retry_after_s`` to wait."""

    allowed: bool
    count: int
    retry_after_s: int


def admit(session: Session, key: ApiKey, now: datetime) -> Admission:
    """Count one request in the key's fixed one-minute window and stamp ``last_used_at`` when
    it is a minute old or more, in one ``UPDATE`` of the key's row (run it in a short
    :func:`advisory_session` of its own and commit at once: the row lock is held only that
    long).

    The window is in the database, so the limit holds across every worker and host. Refused
    requests are not counted, so a client that waits ``Retry-After`` gets in.
    """
    epoch_s = int(now.timestamp())
    window = epoch_s // WINDOW_S
    retry_after = WINDOW_S - epoch_s % WINDOW_S
    stale = now - TOUCH_EVERY
    count = session.execute(
        update(ApiKey)
        .where(
            ApiKey.org_id == key.org_id,
            ApiKey.key_id == key.key_id,
            (ApiKey.rate_window != window) | (ApiKey.rate_count < ApiKey.rate_limit_per_min),
        )
        .values(
            rate_count=case((ApiKey.rate_window == window, ApiKey.rate_count + 1), else_=1),
            rate_window=window,
            last_used_at=case(
                (
                    (ApiKey.last_used_at.is_(None)) | (ApiKey.last_used_at <= stale),
                    literal(now, UTCDateTime()),
                ),
                else_=ApiKey.last_used_at,
            ),
        )
        .returning(ApiKey.rate_count)
        .execution_options(synchronize_session=False)
    ).scalar_one_or_none()
    if count is None:
        return Admission(False, key.rate_limit_per_min, retry_after)
    return Admission(True, count, retry_after)
