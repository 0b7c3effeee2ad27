"""The ``[sync]`` table of the till's config file.

Only how this machine talks to the cloud lives here; *which* cloud and which device the till is
paired with is recorded in the database at pairing time (``pos-desktop enroll``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

CREDENTIAL_STORES = ("keyring", "file")


@dataclass(frozen=True, slots=True)
class SyncConfig:
    enabled: bool = True
    credential_store: str = "keyring"
    """``keyring`` (the OS store) or ``file`` (owner-only file in the data folder, chosen
    explicitly for tills without an OS keyring)."""
    credential_file: Path | None = None
    """Where the ``file`` store writes; default ``<data>/device-credential.json``."""
    ca_bundle: Path | None = None
    """PEM file of the CAs to trust instead of the system's (self-hosted servers)."""
    pull_interval_s: float = 2.0
    """How often a connected till asks for catalog changes."""
    stock_interval_s: float = 60.0
    profile_interval_s: float = 0.0
    """At most how often the store profile is asked for; 0 (the default): every round, so an
    owner's change to tax or receipt settings reaches the till at its next pull."""
    probe_interval_s: float = 15.0
    """While offline, how often a cheap request checks whether the cloud is back."""
    retry_min_s: float = 1.0
    retry_max_s: float = 300.0
    batch_size: int = 200
    """Sales per push request (the server allows up to 500)."""
    catalog_page_size: int = 1000
    full_pull_page_size: int = 5000
    connect_timeout_s: float = 5.0
    read_timeout_s: float = 30.0


def _number(table: dict[str, Any], key: str, default: float, low: float, high: float) -> float:
    if key not in table:
        return default
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"'{key}' must be a number")
    if not low <= value <= high:
        raise ValueError(f"'{key}' must be between {low:g} and {high:g}")
    return float(value)


def _path(table: dict[str, Any], key: str) -> Path | None:
    value = table.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be a path")
    return Path(value).expanduser()


def parse_sync_table(table: Any) -> SyncConfig:
    """The ``[sync]`` table as settings; ``ValueError`` names the bad key."""
    if not isinstance(table, dict):
        raise ValueError("[sync] must be a table")
    known = set(SyncConfig.__dataclass_fields__)
    unknown = sorted(set(table) - known)
    if unknown:
        raise ValueError(f"unknown key '{unknown[0]}'")
    store = table.get("credential_store", "keyring")
    if store not in CREDENTIAL_STORES:
        raise ValueError(f"'credential_store' must be one of {', '.join(CREDENTIAL_STORES)}")
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):
        raise ValueError("'enabled' must be true or false")
    retry_min = _number(table, "retry_min_s", 1.0, 0.001, 60)
    retry_max = _number(table, "retry_max_s", 300.0, retry_min, 3600)
    return SyncConfig(
        enabled=enabled,
        credential_store=store,
        credential_file=_path(table, "credential_file"),
        ca_bundle=_path(table, "ca_bundle"),
        pull_interval_s=_number(table, "pull_interval_s", 2.0, 0.05, 3600),
        stock_interval_s=_number(table, "stock_interval_s", 60.0, 0.05, 86400),
        profile_interval_s=_number(table, "profile_interval_s", 0.0, 0.0, 86400),
        probe_interval_s=_number(table, "probe_interval_s", 15.0, 0.05, 3600),
        retry_min_s=retry_min,
        retry_max_s=retry_max,
        batch_size=int(_number(table, "batch_size", 200, 1, 500)),
        catalog_page_size=int(_number(table, "catalog_page_size", 1000, 1, 5000)),
        full_pull_page_size=int(_number(table, "full_pull_page_size", 5000, 1, 5000)),
        connect_timeout_s=_number(table, "connect_timeout_s", 5.0, 0.05, 120),
        read_timeout_s=_number(table, "read_timeout_s", 30.0, 0.05, 600),
    )
