"""One version number: ``pos_desktop.__version__``, and every place that shows or sends a version
agrees with it (the build's metadata, the command line, the Qt application, the heartbeat, the
cloud's OpenAPI document and its committed copy, the Windows version resource and installer,
the changelog)."""

from __future__ import annotations

import inspect
import json
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import pos_desktop
from pos_desktop import __version__, cli
from pos_desktop.sync.heartbeat import build_heartbeat

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", __version__), __version__


def test_pyproject_takes_the_version_from_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "pos_desktop.__version__"}


def test_the_built_metadata_carries_it(tmp_path: Path) -> None:
    """What pip installs (and the cloud reads through importlib.metadata), built from a copy."""
    for name in ("pyproject.toml", "setup.py", "README.md", "pos_desktop/__init__.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes((ROOT / name).read_bytes())
    compiler = ROOT / "pos_desktop" / "qm_compiler.py"
    (tmp_path / "pos_desktop" / "qm_compiler.py").write_bytes(compiler.read_bytes())
    out = tmp_path / "out"
    out.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta; "
            "print(build_meta.prepare_metadata_for_build_wheel(sys.argv[1]))",
            str(out),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    info = out / result.stdout.strip().splitlines()[-1]
    metadata = (info / "METADATA").read_text(encoding="utf-8")
    assert f"\nVersion: {__version__}\n" in metadata


def test_the_command_line_says_it(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["--version"])
    assert capsys.readouterr().out.strip() == f"pos-desktop {__version__}"


def test_the_qt_application_carries_it() -> None:
    from pos_desktop.app import qt_application

    app, _translator = qt_application("en")
    assert app.applicationVersion() == __version__
    assert not app.windowIcon().isNull()  # pos_desktop/assets/icon.png


def test_the_heartbeat_sends_it() -> None:
    default = inspect.signature(build_heartbeat).parameters["version"].default
    assert default == __version__


def test_the_cloud_document_says_it() -> None:
    from server_stub.api.document import package_version
    from server_stub.openapi_export import export

    # The installed metadata: stale only in a checkout whose install predates a bump (`make`
    # reinstalls when pos_desktop/__init__.py changes).
    assert package_version() == __version__
    assert json.loads(export())["info"]["version"] == __version__
    committed = json.loads((ROOT / "docs" / "openapi.json").read_text(encoding="utf-8"))
    assert committed["info"]["version"] == __version__


def test_the_windows_build_is_made_from_it() -> None:
    spec = (ROOT / "pyinstaller.spec").read_text(encoding="utf-8")
    assert "from pos_desktop import __version__ as VERSION" in spec
    assert "write_version_info(VERSION" in spec and "version=VERSION" in spec
    iss = (ROOT / "packaging" / "windows" / "pos-desktop.iss").read_text(encoding="utf-8")
    assert "AppVersion={#AppVersion}" in iss
    assert re.search(r"^#define AppVersion", iss, re.MULTILINE) is None  # given by the build


def test_the_changelog_starts_at_it() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    releases = re.findall(r"^## \[(\d[^\]]*)\] - \d{4}-\d{2}-\d{2}$", text, re.MULTILINE)
    assert releases and releases[0] == __version__
    assert "## [Unreleased]" in text


def test_the_version_lives_in_one_place_in_the_package() -> None:
    """No second literal: the package's source files name the version only through
    ``__version__`` (a copied literal is how two places drift apart)."""
    literal = re.compile(rf"""["']{re.escape(__version__)}["']""")
    package = Path(pos_desktop.__file__).parent
    holders = [
        path.relative_to(ROOT).as_posix()
        for path in sorted(package.rglob("*.py"))
        if literal.search(path.read_text(encoding="utf-8"))
    ]
    assert holders == ["pos_desktop/__init__.py"]
