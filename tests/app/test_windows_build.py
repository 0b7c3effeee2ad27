"""The Windows build, as far as Linux can check it: the version resource the spec writes is read
by PyInstaller's own parser and says the one version; the Inno Setup command and script install
per machine with a Start-menu entry and autostart, and keep the data at uninstall; pywin32 is a
Windows-only requirement of the till."""

from __future__ import annotations

import importlib
import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from packaging.requirements import Requirement

from pos_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
ISS = ROOT / "packaging" / "windows" / "pos-desktop.iss"


def build_info() -> Any:
    """packaging/windows/build_info.py, loaded by path as the spec loads it."""
    spec = importlib.util.spec_from_file_location(
        "pos_build_info", ROOT / "packaging" / "windows" / "build_info.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def versioninfo(monkeypatch: pytest.MonkeyPatch) -> Any:
    """PyInstaller's version-resource module, importable off Windows with its two Windows-only
    imports stood in (only the parser and the serializer are used)."""
    name = "PyInstaller.utils.win32.versioninfo"
    monkeypatch.setitem(sys.modules, "pefile", ModuleType("pefile"))
    compat = importlib.import_module("PyInstaller.compat")
    monkeypatch.setattr(compat, "win32api", None, raising=False)
    monkeypatch.delitem(sys.modules, name, raising=False)
    module = importlib.import_module(name)
    monkeypatch.delitem(sys.modules, name)
    return module


def strings_of(info: Any) -> dict[str, str]:
    (string_file_info,) = [kid for kid in info.kids if type(kid).__name__ == "StringFileInfo"]
    (table,) = string_file_info.kids
    return {entry.name: entry.val for entry in table.kids}


@pytest.mark.parametrize(
    ("version", "numbers"),
    [("0.2.0", (0, 2, 0, 0)), ("1.12.3rc2", (1, 12, 3, 0)), ("2.0", (2, 0, 0, 0))],
)
def test_version_numbers_for_windows(version: str, numbers: tuple[int, ...]) -> None:
    assert build_info().version_tuple(version) == numbers


def test_a_version_windows_cannot_hold_is_refused() -> None:
    with pytest.raises(ValueError, match="65535"):
        build_info().version_tuple("1.70000.0")
    with pytest.raises(ValueError, match="release number"):
        build_info().version_tuple("next")


def test_the_version_resource_says_the_one_version(versioninfo: Any, tmp_path: Path) -> None:
    path = build_info().write_version_info(
        __version__, "pos-desktop-cli", tmp_path, "POS Desktop - command line"
    )
    info = versioninfo.load_version_info_from_text_file(str(path))
    major, minor, patch, build = build_info().version_tuple(__version__)
    assert info.ffi.fileVersionMS == info.ffi.productVersionMS == (major << 16) | minor
    assert info.ffi.fileVersionLS == info.ffi.productVersionLS == (patch << 16) | build
    strings = strings_of(info)
    assert strings["FileVersion"] == strings["ProductVersion"] == __version__
    assert strings["OriginalFilename"] == "pos-desktop-cli.exe"
    assert strings["FileDescription"] == "POS Desktop - command line"
    raw = info.toRaw()  # what PyInstaller writes into the .exe
    assert __version__.encode("utf-16-le") in raw
    assert "pos-desktop-cli.exe".encode("utf-16-le") in raw


def test_the_installer_is_compiled_with_the_version(tmp_path: Path) -> None:
    command = build_info().iscc_command(
        "ISCC.exe", ISS, version=__version__, bundle=tmp_path / "b", out=tmp_path
    )
    assert command[0] == "ISCC.exe" and command[-1] == str(ISS)
    assert f"/DAppVersion={__version__}" in command
    assert f"/DBundleDir={tmp_path / 'b'}" in command and f"/O{tmp_path}" in command


def iss_sections() -> dict[str, list[str]]:
    """The script's lines by section, comments and preprocessor lines left out."""
    sections: dict[str, list[str]] = {"": []}
    current = ""
    for raw in ISS.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = header.group(1)
            sections.setdefault(current, [])
        else:
            sections[current].append(line)
    return sections


def test_the_installer_installs_for_the_whole_machine() -> None:
    setup = dict(line.split("=", 1) for line in iss_sections()["Setup"])
    assert setup["PrivilegesRequired"] == "admin"
    assert setup["DefaultDirName"].startswith("{autopf}\\")
    assert setup["AppVersion"] == "{#AppVersion}"
    assert setup["OutputBaseFilename"] == "pos-desktop-{#AppVersion}-setup"
    assert re.fullmatch(r"\{\{[0-9A-F-]{36}\}", setup["AppId"])  # fixed: upgrades find it
    assert (ISS.parent / setup["SetupIconFile"].replace("\\", "/")).resolve().is_file()


def test_start_menu_autostart_for_all_users_and_the_data_kept() -> None:
    sections = iss_sections()
    icons = sections["Icons"]
    assert any(line.startswith('Name: "{autoprograms}\\') for line in icons)
    (autostart,) = [line for line in icons if line.startswith('Name: "{commonstartup}\\')]
    assert 'Filename: "{app}\\{#AppExe}"' in autostart and "Tasks: autostart" in autostart
    (task,) = sections["Tasks"]
    assert task.startswith('Name: "autostart"') and "unchecked" not in task  # on by default
    # The uninstaller removes what it installed; nothing removes the users' data.
    assert "UninstallDelete" not in sections
    everything = "\n".join(line for lines in sections.values() for line in lines)
    assert "{localappdata}" not in everything.lower() and "{userappdata}" not in everything
    assert '#define AppExe "pos-desktop.exe"' in ISS.read_text(encoding="utf-8")


@pytest.mark.skipif(shutil.which("iscc") is None, reason="Inno Setup's compiler runs on Windows")
def test_the_script_compiles(tmp_path: Path) -> None:
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "pos-desktop.exe").write_bytes(b"")
    command = build_info().iscc_command(
        str(shutil.which("iscc")), ISS, version=__version__, bundle=bundle, out=tmp_path
    )
    subprocess.run(command, check=True, timeout=300)
    assert (tmp_path / f"pos-desktop-{__version__}-setup.exe").is_file()


def test_pywin32_comes_with_the_till_on_windows_only() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    till = [Requirement(text) for text in project["project"]["optional-dependencies"]["till"]]
    (pywin32,) = [r for r in till if r.name == "pywin32"]
    assert pywin32.marker is not None
    assert pywin32.marker.evaluate({"sys_platform": "win32"})
    assert not pywin32.marker.evaluate({"sys_platform": "linux"})
    assert "pywin32" not in {r.name for r in till if r.marker is None}
