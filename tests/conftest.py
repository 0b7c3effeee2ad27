"""Test-wide settings: Qt runs offscreen, and no test reads the real user's config or data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def till_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An isolated ``POS_DESKTOP_HOME`` for tests that start the till or its CLI."""
    home = tmp_path / "till"
    monkeypatch.setenv("POS_DESKTOP_HOME", str(home))
    yield home
