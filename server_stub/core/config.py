"""Service settings, read once from the environment so every worker process agrees.

``pos-server serve`` starts uvicorn workers as separate processes that import the app by name;
the command line therefore hands its options to them through environment variables, and each
worker rebuilds the same ``Settings`` from them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

ENV_DATABASE_URL = "POS_SERVER_DATABASE_URL"
ENV_MAX_BATCH = "POS_SERVER_MAX_BATCH"
ENV_MAX_BODY = "POS_SERVER_MAX_BODY_BYTES"

DEFAULT_MAX_BATCH = 500
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024


def default_database_url() -> str:
    """The embedded default: one SQLite file in the platform's per-user data directory."""
    data_dir = Path(platformdirs.user_data_dir("pos-server", appauthor=False))
    return f"sqlite:///{data_dir / 'pos-server.db'}"


def database_url_from_env(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    return os.environ.get(ENV_DATABASE_URL) or default_database_url()


@dataclass(frozen=True, slots=True)
class Settings:
    database_url: str
    max_batch: int = DEFAULT_MAX_BATCH
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    access_token_ttl_s: int = 15 * 60
    refresh_token_ttl_s: int = 30 * 24 * 3600
    enrollment_ttl_minutes: int = 15
    clock_skew_s: int = 5 * 60
    catalog_page_default: int = 1000
    catalog_page_max: int = 5000

    @staticmethod
    def from_env(database_url: str | None = None) -> Settings:
        return Settings(
            database_url=database_url_from_env(database_url),
            max_batch=int(os.environ.get(ENV_MAX_BATCH) or DEFAULT_MAX_BATCH),
            max_body_bytes=int(os.environ.get(ENV_MAX_BODY) or DEFAULT_MAX_BODY_BYTES),
        )
