from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb.lock import LOCK_FILE_NAME, acquire_data_dir_lock

REPO = Path(__file__).resolve().parents[2]

HOLDER = """
import sys
from pathlib import Path
from pos_desktop.localdb.lock import acquire_data_dir_lock

lock = acquire_data_dir_lock(Path(sys.argv[1]))
print("locked", flush=True)
sys.stdin.read()  # hold until the test closes stdin or kills us
lock.release()
"""


@pytest.fixture
def holder(tmp_path: Path) -> Iterator[subprocess.Popen[str]]:
    """A separate process that owns ``tmp_path / "data"`` until killed."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(tmp_path / "data")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "locked"
    yield proc
    if proc.poll() is None:
        proc.kill()
    proc.wait(timeout=10)


def test_a_second_owner_is_told_which_process_runs(
    tmp_path: Path, holder: subprocess.Popen[str]
) -> None:
    with pytest.raises(UserError) as caught:
        acquire_data_dir_lock(tmp_path / "data")
    assert caught.value.code == "till.already_running"
    assert caught.value.params["pid"] == holder.pid


def test_the_lock_dies_with_its_process(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    holder.kill()  # SIGKILL: no chance to clean up
    holder.wait(timeout=10)
    assert (tmp_path / "data" / LOCK_FILE_NAME).exists()  # the stale file does not matter
    with acquire_data_dir_lock(tmp_path / "data") as lock:
        assert lock.held
        pid = (tmp_path / "data" / LOCK_FILE_NAME).read_text().strip()
        assert pid == str(os.getpid())


def test_a_clean_exit_releases_the_lock(tmp_path: Path, holder: subprocess.Popen[str]) -> None:
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=10) == 0
    acquire_data_dir_lock(tmp_path / "data").release()


def test_one_owner_within_a_process_too(tmp_path: Path) -> None:
    first = acquire_data_dir_lock(tmp_path)
    try:
        with pytest.raises(UserError) as caught:
            acquire_data_dir_lock(tmp_path)
        assert caught.value.params["pid"] == os.getpid()
    finally:
        first.release()
    assert not first.held
    first.release()  # idempotent
    acquire_data_dir_lock(tmp_path).release()


def test_the_data_folder_is_created(tmp_path: Path) -> None:
    with acquire_data_dir_lock(tmp_path / "a" / "b") as lock:
        assert lock.path == tmp_path / "a" / "b" / LOCK_FILE_NAME
