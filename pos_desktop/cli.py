"""``pos-desktop`` command line: start the till, and the store-IT commands beside it.

Heavy imports (Qt, SQLAlchemy) happen inside the commands, so ``--version`` and ``--help`` answer
at once even on a slow till.
"""

from __future__ import annotations

import argparse
import importlib.util
import logging
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pos_desktop import __version__

if TYPE_CHECKING:
    from pos_desktop.domain.errors import UserError
    from pos_desktop.paths import AppPaths

log = logging.getLogger(__name__)

TILL_EXTRA_MODULES = (
    "PySide6",
    "httpx",
    "serial",
    "escpos",
    "usb",
    "keyring",
    "tuf",
    "cryptography",
)
"""What the ``till`` extra installs, by import name (tests/app/test_install_split.py keeps this
equal to pyproject's list): a ``pip install pos-desktop`` without it has no Qt to start."""


def missing_modules(names: tuple[str, ...]) -> list[str]:
    """Those of ``names`` that cannot be imported, found without importing them (Qt is slow)."""
    return [
        name
        for name in names
        if (
            sys.modules[name] is None if name in sys.modules else not importlib.util.find_spec(name)
        )
    ]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pos-desktop", description="Offline-first cashier till (kasir)."
    )
    parser.add_argument("--version", action="version", version=f"pos-desktop {__version__}")
    parser.add_argument("--config", type=Path, help="config file (default: platform config dir)")
    parser.add_argument("-v", "--verbose", action="store_true", help="also log to the console")
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="start the till (the default)")
    seed = sub.add_parser(
        "seed-demo",
        help="fill an empty till with the demo store (a till with products is left alone, exit 0)",
    )
    seed.add_argument(
        "--force", action="store_true", help="add the demo products a till with products lacks"
    )
    db = sub.add_parser("db", help="local database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply pending migrations")
    db_sub.add_parser("check", help="run PRAGMA integrity_check")
    backup = db_sub.add_parser("backup", help="copy the live database to a file")
    backup.add_argument("target", type=Path)
    restore = db_sub.add_parser(
        "restore", help="put a verified backup in place of the database (the old one is kept)"
    )
    restore.add_argument("file", type=Path, help="the backup file, e.g. a till-*.db")
    sub.add_parser("paths", help="print where config, data and logs are")
    devices = sub.add_parser("devices", help="list ports; test printer, drawer, display ...")
    devices_sub = devices.add_subparsers(dest="devices_command", required=True)
    devices_sub.add_parser("list", help="serial ports and USB printers on this machine")
    device_test = devices_sub.add_parser("test", help="test one configured device")
    device_test.add_argument("kind", choices=("printer", "drawer", "display", "scale", "scanner"))
    enroll = sub.add_parser("enroll", help="pair this till with the cloud (one-time code)")
    enroll.add_argument("--server", required=True, help="cloud URL (https unless on this machine)")
    enroll.add_argument("--code", required=True, help="enrollment code from the owner")
    enroll.add_argument("--till", help="till code to take, e.g. T02 (default: the code's)")
    enroll.add_argument("--name", default="", help="a name for this till in the cloud")
    journal = sub.add_parser("journal", help="the audit journal: verify its hash chain")
    journal.add_argument("action", choices=("verify",), help="check every entry's hash and link")
    sync_cmd = sub.add_parser("sync", help="cloud sync: queue status, refused sales")
    sync_cmd.add_argument("action", choices=("status", "retry"), help="show, or resend refused")
    from pos_desktop.updates.cli import add_update_parser

    add_update_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    # A bundle carries what it was built with; an install may lack the extra, and then says so
    # here rather than with an ImportError from deep inside a command.
    missing = [] if getattr(sys, "frozen", False) else missing_modules(TILL_EXTRA_MODULES)
    if missing:
        sys.stderr.write(
            f"pos-desktop: the till's libraries are not installed ({', '.join(missing)}); "
            "install the till with: pip install 'pos-desktop[till]'\n"
        )
        return 3
    from pos_desktop.config import ConfigError, config_problem, load_config
    from pos_desktop.domain.errors import UserError
    from pos_desktop.logging_setup import setup_logging
    from pos_desktop.paths import resolve_paths

    paths = resolve_paths(args.config)
    try:
        paths.ensure()
        setup_logging(paths.log_dir, console=args.verbose)
    except OSError as exc:
        # A read-only or full disk: keep going on the console, where the start-up checks
        # then say what is wrong in the cashier's words.
        logging.basicConfig(level=logging.INFO)
        log.error("cannot write the log in %s: %s", paths.log_dir, exc)
    command = args.command or "run"
    if command == "paths":
        print(f"config: {paths.config_file}\ndata:   {paths.data_dir}\nlogs:   {paths.log_dir}")
        return 0
    if command == "update":
        from pos_desktop.updates.cli import run_update_command

        return run_update_command(args)
    if command == "run":
        from pos_desktop import startup

        return startup.run(paths)
    language: str | None = None
    try:
        config = load_config(paths.config_file)
        language = config.language
        from pos_desktop import app

        if command == "devices":
            from pos_desktop.devices.cli import run_devices_command

            return run_devices_command(args, paths, config)
        if command in ("enroll", "sync"):
            from pos_desktop.sync.cli import run_sync_command

            return run_sync_command(command, args, paths, config)
        if command == "journal":
            return _journal_verify(paths)
        if command == "seed-demo":
            return _seed_demo(paths, force=args.force)
        if command == "db":
            if args.db_command == "upgrade":
                app.upgrade_database(paths)
                print("database is at the latest version")
                return 0
            if args.db_command == "restore":
                from pos_desktop.ui.restore_command import run_restore

                for line in run_restore(paths, config, args.file):
                    print(line)
                return 0
            if args.db_command == "backup":
                written = app.backup_database(paths, args.target)
                print(f"backup written to {written}")
                return 0
            result = app.check_database(paths)
            print(result)
            return 0 if result == "ok" else 1
    except ConfigError as exc:
        _report(config_problem(exc, paths.config_file), None)
        return 2
    except UserError as exc:
        _report(exc, language)
        return 3
    return 0


