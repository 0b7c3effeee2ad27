"""Test-wide settings: Qt runs offscreen, no test reads the real user's config or data, and the
PostgreSQL tests run whenever a PostgreSQL answers on 127.0.0.1:5432 (so ``make test`` on a
developer's machine tests what CI tests)."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

PG_ENV = "POS_TEST_PG_URL"
LOCAL_PG = ("127.0.0.1", 5432)
LOCAL_PG_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def default_pg_url(
    env: Mapping[str, str], address: tuple[str, int] = LOCAL_PG, url: str = LOCAL_PG_URL
) -> str | None:
    """The PostgreSQL URL to test against when ``POS_TEST_PG_URL`` is unset: the local server's
    if something accepts connections at ``address``; ``None`` leaves the variable alone (set, or
    nothing listening: the PostgreSQL tests then skip and say why)."""
    if env.get(PG_ENV):
        return None
    try:
        with socket.create_connection(address, timeout=2):
            return url
    except OSError:
        return None


_pg_default = default_pg_url(os.environ)
if _pg_default is not None:
    os.environ[PG_ENV] = _pg_default


@pytest.fixture
def till_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An isolated ``POS_DESKTOP_HOME`` for tests that start the till or its CLI."""
    home = tmp_path / "till"
    monkeypatch.setenv("POS_DESKTOP_HOME", str(home))
    yield home
