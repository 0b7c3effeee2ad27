"""One version number: ``pos_desktop.__version__``, and every place that shows or sends a version
agrees with it (the build's metadata, the command line, the Qt application, the heartbeat, the
cloud's OpenAPI document and its committed copy, the Windows version resource and installer,
the changelog)."""

from __future__ import annotations

import importlib.metadata
import inspect
import json
import re
import tomllib
from pathlib import Path

import pytest

import pos_desktop
from pos_desktop import __version__, cli
from pos_desktop.sync.heartbeat import build_heartbeat
from tests.app.test_install_split import built  # noqa: F401 - the metadata the build writes

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_a_release_number() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?", __version__), __version__


def test_pyproject_takes_the_version_from_the_package() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    dynamic = project["tool"]["setuptools"]["dynamic"]["version"]
    assert dynamic == {"attr": "pos_desktop.__version__"}


def test_the_built_metadata_carries_it(built: importlib.metadata.Distribution) -> None:  # noqa: F811
    """What pip installs (and the cloud reads through importlib.metadata), built from a copy."""
    assert built.version == __version__


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