def _report(error: UserError, language: str | None) -> None:
    """Every command's user errors, in the till's language (Indonesian when the config cannot
    say), through the same sentences the screens use."""
    from pos_desktop.ui.console import DEFAULT_LANGUAGE, report

    report(error, language or DEFAULT_LANGUAGE)


def _seed_demo(paths: AppPaths, *, force: bool) -> int:
    """Say what was done; nothing to do is not an error (the command can run every time)."""
    from pos_desktop import app

    result = app.seed_demo_report(paths, force=force)
    if not result.seeded:
        print(
            f"the till already has {result.products_before} products; nothing seeded "
            "(--force adds the demo products it lacks)"
        )
    elif result.products_before:
        print(
            f"{result.added} demo products added in {paths.data_dir} "
            f"({result.products_before} products were there already)"
        )
    else:
        print(
            f"demo store seeded in {paths.data_dir}: {result.added} products; staff come from "
            "the cloud, so pair the till (pos-desktop enroll) before anyone can log in"
        )
    return 0


def _journal_verify(paths: AppPaths) -> int:
    """Print the chain's state; exit 1 and name the first bad entry when it does not hold."""
    from pos_desktop import app

    report = app.verify_journal(paths)
    if report.result.fault is None:
        print(
            f"journal {report.result.journal_id or '-'}: {report.result.entries} entries, "
            "every hash and link checks out"
        )
        return 0
    fault = report.result.fault
    print(f"journal {report.result.journal_id or '-'}: FIRST BAD ENTRY {fault.seq}: {fault.kind}")
    print(f"  {fault.detail}")
    if report.bad_entry is not None:
        e = report.bad_entry
        print(f"  kind={e.kind} at={e.at} actor={e.actor} approver={e.approver or '-'}")
        print(f"  data={e.data}")
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
