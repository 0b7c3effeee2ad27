"""The install split: a till installs ``pos-desktop[till]`` without the cloud's libraries, a server
``pos-desktop[cloud]`` without Qt, and each command names its extra when it is missing.

The requirement sets are read from the metadata the build backend writes (what pip reads) and
followed through the installed distributions' own metadata, so a dependency that pulled the other
side in indirectly would show. Installing each extra into a fresh venv would need the network;
the import-linter contracts and the import checks below stand in for it.
"""

from __future__ import annotations

import ast
import importlib.metadata
import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import server_stub.__main__ as server_entry
from pos_desktop import cli

ROOT = Path(__file__).resolve().parents[2]
PROJECT = "pos-desktop"

CLOUD_ONLY = {"fastapi", "starlette", "uvicorn", "psycopg", "psycopg-binary", "python-multipart"}
CLOUD_ONLY |= {"fastapi-offline", "pydantic"}
QT = {"pyside6", "pyside6-essentials", "pyside6-addons", "shiboken6"}
TILL_ONLY = QT | {"httpx", "pyserial", "python-escpos", "pyusb", "keyring", "pillow"}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> importlib.metadata.Distribution:
    """The project's metadata as ``setuptools.build_meta`` writes it for a wheel, from a copy of
    the files the build reads (so nothing is written into the work tree)."""
    work = tmp_path_factory.mktemp("metadata")
    for name in ("pyproject.toml", "setup.py", "README.md", "pos_desktop/__init__.py"):
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, work / name)
    shutil.copy2(ROOT / "pos_desktop" / "qm_compiler.py", work / "pos_desktop" / "qm_compiler.py")
    out = work / "out"
    out.mkdir()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from setuptools import build_meta; "
            "print(build_meta.prepare_metadata_for_build_wheel(sys.argv[1]))",
            str(out),
        ],
        cwd=work,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return importlib.metadata.PathDistribution(out / result.stdout.strip().splitlines()[-1])


def wanted(requires: Iterable[str] | None, extras: Iterable[str]) -> list[Requirement]:
    """The requirements that apply here with these extras (environment markers included)."""
    out = []
    for text in requires or ():
        req = Requirement(text)
        if req.marker is None or any(req.marker.evaluate({"extra": e}) for e in (*extras, "")):
            out.append(req)
    return out


def resolve(project: importlib.metadata.Distribution, extras: Iterable[str]) -> set[str]:
    """Every distribution an install of the project with ``extras`` pulls in, found by following
    the requirements through the metadata of the distributions installed here."""
    names: set[str] = set()
    seen: set[tuple[str, frozenset[str]]] = set()
    todo = [(PROJECT, frozenset(extras))]
    while todo:
        name, wanted_extras = todo.pop()
        if (name, wanted_extras) in seen:
            continue
        seen.add((name, wanted_extras))
        names.add(name)
        try:
            dist = project if name == PROJECT else importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # not installed here, so nothing to follow (its own name still counts)
        for req in wanted(dist.requires, wanted_extras):
            todo.append((canonicalize_name(req.name), frozenset(req.extras)))
    return names - {PROJECT}


def extra(project: importlib.metadata.Distribution, name: str) -> set[str]:
    """The distributions one extra names itself (not the base, not what they pull in)."""
    return {
        canonicalize_name(r.name)
        for r in wanted(project.requires, [name])
        if r.marker is not None and r.marker.evaluate({"extra": name})
    }


def test_the_till_installs_without_the_cloud(built: importlib.metadata.Distribution) -> None:
    till = resolve(built, ["till"])
    assert "pyside6-essentials" in till  # the resolution follows the extra at all
    assert not till & CLOUD_ONLY, sorted(till & CLOUD_ONLY)


def test_the_cloud_installs_without_qt(built: importlib.metadata.Distribution) -> None:
    cloud = resolve(built, ["cloud"])
    assert {"fastapi", "uvicorn", "psycopg"} <= cloud
    assert not cloud & TILL_ONLY, sorted(cloud & TILL_ONLY)


def test_the_base_is_only_what_both_sides_use(built: importlib.metadata.Distribution) -> None:
    base = {canonicalize_name(r.name) for r in wanted(built.requires, [])}
    assert base == {"sqlalchemy", "alembic", "platformdirs", "argon2-cffi"}


def test_make_run_and_test_get_both_sides_and_dist_the_till_alone(
    built: importlib.metadata.Distribution,
) -> None:
    assert set(built.metadata.get_all("Provides-Extra") or []) >= {"till", "cloud", "dev", "dist"}
    dev = resolve(built, ["dev"])
    assert {"pyside6-essentials", "fastapi", "pytest", "import-linter"} <= dev
    dist = resolve(built, ["dist"])
    assert {"pyside6-essentials", "pyinstaller"} <= dist
    assert not dist & CLOUD_ONLY, sorted(dist & CLOUD_ONLY)


def test_each_command_checks_its_own_extra_first(built: importlib.metadata.Distribution) -> None:
    scripts = {ep.name: ep.value for ep in built.entry_points if ep.group == "console_scripts"}
    assert scripts == {
        "pos-desktop": "pos_desktop.cli:main",
        "pos-server": "server_stub.__main__:main",
    }


def modules_of(distributions: set[str]) -> dict[str, set[str]]:
    """Each installed distribution's top-level import names."""
    by_dist: dict[str, set[str]] = {d: set() for d in distributions}
    for module, dists in importlib.metadata.packages_distributions().items():
        for dist in dists:
            if canonicalize_name(dist) in by_dist:
                by_dist[canonicalize_name(dist)].add(module)
    return by_dist


