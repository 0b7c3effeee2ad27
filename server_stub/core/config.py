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
ENV_WEB_IDLE_MINUTES = "POS_SERVER_WEB_IDLE_MINUTES"
ENV_ROLLUP_FOLD_SECONDS = "POS_SERVER_ROLLUP_FOLD_SECONDS"
ENV_WEBHOOK_SECONDS = "POS_SERVER_WEBHOOK_SECONDS"
ENV_WEBHOOK_LOOPBACK = "POS_SERVER_WEBHOOK_LOOPBACK"
ENV_PUBLIC_URL = "POS_SERVER_PUBLIC_URL"

DEFAULT_MAX_BATCH = 500
DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024
DEFAULT_WEB_IDLE_MINUTES = 30
DEFAULT_ROLLUP_FOLD_SECONDS = 2.0
DEFAULT_WEBHOOK_SECONDS = 0.5


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
    web_idle_timeout_s: int = DEFAULT_WEB_IDLE_MINUTES * 60
    """A back-office browser left alone this long is signed out."""
    web_session_max_s: int = 12 * 3600
    """However busy, a back-office sign-in lasts at most this long (a working day)."""
    web_invite_ttl_s: int = 7 * 24 * 3600
    rollup_fold_interval_s: float = DEFAULT_ROLLUP_FOLD_SECONDS
    """How often a worker folds the queued rollup deltas into the tables (``rollup_fold``);
    0 folds only when a page reads them."""
    webhook_interval_s: float = DEFAULT_WEBHOOK_SECONDS
    """How often an idle worker looks for webhook deliveries to make (``webhooks.worker``); a
    busy one goes on at once. 0: this process delivers no webhooks."""
    webhook_allow_loopback: bool = False
    """Webhooks to this machine (``127.0.0.1``, ``::1``, plain http allowed): for development
    and tests only; a shared cloud must not let an owner call its own loopback services."""
    public_url: str | None = None
    """Where clients reach this server (``https://pos.example.com``): the OpenAPI document's
    ``servers``; unset, the document names ``/``, the address it was fetched from."""

    @staticmethod
    def from_env(database_url: str | None = None) -> Settings:
        return Settings(
            database_url=database_url_from_env(database_url),
            max_batch=int(os.environ.get(ENV_MAX_BATCH) or DEFAULT_MAX_BATCH),
            max_body_bytes=int(os.environ.get(ENV_MAX_BODY) or DEFAULT_MAX_BODY_BYTES),
            web_idle_timeout_s=60
            * int(os.environ.get(ENV_WEB_IDLE_MINUTES) or DEFAULT_WEB_IDLE_MINUTES),
            rollup_fold_interval_s=float(
                os.environ.get(ENV_ROLLUP_FOLD_SECONDS) or DEFAULT_ROLLUP_FOLD_SECONDS
            ),
            webhook_interval_s=float(
                os.environ.get(ENV_WEBHOOK_SECONDS) or DEFAULT_WEBHOOK_SECONDS
            ),
            webhook_allow_loopback=os.environ.get(ENV_WEBHOOK_LOOPBACK, "") == "1",
            public_url=os.environ.get(ENV_PUBLIC_URL) or None,
        )
