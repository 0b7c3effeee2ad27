"""``pos-server``: serve the API, administer tenants, migrate, seed the demo.

Every command takes ``--database-url`` (default: ``POS_SERVER_DATABASE_URL``, else a SQLite file
in the platform data directory) and brings the schema up to date before it runs, so a one-shop
install is one command: ``pos-server serve``.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, get_args

from sqlalchemy import select

from server_stub import tenancy
from server_stub.core import migrate
from server_stub.core.config import ENV_DATABASE_URL, Settings, database_url_from_env
from server_stub.core.db import Database, utcnow
from server_stub.core.logs import FORMATS, configure, log_format_from_env, uvicorn_log_config
from server_stub.core.problems import Problem
from server_stub.core.security.server_secret import load_keys
from server_stub.models import Organization
from server_stub.releases.cli import add_release
from server_stub.schemas import StaffRole, validation_reason

log = logging.getLogger(__name__)

AddParser = Callable[..., argparse.ArgumentParser]
"""``add_parser`` of the command's subparsers: each ``_add_*`` below adds its commands with it."""


def _out(text: str = "") -> None:
    sys.stdout.write(text + "\n")


def _database(args: argparse.Namespace, *, pool_size: int = 2) -> Database:
    db = Database(database_url_from_env(args.database_url), pool_size=pool_size)
    migrate.upgrade(db.engine)
    return db


def _resolve_org(db: Database, org_id: str | None, email: str | None) -> str:
    """The organization named by ``--org-id`` or ``--email``; the only one if neither is given."""
    with db.read() as session:
        if org_id:
            if session.get(Organization, org_id) is None:
                raise Problem(404, "org.not_found", f"no organization {org_id}")
            return org_id
        if email:
            user = tenancy.find_user_by_email(session, email)
            if user is None:
                raise Problem(404, "user.not_found", f"no user {email}")
            return user.org_id
        orgs = list(session.execute(select(Organization.org_id).limit(2)).scalars())
    if len(orgs) != 1:
        raise Problem(400, "org.ambiguous", "name the organization with --org-id or --email")
    return orgs[0]


# -- commands -------------------------------------------------------------------------------


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn  # the admin commands do not need it

    url = database_url_from_env(args.database_url)
    if not args.no_migrate:
        db = Database(url, pool_size=1)
        migrate.upgrade(db.engine)
        db.dispose()
    # Workers are separate processes that build the app from the environment.
    os.environ[ENV_DATABASE_URL] = url
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        _out("--ssl-certfile and --ssl-keyfile go together")
        return 2
    uvicorn.run(
        "server_stub.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile,
        proxy_headers=bool(args.forwarded_allow_ips),
        forwarded_allow_ips=args.forwarded_allow_ips,
        log_level=args.log_level,
        log_config=_log_config(args),
        server_header=False,
    )
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from server_stub.webhooks import deliverer

    url = database_url_from_env(args.database_url)
    if not args.no_migrate:
        db = Database(url, pool_size=1)
        migrate.upgrade(db.engine)
        db.dispose()
    return deliverer.run(Settings.from_env(url))


def _log_config(args: argparse.Namespace) -> dict[str, Any]:
    """uvicorn's ``log_config``: JSON lines, or uvicorn's own text configuration."""
    from uvicorn.config import LOGGING_CONFIG

    config = uvicorn_log_config(log_format_from_env(args.log_format), args.log_level)
    return LOGGING_CONFIG if config is None else config


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    db = _database(args)
    db.dispose()
    _out("database schema is up to date")
    return 0


def cmd_create_owner(args: argparse.Namespace) -> int:
    db = _database(args)
    with db.write() as session:
        org, created = tenancy.create_owner(
            session, org_name=args.org, email=args.email, password=args.password, now=utcnow()
        )
        session.commit()
    db.dispose()
    _out(f"organization: {org.name} ({org.org_id})")
    _out(f"owner:        {created.user.email}")
    _out(f"TOTP secret:  {created.totp_secret}")
    _out(f"otpauth URI:  {created.otpauth_uri}")
    _out("Add the secret to an authenticator app; it is needed at every login.")
    return 0


def cmd_create_store(args: argparse.Namespace) -> int:
    db = _database(args)
    org_id = _resolve_org(db, args.org_id, args.email)
    with db.write() as session:
        store = tenancy.create_store(
            session,
            org_id,
            code=args.code,
            name=args.name,
            address=args.address,
            ppn_enabled=args.ppn,
            now=utcnow(),
        )
        session.commit()
    db.dispose()
    _out(f"store {store.code} ({store.name}) created in organization {org_id}")
    return 0


def cmd_enrollment_code(args: argparse.Namespace) -> int:
    db = _database(args)
    org_id = _resolve_org(db, args.org_id, args.email)
    with db.write() as session:
        keys = load_keys(session)
        store = tenancy.require_store(session, org_id, args.store)
        issued = tenancy.issue_enrollment_code(
            session,
            store,
            pepper=keys.enrollment_pepper,
            now=utcnow(),
            ttl_minutes=args.ttl_minutes,
            till_code=args.till,
            replace_existing=args.replace,
            created_by="cli",
        )
        session.commit()
    db.dispose()
    _out(issued.code)
    log.info("code for store %s expires %s", store.code, issued.expires_at.isoformat())
    return 0