@pytest.mark.parametrize(
    ("name", "checked"),
    [("till", cli.TILL_EXTRA_MODULES), ("cloud", server_entry.CLOUD_EXTRA_MODULES)],
)
def test_each_command_checks_every_package_of_its_extra(
    built: importlib.metadata.Distribution, name: str, checked: tuple[str, ...]
) -> None:
    by_dist = modules_of(extra(built, name))
    # Every distribution of the extra is checked by one of its modules, and nothing else is.
    assert {d for d, modules in by_dist.items() if not modules & set(checked)} == set()
    assert set(checked) <= set().union(*by_dist.values())


def test_pos_desktop_names_the_till_extra_when_it_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cli, "TILL_EXTRA_MODULES", ("PySide6", "pos_no_such_module"))
    assert cli.main(["paths"]) == 3
    err = capsys.readouterr().err
    assert "pos_no_such_module" in err and "PySide6" not in err
    assert "pip install 'pos-desktop[till]'" in err
    # --version and --help answer before the check, as before.
    with pytest.raises(SystemExit) as version:
        cli.main(["--version"])
    assert version.value.code == 0


def test_pos_server_names_the_cloud_extra_when_it_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(server_entry, "CLOUD_EXTRA_MODULES", ("fastapi", "pos_no_such_module"))
    assert server_entry.main(["openapi"]) == 1
    err = capsys.readouterr().err
    assert "pos_no_such_module" in err and "fastapi" not in err
    assert "pip install 'pos-desktop[cloud]'" in err


def test_a_module_blocked_in_sys_modules_counts_as_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pos_blocked_module", None)
    assert cli.missing_modules(("pos_blocked_module", "json")) == ["pos_blocked_module"]
    assert server_entry.missing_modules(("pos_blocked_module", "json")) == ["pos_blocked_module"]


# Imports every module of a package (but its migrations, ``__main__`` and the named exceptions)
# with the other side's packages made unimportable, then runs an optional statement.
IMPORT_ALL = """
import importlib, pkgutil, sys
package, blocked, skipped, then = sys.argv[1], set(sys.argv[2].split(",")), sys.argv[3], sys.argv[4]

class Block:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in blocked:
            raise ModuleNotFoundError(f"{name} is blocked", name=name)
        return None

sys.meta_path.insert(0, Block())
root = importlib.import_module(package)
for info in pkgutil.walk_packages(root.__path__, package + "."):
    name = info.name
    if ".migrations" in name or name.endswith(".__main__") or name in skipped.split(","):
        continue
    importlib.import_module(name)
exec(then)
"""


def import_all(package: str, blocked: set[str], skipped: str = "", then: str = "") -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", IMPORT_ALL, package, ",".join(sorted(blocked)), skipped, then],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_every_till_module_imports_without_the_cloud() -> None:
    # The demo runs a cloud beside the till; `make run` installs both sides for it.
    blocked = {"server_stub", "fastapi", "starlette", "pydantic", "uvicorn", "psycopg"}
    then = "from pos_desktop import cli\nassert cli.missing_modules(cli.TILL_EXTRA_MODULES) == []\n"
    import_all("pos_desktop", blocked | {"multipart", "fastapi_offline"}, "pos_desktop.demo", then)


def test_the_cloud_imports_and_builds_its_api_without_the_till_extra() -> None:
    blocked = {"PySide6", "shiboken6", "httpx", "serial", "escpos", "usb", "keyring", "PIL"}
    then = (
        "import server_stub.__main__ as entry\n"
        "assert entry.missing_modules(entry.CLOUD_EXTRA_MODULES) == []\n"
        "from server_stub.openapi_export import export\n"
        "assert export().startswith('{')\n"
    )
    import_all("server_stub", blocked, then=then)


def test_the_till_bundle_leaves_the_cloud_out(built: importlib.metadata.Distribution) -> None:
    spec = ast.parse((ROOT / "pyinstaller.spec").read_text(encoding="utf-8"))
    (cloud,) = (
        node.value
        for node in ast.walk(spec)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id == "CLOUD" for t in node.targets)
    )
    excluded = set(ast.literal_eval(cloud))
    assert "server_stub" in excluded
    for dist, modules in modules_of(extra(built, "cloud") | {"starlette", "pydantic"}).items():
        assert modules <= excluded, (dist, sorted(modules - excluded))
    (analysis,) = (
        node
        for node in ast.walk(spec)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if node.func.id == "Analysis"
    )
    (excludes,) = (k.value for k in analysis.keywords if k.arg == "excludes")
    names = {n.value for n in ast.walk(excludes) if isinstance(n, ast.Constant)}
    assert "pos_desktop.demo" in names
    assert any(isinstance(n, ast.Name) and n.id == "CLOUD" for n in ast.walk(excludes))


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make")
def test_make_dist_installs_the_till_alone_and_leaves_make_run_its_own_install(
    tmp_path: Path,
) -> None:
    venv = tmp_path / "venv"

    def dry_run(target: str) -> list[str]:
        text = subprocess.run(
            ["make", "-n", target, f"VENV={venv}"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        return [line for line in text.splitlines() if "pip install" in line or "lrelease" in line]

    assert dry_run("dist") == [
        f"{venv}/bin/python -m pip install --quiet --upgrade pip",
        f"{venv}/bin/python -m pip install --quiet -e '.[dist]'",
    ]
    # After `make dist` the venv has no cloud, so `make run` still installs both sides.
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "python").touch()
    newest = max((ROOT / f).stat().st_mtime for f in ("pyproject.toml", "setup.py"))
    (venv / ".installed-dist").touch()
    os.utime(venv / ".installed-dist", (newest + 10, newest + 10))
    assert f"{venv}/bin/python -m pip install --quiet -e '.[till,cloud]'" in dry_run("run")
