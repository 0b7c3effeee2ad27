"""The till's own settings, read from a TOML file.

Only what belongs to this machine lives here (language, receipt output, auto-lock, barcode rules);
store-wide rules such as tax and rounding live in the database because the cloud owns them.
A missing file means defaults; a broken one is an error naming the file and the key, because a
till that silently ignores its settings prints wrong receipts.
"""

from __future__ import annotations

import logging
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pos_desktop.devices.config import DevicesConfig, parse_devices
from pos_desktop.domain.barcode import DEFAULT_RULES, InStoreRule, ValueKind
from pos_desktop.domain.errors import UserError
from pos_desktop.sync.config import SyncConfig, parse_sync_table

log = logging.getLogger(__name__)

LANGUAGES = ("id", "en")
RECEIPT_WIDTHS = (32, 42, 48)


class ConfigError(Exception):
    """The config file cannot be used; the message names the file and the setting."""


def config_problem(error: ConfigError, path: Path) -> UserError:
    """``error`` in the words of the person at the till: the file, what is wrong (the parser's
    or the checker's own words, which name the line or the setting), and what to do."""
    detail = str(error)
    prefix = f"{path}: "
    if detail.startswith(prefix):
        detail = detail[len(prefix) :]
    return UserError("config.invalid", path=str(path), detail=detail)


@dataclass(frozen=True, slots=True)
class ReceiptConfig:
    columns: int = 48
    output_dir: Path | None = None
    """Receipt bytes are written here (one ``.bin`` per sale) until a printer is configured."""
    money_space: bool = False
    """``Rp 12.500`` instead of the official ``Rp12.500``."""


@dataclass(frozen=True, slots=True)
class BackupConfig:
    """``[backup]``: where automatic backups go and how many are kept."""

    folder: Path | None = None
    """Default ``<data>/backups``; a USB stick path works (created when missing)."""
    keep: int = 14
    daily: bool = True
    """Also back up once per calendar day, at the first chance after the day starts."""

    def folder_for(self, data_dir: Path) -> Path:
        return self.folder if self.folder is not None else data_dir / "backups"


def parse_backup(raw: Any, where: Path) -> BackupConfig:
    if not isinstance(raw, dict):
        raise ConfigError(f"{where}: [backup] must be a table")
    folder = raw.get("folder")
    if folder is not None and (not isinstance(folder, str) or not folder.strip()):
        raise ConfigError(f"{where}: [backup] 'folder' must be a path")
    keep = _expect(raw, "keep", int, where) if "keep" in raw else 14
    if not 1 <= keep <= 1000:
        raise ConfigError(f"{where}: [backup] 'keep' must be 1 to 1000")
    daily = _expect(raw, "daily", bool, where) if "daily" in raw else True
    return BackupConfig(
        folder=Path(folder).expanduser() if folder else None, keep=keep, daily=daily
    )


@dataclass(frozen=True, slots=True)
class TillConfig:
    language: str = "id"
    idle_lock_minutes: int = 5
    receipt: ReceiptConfig = field(default_factory=ReceiptConfig)
    barcode_rules: tuple[InStoreRule, ...] = DEFAULT_RULES
    sync: SyncConfig = field(default_factory=SyncConfig)
    devices: DevicesConfig = field(default_factory=DevicesConfig)
    backup: BackupConfig = field(default_factory=BackupConfig)
    source: Path | None = None


def _expect(table: dict[str, Any], key: str, kind: type, where: Path) -> Any:
    value = table[key]
    if kind is int and isinstance(value, bool):
        raise ConfigError(f"{where}: '{key}' must be a whole number")
    if not isinstance(value, kind):
        raise ConfigError(f"{where}: '{key}' must be {kind.__name__}, got {value!r}")
    return value


def load_config(path: Path) -> TillConfig:
    if not path.exists():
        log.info("no config file at %s; using defaults", path)
        return TillConfig(source=None)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    language = raw.get("language", "id")
    if language not in LANGUAGES:
        raise ConfigError(f"{path}: 'language' must be one of {', '.join(LANGUAGES)}")
    idle = _expect(raw, "idle_lock_minutes", int, path) if "idle_lock_minutes" in raw else 5
    if not 0 <= idle <= 240:
        raise ConfigError(f"{path}: 'idle_lock_minutes' must be 0 (off) to 240")
    receipt_raw = raw.get("receipt", {})
    columns = _expect(receipt_raw, "columns", int, path) if "columns" in receipt_raw else 48
    if columns not in RECEIPT_WIDTHS:
        raise ConfigError(f"{path}: receipt 'columns' must be one of {RECEIPT_WIDTHS}")
    output = receipt_raw.get("output_dir")
    receipt = ReceiptConfig(
        columns=columns,
        output_dir=Path(output).expanduser() if output else None,
        money_space=bool(receipt_raw.get("money_space", False)),
    )
    rules = DEFAULT_RULES
    if "barcode_rules" in raw:
        try:
            rules = tuple(
                InStoreRule(
                    prefix=str(r["prefix"]),
                    item_digits=int(r["item_digits"]),
                    value_digits=int(r["value_digits"]),
                    decimals=int(r.get("decimals", 0)),
                    kind=ValueKind(r.get("kind", "weight")),
                )
                for r in raw["barcode_rules"]
            )
        except (KeyError, ValueError, TypeError) as exc:
            raise ConfigError(f"{path}: barcode_rules: {exc}") from exc
    try:
        sync = parse_sync_table(raw.get("sync", {}))
    except ValueError as exc:
        raise ConfigError(f"{path}: [sync] {exc}") from exc
    try:
        devices = parse_devices(raw.get("devices", {}))
    except ValueError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return TillConfig(
        language=language,
        idle_lock_minutes=idle,
        receipt=receipt,
        barcode_rules=rules,
        sync=sync,
        devices=devices,
        backup=parse_backup(raw.get("backup", {}), path),
        source=path,
    )