def _ask_pin() -> str:
    """The PIN typed twice without echo (never in the shell's history or ``ps``)."""
    import getpass

    first = getpass.getpass("PIN (4-6 digits): ")
    if getpass.getpass("PIN again: ") != first:
        raise Problem(422, "staff.pin_mismatch", "the two PINs differ")
    return first


def cmd_create_staff(args: argparse.Namespace) -> int:
    from pydantic import ValidationError

    from server_stub import staff

    pin = args.pin if args.pin is not None else _ask_pin()
    try:
        data = staff.StaffIn(name=args.name, role=args.role, stores=args.store, pin=pin)
    except ValidationError as exc:
        reason = validation_reason(exc)
        hint = " (4 to 6 digits)" if reason.startswith("pin: ") else ""
        raise Problem(422, "staff.invalid", f"{reason}{hint}") from None
    db = _database(args)
    org_id = _resolve_org(db, args.org_id, args.email)
    with db.write() as session:
        member = staff.create_member(session, org_id, data, utcnow())
        out = staff.describe(session, member)
        session.commit()
    db.dispose()
    _out(f"staff {out.name} ({out.role}) created in {', '.join(out.stores)}: {out.id}")
    _out("Tills of these stores let them log in after their next sync.")
    return 0


def cmd_rebuild_rollups(args: argparse.Namespace) -> int:
    """Rewrite the sales rollups from the raw rows (one organization, or all) in one
    transaction: for a database whose rollups are in doubt or predate a fix."""
    from server_stub.rollup_recount import rebuild

    db = _database(args)
    org_id = _resolve_org(db, args.org_id, args.email) if args.org_id or args.email else None
    with db.write() as session:
        count = rebuild(session, org_id)
        session.commit()
    db.dispose()
    _out(f"rollups rebuilt for {count} organization(s)")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    """A backup file in ``--out``, keeping the newest ``--keep`` (see ``server_stub.backup``)."""
    from server_stub import backup

    made = backup.backup(
        database_url_from_env(args.database_url), Path(args.out), keep=args.keep, now=utcnow()
    )
    _out(f"backup: {made.path} ({made.size} bytes)")
    for old in made.deleted:
        _out(f"removed old backup: {old}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """A backup into an empty database, then its schema brought up to date."""
    from server_stub import backup

    url = database_url_from_env(args.database_url)
    backup.restore(url, Path(args.file))
    _database(args).dispose()
    _out(f"restored {args.file}; the database schema is up to date")
    _out("Tills sync again by themselves and send what this backup lacks.")
    return 0


def cmd_demo_seed(args: argparse.Namespace) -> int:
    from server_stub.demo import DEMO_STAFF, seed_demo

    db = _database(args)
    with db.write() as session:
        keys = load_keys(session)
        seeded = seed_demo(
            session, pepper=keys.enrollment_pepper, now=utcnow(), owner_password=args.owner_password
        )
    db.dispose()
    if args.json:
        _out(json.dumps(seeded.as_dict(), indent=2))
        return 0
    _out(f"organization:    {seeded.org_name} ({seeded.org_id})")
    _out(f"owner:           {seeded.owner_email}")
    _out(f"password:        {seeded.owner_password or '(unchanged)'}")
    _out(f"TOTP secret:     {seeded.totp_secret}")
    _out(f"store / till:    {seeded.store_code} / {seeded.till_code}")
    until = f"{seeded.enrollment_expires_at:%H:%M} UTC"
    _out(f"enrollment code: {seeded.enrollment_code}  (until {until})")
    _out(f"products:        {seeded.products_created} new, {seeded.products_updated} updated")
    for member in DEMO_STAFF:
        _out(f"staff:           {member.name:<6} {member.role:<10} PIN {member.pin}")
    return 0


def cmd_openapi(args: argparse.Namespace) -> int:
    from server_stub.openapi_export import export

    text = export()
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


# -- parser ---------------------------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--database-url",
        help=f"SQLAlchemy URL (default: ${ENV_DATABASE_URL} or a SQLite file in the data dir)",
    )
    parser = argparse.ArgumentParser(prog="pos-server", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    parser.add_argument(
        "--log-format",
        choices=FORMATS,
        help="text, or json: one JSON object a line (default: $POS_SERVER_LOG_FORMAT or text)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    _add_serve(commands.add_parser, common)
    _add_db(commands.add_parser, common)
    _add_admin(commands.add_parser, common)
    _add_tools(commands.add_parser, common)
    add_release(commands.add_parser)
    return parser


def _add_serve(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    """``serve``: the HTTP API."""
    serve = add_parser("serve", parents=[common], help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1, help="worker processes")
    serve.add_argument("--ssl-certfile", help="serve HTTPS with this certificate (PEM)")
    serve.add_argument("--ssl-keyfile", help="private key of --ssl-certfile (PEM)")
    serve.add_argument(
        "--forwarded-allow-ips",
        help="trust X-Forwarded-For from these proxy addresses (comma-separated)",
    )
    serve.add_argument("--no-migrate", action="store_true", help="do not upgrade the schema")
    serve.add_argument("--log-level", default="info")
    serve.set_defaults(func=cmd_serve)
    deliver = add_parser(
        "deliver",
        parents=[common],
        help="deliver webhooks in this process, without HTTP (run the API with "
        "POS_SERVER_WEBHOOK_SECONDS=0 beside it)",
    )
    deliver.add_argument("--no-migrate", action="store_true", help="do not upgrade the schema")
    deliver.set_defaults(func=cmd_deliver)


def _add_db(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    """``db upgrade``: the schema."""
    db = add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    upgrade = db_commands.add_parser("upgrade", parents=[common], help="migrate to the newest")
    upgrade.set_defaults(func=cmd_db_upgrade)


def _add_admin(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    """``admin ...``: organizations, stores, pairing codes, staff."""
    admin = add_parser("admin", help="organizations, stores, pairing")
    admin_commands = admin.add_subparsers(dest="admin_command", required=True)
    owner = admin_commands.add_parser(
        "create-owner", parents=[common], help="new organization with its owner"
    )
    owner.add_argument("--org", required=True, help="organization name")
    owner.add_argument("--email", required=True)
    owner.add_argument("--password", required=True)
    owner.set_defaults(func=cmd_create_owner)

    store = admin_commands.add_parser("create-store", parents=[common], help="new store")
    store.add_argument("--org-id")
    store.add_argument("--email", help="find the organization by one of its users")
    store.add_argument("--code", required=True, help="short code, e.g. S01")
    store.add_argument("--name", required=True)
    store.add_argument("--address", default="")
    store.add_argument("--ppn", action="store_true", help="the store is a PKP charging PPN")
    store.set_defaults(func=cmd_create_store)

    code = admin_commands.add_parser(
        "enrollment-code", parents=[common], help="one-time code to pair a till"
    )
    code.add_argument("--store", required=True, help="store code")
    code.add_argument("--org-id")
    code.add_argument("--email", help="find the organization by one of its users")
    code.add_argument("--till", help="reserve the code for this till code (T01)")
    code.add_argument("--ttl-minutes", type=int, default=15)
    code.add_argument(
        "--replace", action="store_true", help="unpair the device that holds --till now"
    )
    code.set_defaults(func=cmd_enrollment_code)

    member = admin_commands.add_parser(
        "create-staff", parents=[common], help="a cashier, supervisor or manager of the tills"
    )
    member.add_argument("--org-id")
    member.add_argument("--email", help="find the organization by one of its users")
    member.add_argument(
        "--store", action="append", required=True, help="store code (repeat for several)"
    )
    member.add_argument("--name", required=True, help="the name staff pick at the till")
    member.add_argument("--role", choices=get_args(StaffRole), default="cashier")
    member.add_argument("--pin", help="4 to 6 digits (asked for, unechoed, when left out)")
    member.set_defaults(func=cmd_create_staff)

    rollups = admin_commands.add_parser(
        "rebuild-rollups", parents=[common], help="recount the sales rollups from the raw rows"
    )
    rollups.add_argument("--org-id", help="only this organization (default: every one)")
    rollups.add_argument("--email", help="find the organization by one of its users")
    rollups.set_defaults(func=cmd_rebuild_rollups)

    saved = admin_commands.add_parser(
        "backup", parents=[common], help="back up the database into a folder, with retention"
    )
    saved.add_argument("--out", required=True, help="folder for the backup files")
    saved.add_argument("--keep", type=int, default=14, help="newest backups kept (default 14)")
    saved.set_defaults(func=cmd_backup)

    restore = admin_commands.add_parser(
        "restore", parents=[common], help="restore a backup into an empty database"
    )
    restore.add_argument("file", help="a file made by admin backup")
    restore.set_defaults(func=cmd_restore)


def _add_tools(add_parser: AddParser, common: argparse.ArgumentParser) -> None:
    """``demo-seed`` and ``openapi``."""
    demo = add_parser("demo-seed", parents=[common], help="the demo organization")
    demo.add_argument("--owner-password", help="password for a newly created demo owner")
    demo.add_argument("--json", action="store_true", help="print the result as JSON")
    demo.set_defaults(func=cmd_demo_seed)

    openapi = add_parser("openapi", help="print the OpenAPI document")
    openapi.add_argument("--out", help="write to this file instead of stdout")
    openapi.set_defaults(func=cmd_openapi)


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        log_format = log_format_from_env(args.log_format)
    except ValueError as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 2
    configure(log_format, logging.INFO if args.verbose else logging.WARNING)
    try:
        result: int = args.func(args)
    except Problem as exc:
        if log_format == "json":
            log.error("%s: %s", exc.code, exc.detail or exc.title)
        else:
            sys.stderr.write(f"error: {exc.code}: {exc.detail or exc.title}\n")
        return 1
    return result
