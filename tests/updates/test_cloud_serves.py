"""The cloud serves the release repository at /updates/, and a till updates from it."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import uvicorn

from pos_desktop.updates.status import UpdateState
from server_stub.app import create_app
from server_stub.core.config import Settings
from server_stub.releases.serve import UPDATES_DIR_ENV
from tests.updates.conftest import Repo, install_fake
from tests.updates.helpers import till_for


@pytest.fixture
def cloud_url(repo: Repo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.setenv(UPDATES_DIR_ENV, str(repo.folder))
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'cloud.db'}"))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the cloud did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}/updates/"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def test_a_till_updates_from_its_cloud(repo: Repo, cloud_url: str, tmp_path: Path) -> None:
    repo.publish("0.2.0")
    repo.url = cloud_url
    till = till_for(repo, install_fake(tmp_path / "opt", "0.1.0"))
    assert till.task.maybe_run().state is UpdateState.INSTALLED
    assert till.layout.current_version() == "0.2.0"


def test_only_the_files_that_change_in_place_are_not_cached(repo: Repo, cloud_url: str) -> None:
    stamp = httpx.get(cloud_url + "metadata/timestamp.json")
    assert stamp.status_code == 200 and stamp.headers["cache-control"] == "no-cache"
    snapshot = httpx.get(cloud_url + "metadata/1.snapshot.json")
    assert "immutable" in snapshot.headers["cache-control"]
    assert httpx.get(cloud_url + "metadata/9.snapshot.json").status_code == 404


def test_without_a_repository_nothing_is_served(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(UPDATES_DIR_ENV, raising=False)
    app = create_app(Settings(database_url=f"sqlite:///{tmp_path / 'cloud.db'}"))
    assert not any(getattr(route, "path", "") == "/updates" for route in app.routes)
