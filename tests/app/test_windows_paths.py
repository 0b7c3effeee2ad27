"""The till on Windows, checked on Linux: where it keeps its config, data and logs (platformdirs'
Windows rules with the known folders given), and the one-process-per-data-folder lock through
``msvcrt.locking`` (a stand-in with Windows' rules: a byte range locked through one handle cannot
be locked through another, and only a locked range can be unlocked)."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path, PureWindowsPath
from types import ModuleType, SimpleNamespace

import platformdirs
import platformdirs.windows
import pytest

from pos_desktop.domain.errors import UserError
from pos_desktop.localdb import lock as lock_module
from pos_desktop.localdb.lock import LOCK_FILE_NAME, acquire_data_dir_lock
from pos_desktop.paths import resolve_paths

ROOT = Path(__file__).resolve().parents[2]
LOCAL = r"C:\Users\kasir\AppData\Local"
ROAMING = r"C:\Users\kasir\AppData\Roaming"


@pytest.fixture
def windows_folders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """platformdirs answering as on Windows for the user ``kasir``; the known folders asked."""
    asked: list[str] = []
    known = {"CSIDL_LOCAL_APPDATA": LOCAL, "CSIDL_APPDATA": ROAMING}

    def get_win_folder(csidl_name: str) -> str:
        asked.append(csidl_name)
        return known[csidl_name]

    monkeypatch.setattr(platformdirs.windows, "get_win_folder", get_win_folder)
    monkeypatch.setattr(platformdirs, "PlatformDirs", platformdirs.windows.Windows)
    return asked


def windows(path: Path) -> PureWindowsPath:
    return PureWindowsPath(str(path))


def test_the_till_keeps_everything_in_the_users_local_app_data(windows_folders: list[str]) -> None:
    paths = resolve_paths(env={})
    base = PureWindowsPath(LOCAL, "pos-desktop", "pos-desktop")
    assert windows(paths.config_file) == base / "config.toml"
    assert windows(paths.data_dir) == base
    assert windows(paths.database) == base / "till.db"
    assert windows(paths.log_dir) == base / "Logs"
    # Local, never the roaming profile: a database synced between PCs by a domain's roaming
    # profiles would be two tills on one receipt series.
    assert set(windows_folders) == {"CSIDL_LOCAL_APPDATA"}


def test_store_it_guide_and_installer_name_the_same_folders(windows_folders: list[str]) -> None:
    paths = resolve_paths(env={})
    relative = str(windows(paths.data_dir).relative_to(LOCAL))
    guide = (ROOT / "docs" / "store-it.md").read_text(encoding="utf-8")
    assert f"`%LOCALAPPDATA%\\{relative}\\config.toml`" in guide
    assert f"`%LOCALAPPDATA%\\{relative}\\Logs\\`" in guide
    installer = (ROOT / "packaging" / "windows" / "pos-desktop.iss").read_text(encoding="utf-8")
    assert f"%LOCALAPPDATA%\\{relative}" in installer  # what the uninstaller leaves


class FakeMsvcrt(ModuleType):
    """``msvcrt.locking`` as Windows does it: from the descriptor's current position, per open
    file handle, failing at once (``LK_NBLCK``) on a range another handle holds."""

    LK_UNLCK = 0
    LK_LOCK = 1
    LK_NBLCK = 2

    def __init__(self) -> None:
        super().__init__("msvcrt")
        self.held: dict[tuple[int, int, int], int] = {}
        self.calls: list[tuple[int, int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        position = os.lseek(fd, 0, os.SEEK_CUR)
        key = (os.fstat(fd).st_ino, position, nbytes)
        self.calls.append((mode, position, nbytes))
        if mode == self.LK_NBLCK:
            if key in self.held:
                raise OSError(errno.EACCES, "Permission denied")
            self.held[key] = fd
        elif mode == self.LK_UNLCK:
            if self.held.get(key) != fd:
                raise OSError(errno.EACCES, "Permission denied")  # nothing locked there
            del self.held[key]
        else:
            raise AssertionError(f"the till never waits for the lock (mode {mode})")


@pytest.fixture
def msvcrt(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    fake = FakeMsvcrt()
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(lock_module, "sys", SimpleNamespace(platform="win32"))
    return fake


def test_one_till_per_data_folder_on_windows(msvcrt: FakeMsvcrt, tmp_path: Path) -> None:
    first = acquire_data_dir_lock(tmp_path)
    # The PID stays readable: it is written before the locked byte, which lies past it.
    pid_bytes = (tmp_path / LOCK_FILE_NAME).read_bytes()
    assert pid_bytes.strip() == str(os.getpid()).encode()
    assert msvcrt.calls == [(FakeMsvcrt.LK_NBLCK, len(pid_bytes), 1)]
    with pytest.raises(UserError) as second:
        acquire_data_dir_lock(tmp_path)
    assert second.value.code == "till.already_running"
    assert second.value.params == {"pid": os.getpid(), "data_dir": str(tmp_path)}
    first.release()
    assert msvcrt.held == {}
    assert not first.held
    again = acquire_data_dir_lock(tmp_path)  # a stale file never blocks a restart
    again.release()
    assert [mode for mode, _, _ in msvcrt.calls] == [
        FakeMsvcrt.LK_NBLCK,
        FakeMsvcrt.LK_NBLCK,  # refused
        FakeMsvcrt.LK_UNLCK,
        FakeMsvcrt.LK_NBLCK,
        FakeMsvcrt.LK_UNLCK,
    ]
