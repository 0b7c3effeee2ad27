"""The till's .deb (packaging/deb/build.py, ``make deb``), built from a small fake app folder.

The real app takes minutes to freeze, so a fake folder with both executables stands in for it
(one test uses ``dist/pos-desktop`` when a ``make dist`` left one). The package is installed for
real with dpkg into a scratch root (``--root`` with ``--force-script-chrootless``, which runs the
maintainer scripts on this system with DPKG_ROOT set and works without root), with fakes of
groupadd, usermod, gpasswd and udevadm first on PATH that record how they were called, so the
accounts and udev of this machine are never touched.
"""

from __future__ import annotations

import importlib.util
import itertools
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from pos_desktop import __version__

ROOT = Path(__file__).resolve().parents[2]
APP = "/opt/pos-desktop/versions/0.2.0"
"""Where the package puts the (fake) app folder of version 0.2.0."""
DEB_DIR = ROOT / "packaging" / "deb"
FILES = DEB_DIR / "files"
SCRIPTS = ("postinst", "postrm", "pos-desktop-till-user", "autostart")

pytestmark = pytest.mark.skipif(
    shutil.which("dpkg-deb") is None or shutil.which("dpkg") is None,
    reason="dpkg and dpkg-deb build and install the package (Debian/Ubuntu only)",
)


def load_build() -> ModuleType:
    """packaging/deb/build.py by path: a top-level ``packaging`` would shadow the PyPI library."""
    spec = importlib.util.spec_from_file_location("pos_desktop_deb_build", DEB_DIR / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


build = load_build()


def png(side: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + b"\x20\x60\xa0\xff" * side for _ in range(side))
    header = struct.pack(">IIBBBBB", side, side, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


FAKE_EXE = """#!/bin/sh
echo "{name} {version} $*"
[ -z "${{POS_DESKTOP_INSTALL_ROOT:-}}" ] || echo "install root $POS_DESKTOP_INSTALL_ROOT"
"""


def fake_app(folder: Path, version: str = "0.2.0") -> Path:
    """Both executables (scripts that print their name, version, arguments and the install
    root the launcher named) and an app data file that pip left executable, as PyInstaller
    copies it."""
    internal = folder / "_internal"
    internal.mkdir(parents=True)
    for name in build.EXECUTABLES:
        exe = folder / name
        exe.write_text(FAKE_EXE.format(name=name, version=version), encoding="utf-8")
        exe.chmod(0o755)
    data = internal / "data.dat"
    data.write_text("data\n", encoding="utf-8")
    data.chmod(0o775)
    return folder


def fake_assets(folder: Path) -> Path:
    folder.mkdir(parents=True)
    (folder / "icon.png").write_bytes(png(256))
    (folder / "icon.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16"/>'
        "</svg>\n",
        encoding="utf-8",
    )
    return folder


def control(version: str = "0.2.0") -> object:
    return build.default_control(version, build.MAINTAINER)


@dataclass
class Built:
    deb: Path
    app: Path
    assets: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    base = tmp_path_factory.mktemp("deb")
    app, assets = fake_app(base / "app"), fake_assets(base / "assets")
    return Built(build.build_deb(app, assets, base / "out", control()), app, assets)


@dataclass
class Scratch:
    """A dpkg root with an account database, and the log of the account and udev tools."""

    root: Path
    fakes: Path
    calls: Path

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith("POS_DESKTOP")}
        path = f"{self.fakes}:{env.get('PATH', '')}:/usr/sbin:/sbin"
        fake = {"FAKE_CALLS": str(self.calls), "FAKE_GID": str(TILL_GID)}
        return {**env, "PATH": path, **fake, **extra}

    def dpkg(self, *args: str, **extra: str) -> subprocess.CompletedProcess[str]:
        command = [
            "dpkg",
            f"--root={self.root}",
            "--force-script-chrootless",
            "--force-not-root",
            "--force-depends",
            "--log=/dev/null",
            *args,
        ]
        return subprocess.run(command, env=self.env(**extra), capture_output=True, text=True)

    def recorded(self) -> list[str]:
        """The fake tools' calls, in order."""
        return self.calls.read_text().splitlines() if self.calls.exists() else []


TILL_GID = 999 if os.geteuid() == 0 else os.getgid()
"""The pos-till group's number in a scratch root: one this process may chgrp files to."""

FAKE_TOOL = """#!/bin/sh
echo "$(basename "$0") $*" >> "$FAKE_CALLS"
if [ "$(basename "$0")" = groupadd ] && [ "$1" = --prefix ]; then
    for group; do :; done
    echo "$group:x:$FAKE_GID:" >> "$2/etc/group"
fi
if [ "$(basename "$0")" = udevadm ] && [ "$2" = --ping ]; then
    [ -n "${FAKE_UDEV_RUNNING:-}" ]
fi
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Scratch:
    root = tmp_path / "root"
    for folder in ("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers", "etc"):
        (root / folder).mkdir(parents=True)
    (root / "var/lib/dpkg/status").touch()
    (root / "etc/passwd").write_text(
        "root:x:0:0:root:/root:/bin/bash\nkasir:x:1000:1000::/home/kasir:/bin/bash\n"
    )
    (root / "etc/group").write_text("root:x:0:\nlp:x:7:\ndialout:x:20:\nkasir:x:1000:\n")
    fakes = tmp_path / "fakes"
    fakes.mkdir()
    for tool in ("groupadd", "usermod", "gpasswd", "udevadm", "groupdel", "userdel", "deluser"):
        (fakes / tool).write_text(FAKE_TOOL)
        (fakes / tool).chmod(0o755)
    return Scratch(root, fakes, tmp_path / "calls")


def run(*command: object, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """A command's outcome as text; the caller checks its return code."""
    args = [str(part) for part in command]
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout)


def read_control(deb: Path) -> dict[str, str]:
    text = run("dpkg-deb", "--field", deb).stdout
    fields: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line[0].isspace():
            key, _, value = line.partition(":")
            fields[key] = value.strip()
    return fields


def listing(deb: Path) -> dict[str, tuple[str, str, str]]:
    """Path -> (mode, owner, symlink target) from ``dpkg-deb --contents``."""
    out = run("dpkg-deb", "--contents", deb).stdout
    entries = {}
    for line in out.splitlines():
        mode, owner, _size, _date, _time, name, *rest = line.split()
        entries[name.removeprefix(".")] = (mode, owner, rest[-1] if rest else "")
    return entries


def usermod(root: Path | str, user: str) -> str:
    return f"usermod --prefix {root} --append --groups pos-till,dialout,lp {user}"


# --- versions and refusals --------------------------------------------------------------------


def test_debian_versions_sort_as_the_pep440_versions_do() -> None:
    ordered = (
        "0.2.0.dev1 0.2.0a1.dev2 0.2.0a1 0.2.0b2 0.2.0rc1 0.2.0 0.2.0+g1a2b 0.2.0.post1.dev1"
        " 0.2.0.post1 0.10.0 1!0.1.0"
    ).split()
    debian = [build.debian_version(v) for v in ordered]
    assert debian[:6] == "0.2.0~~dev1 0.2.0~a1~dev2 0.2.0~a1 0.2.0~b2 0.2.0~rc1 0.2.0".split()
    assert debian[-1] == "1:0.1.0"
    for lower, higher in itertools.pairwise(debian):
        compare = subprocess.run(["dpkg", "--compare-versions", lower, "lt", higher])
        assert compare.returncode == 0, f"{lower} should sort before {higher}"
    with pytest.raises(build.BuildError, match="not a normalized PEP 440 version"):
        build.debian_version("v0.2")


def test_an_app_folder_without_the_cli_is_refused_by_name(tmp_path: Path) -> None:
    app = fake_app(tmp_path / "app")
    (app / "pos-desktop-cli").unlink()
    with pytest.raises(build.BuildError, match=r"lacks the executable\(s\) pos-desktop-cli"):
        build.build_deb(app, fake_assets(tmp_path / "assets"), tmp_path / "out", control())
    with pytest.raises(build.BuildError, match="run `make dist` first"):
        build.build_deb(tmp_path / "nowhere", tmp_path / "assets", tmp_path / "out", control())
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())


def test_a_missing_or_odd_icon_is_refused(tmp_path: Path) -> None:
    app, assets = fake_app(tmp_path / "app"), fake_assets(tmp_path / "assets")
    (assets / "icon.svg").unlink()
    with pytest.raises(build.BuildError, match=r"icon is missing: .*icon\.svg"):
        build.build_deb(app, assets, tmp_path / "out", control())
    (assets / "icon.svg").write_text("<svg/>")
    (assets / "icon.png").write_bytes(png(256)[:16] + struct.pack(">II", 256, 128) + b"\0" * 8)
    with pytest.raises(build.BuildError, match="must be square"):
        build.build_deb(app, assets, tmp_path / "out", control())


def test_a_library_the_package_does_not_depend_on_is_refused(tmp_path: Path) -> None:
    if shutil.which("readelf") is None:
        pytest.skip("readelf (binutils) reads the bundle's libraries")
    app, assets = fake_app(tmp_path / "app"), fake_assets(tmp_path / "assets")
    shutil.copy2("/usr/bin/true", app / "_internal" / "helper")  # needs libc6 only
    deb = build.build_deb(app, assets, tmp_path / "out", control(), "gzip")
    assert listing(deb)[f"{APP}/_internal/helper"][0] == "-rwxr-xr-x"  # a program
    shutil.copy2("/usr/bin/dpkg", app / "_internal" / "tool")  # libmd0, libselinux1 too
    with pytest.raises(build.BuildError) as refused:
        build.build_deb(app, assets, tmp_path / "out2", control(), "gzip")
    message = str(refused.value)
    assert "libmd.so.0 (needed by _internal/tool) is in libmd0" in message
    assert "libselinux.so.1 (needed by _internal/tool) is in libselinux1" in message
    assert "add the package to EXTRA_DEPENDS" in message


def test_make_deb_builds_from_the_dist_folder(tmp_path: Path) -> None:
    result = run(sys.executable, DEB_DIR / "build.py", "--app", tmp_path, "--out", tmp_path)
    assert result.returncode == 1  # an empty app folder
    assert "make deb: " in result.stderr and "lacks the executable(s)" in result.stderr
    dry = subprocess.run(["make", "-n", "deb"], cwd=ROOT, capture_output=True, text=True)
    assert dry.returncode == 0, dry.stderr
    assert "pyinstaller" in dry.stdout  # through `dist`
    assert "packaging/deb/build.py --app dist/pos-desktop --out dist" in dry.stdout


# --- the package ------------------------------------------------------------------------------


def test_control_fields(built: Built) -> None:
    fields = read_control(built.deb)
    arch = subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True)
    assert fields["Package"] == "pos-desktop"
    assert fields["Version"] == "0.2.0"
    assert fields["Architecture"] == arch.stdout.strip()
    assert built.deb.name == f"pos-desktop_0.2.0_{arch.stdout.strip()}.deb"
    depends = [d.strip() for d in fields["Depends"].split(",")]
    assert depends[0].startswith("libc6 (>= ")
    for needed in ("passwd", "libxcb-cursor0", "libxkbcommon-x11-0", "libegl1", "libusb-1.0-0"):
        assert needed in depends
    assert int(fields["Installed-Size"]) > 0
    conffiles = run("dpkg-deb", "--info", built.deb, "conffiles").stdout
    assert conffiles.split() == ["/etc/xdg/autostart/pos-desktop.desktop"]


def test_files_owners_and_modes(built: Built) -> None:
    entries = listing(built.deb)
    assert {owner for _mode, owner, _target in entries.values()} == {"root/root"}
    expected = {
        "/opt/pos-desktop/pos-desktop": "-rwxr-xr-x",  # the launchers
        "/opt/pos-desktop/pos-desktop-cli": "-rwxr-xr-x",
        f"{APP}/pos-desktop": "-rwxr-xr-x",
        f"{APP}/pos-desktop-cli": "-rwxr-xr-x",
        f"{APP}/_internal/data.dat": "-rw-r--r--",  # was 0775 in the app folder
        "/usr/sbin/pos-desktop-till-user": "-rwxr-xr-x",
        "/usr/libexec/pos-desktop/autostart": "-rwxr-xr-x",
        "/usr/share/applications/pos-desktop.desktop": "-rw-r--r--",
        "/etc/xdg/autostart/pos-desktop.desktop": "-rw-r--r--",
        "/usr/lib/udev/rules.d/99-pos-desktop.rules": "-rw-r--r--",
        "/usr/share/icons/hicolor/256x256/apps/pos-desktop.png": "-rw-r--r--",
        "/usr/share/icons/hicolor/scalable/apps/pos-desktop.svg": "-rw-r--r--",
        "/usr/share/doc/pos-desktop/copyright": "-rw-r--r--",
        "/usr/share/doc/pos-desktop/changelog.gz": "-rw-r--r--",
        "/usr/share/man/man8/pos-desktop-till-user.8.gz": "-rw-r--r--",
    }
    for path, mode in expected.items():
        assert entries[path][0] == mode, path
    for name in ("pos-desktop", "pos-desktop-cli"):
        assert entries[f"/usr/bin/{name}"][2] == f"/opt/pos-desktop/{name}"
    folders = [mode for path, (mode, _o, _t) in entries.items() if path.endswith("/")]
    assert set(folders) == {"drwxr-xr-x"}


def test_desktop_entries(built: Built, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(built.deb), str(tmp_path)], check=True)
    menu = tmp_path / "usr/share/applications/pos-desktop.desktop"
    autostart = tmp_path / "etc/xdg/autostart/pos-desktop.desktop"
    entries = {}
    for entry in (menu, autostart):
        if shutil.which("desktop-file-validate"):
            check = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True)
            assert check.returncode == 0 and not check.stdout, check.stdout
        lines = entry.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "[Desktop Entry]"
        entries[entry] = dict(line.split("=", 1) for line in lines[1:])
        assert entries[entry]["Icon"] == "pos-desktop"
    assert entries[menu]["Exec"] == "pos-desktop" and entries[menu]["Name[id]"] == "Kasir POS"
    assert "Finance" in entries[menu]["Categories"].split(";")
    assert entries[autostart]["Exec"] == "/usr/libexec/pos-desktop/autostart"


def test_the_udev_rules_are_the_projects(built: Built, tmp_path: Path) -> None:
    subprocess.run(["dpkg-deb", "-x", str(built.deb), str(tmp_path)], check=True)
    shipped = tmp_path / "usr/lib/udev/rules.d/99-pos-desktop.rules"
    assert shipped.read_bytes() == (ROOT / "packaging/udev/99-pos-desktop.rules").read_bytes()
    assert not (tmp_path / "lib").exists()  # merged /usr: nothing in the aliased /lib


def test_maintainer_scripts_are_valid_posix_shell() -> None:
    for name in SCRIPTS:
        assert subprocess.run(["sh", "-n", str(FILES / name)]).returncode == 0, name
    if shutil.which("shellcheck") is None:
        pytest.skip("shellcheck is not installed (apt-get install shellcheck)")
    check = run("shellcheck", "--shell=sh", *(FILES / name for name in SCRIPTS))
    assert check.returncode == 0, check.stdout


@pytest.fixture
def installed(built: Built, scratch: Scratch) -> Iterator[Scratch]:
    result = scratch.dpkg("-i", str(built.deb), POS_DESKTOP_TILL_USERS="kasir")
    assert result.returncode == 0, result.stderr
    yield scratch


# --- installed into a scratch root ------------------------------------------------------------


def test_install_puts_the_till_in_place_and_adds_the_till_account(installed: Scratch) -> None:
    root = installed.root
    assert run(root / "opt/pos-desktop/pos-desktop-cli", "--version").stdout == (
        f"pos-desktop-cli 0.2.0 --version\ninstall root {root}/opt/pos-desktop\n"
    )  # through the launcher, which names the install root
    assert os.readlink(root / "usr/bin/pos-desktop") == "/opt/pos-desktop/pos-desktop"
    assert (root / "usr/lib/udev/rules.d/99-pos-desktop.rules").is_file()
    assert installed.recorded() == [
        f"groupadd --prefix {root} --system pos-till",
        usermod(root, "kasir"),
    ]  # and no udevadm: DPKG_ROOT is another system's root
    assert 'TILL_USERS="kasir"' in (root / "etc/default/pos-desktop").read_text().splitlines()
    status = run("dpkg-query", f"--root={root}", "-W", "-f=${Status} ${Version}", "pos-desktop")
    assert status.stdout == "install ok installed 0.2.0"
    verify = installed.dpkg("--verify", "pos-desktop")
    assert verify.returncode == 0 and not verify.stdout, verify.stdout  # md5sums match


def test_an_account_that_does_not_exist_yet_is_a_warning(built: Built, scratch: Scratch) -> None:
    result = scratch.dpkg("-i", str(built.deb), POS_DESKTOP_TILL_USERS="kasir ghost")
    assert result.returncode == 0, result.stderr
    assert "TILL_USERS names 'ghost' but there is no such account" in result.stderr
    assert "sudo pos-desktop-till-user add ghost" in result.stderr
    usermods = [call for call in scratch.recorded() if call.startswith("usermod")]
    assert usermods == [
        f"usermod --prefix {scratch.root} --append --groups pos-till,dialout,lp kasir"
    ]


def test_remove_keeps_the_data_and_purge_removes_only_config(installed: Scratch) -> None:
    root = installed.root
    data = root / "home/kasir/.local/share/pos-desktop/till.db"
    data.parent.mkdir(parents=True)
    data.write_bytes(b"sales")
    removed = installed.dpkg("-r", "pos-desktop")
    assert removed.returncode == 0, removed.stderr
    assert not (root / "opt/pos-desktop/pos-desktop").exists()
    assert not (root / "opt/pos-desktop/versions/0.2.0").exists()
    assert (root / "opt/pos-desktop/state").is_dir()  # the updater's, kept until purge
    assert not (root / "usr/bin/pos-desktop").exists()
    assert not (root / "usr/lib/udev/rules.d/99-pos-desktop.rules").exists()
    assert (root / "etc/xdg/autostart/pos-desktop.desktop").exists()  # a conffile until purge
    assert (root / "etc/default/pos-desktop").exists()
    purged = installed.dpkg("-P", "pos-desktop")
    assert purged.returncode == 0, purged.stderr
    assert not (root / "etc/xdg/autostart/pos-desktop.desktop").exists()
    assert not (root / "etc/default/pos-desktop").exists()
    assert not (root / "opt/pos-desktop").exists()
    assert data.read_bytes() == b"sales"
    tools = {call.split()[0] for call in installed.recorded()}
    assert tools == {"groupadd", "usermod"}  # no account or group is deleted, no udevadm


def test_upgrade_keeps_the_accounts_and_an_edited_autostart(
    built: Built, installed: Scratch, tmp_path: Path
) -> None:
    root = installed.root
    autostart = root / "etc/xdg/autostart/pos-desktop.desktop"
    autostart.write_text(autostart.read_text() + "Hidden=true\n")
    newer = build.build_deb(built.app, built.assets, tmp_path / "out", control("0.2.1"))
    upgraded = installed.dpkg("-i", str(newer))
    assert upgraded.returncode == 0, upgraded.stderr
    assert autostart.read_text().endswith("Hidden=true\n")
    assert 'TILL_USERS="kasir"' in (root / "etc/default/pos-desktop").read_text()
    # added again from the recorded list
    assert installed.recorded().count(usermod(root, "kasir")) == 2


# --- the scripts on their own -----------------------------------------------------------------


def script_copy(name: str, tmp_path: Path, **paths: str) -> Path:
    """A copy of a packaged script with its absolute paths pointed at fakes."""
    text = (FILES / name).read_text()
    for old, new in paths.items():
        assert old in text
        text = text.replace(old, new)
    copy = tmp_path / name
    copy.write_text(text)
    copy.chmod(0o755)
    return copy


def run_tool(scratch: Scratch, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    tool = FILES / "pos-desktop-till-user"
    return subprocess.run([tool, *args], env=scratch.env(**env), capture_output=True, text=True)


def test_till_user_tool_adds_records_and_refuses_clearly(scratch: Scratch) -> None:
    root = str(scratch.root)
    missing = run_tool(scratch, "add", "ghost", DPKG_ROOT=root)
    assert missing.returncode == 1
    assert "there is no account 'ghost': create it first (sudo adduser ghost)" in missing.stderr
    bad = run_tool(scratch, "add", "kasir;rm", DPKG_ROOT=root)
    assert bad.returncode == 1 and "not an account name: 'kasir;rm'" in bad.stderr
    assert scratch.recorded() == []
    (scratch.root / "etc/group").write_text("pos-till:x:999:\n", encoding="utf-8")
    added = run_tool(scratch, "add", "kasir", DPKG_ROOT=root)
    assert added.returncode == 0, added.stderr
    assert "log out and in again" in added.stdout
    assert scratch.recorded() == [
        f"usermod --prefix {root} --append --groups pos-till,dialout,lp kasir"
    ]
    again = run_tool(scratch, "add", "kasir", DPKG_ROOT=root)
    assert again.returncode == 0
    assert 'TILL_USERS="kasir"' in (scratch.root / "etc/default/pos-desktop").read_text()
    listed = run_tool(scratch, "list", DPKG_ROOT=root)
    assert "recorded in /etc/default/pos-desktop: kasir" in listed.stdout
    remove = run_tool(scratch, "remove", "kasir", DPKG_ROOT=root)
    assert remove.returncode == 1 and "running system only" in remove.stderr
    usage = run_tool(scratch, "frobnicate")
    assert usage.returncode == 2 and "usage: pos-desktop-till-user add USER" in usage.stderr


def test_till_user_tool_asks_for_root(scratch: Scratch) -> None:
    (scratch.fakes / "id").write_text('#!/bin/sh\n[ "$1" = -u ] && echo 1000\n')
    (scratch.fakes / "id").chmod(0o755)
    result = run_tool(scratch, "add", "kasir")
    assert result.returncode == 1
    assert "changing accounts needs root: sudo pos-desktop-till-user add kasir" in result.stderr


@pytest.mark.parametrize(
    ("groups", "starts"), [("kasir dialout pos-till lp", True), ("owner sudo dialout", False)]
)
def test_autostart_opens_the_till_only_for_till_accounts(
    tmp_path: Path, groups: str, starts: bool
) -> None:
    till = tmp_path / "till"
    till.write_text('#!/bin/sh\necho "till started $*" > "$(dirname "$0")/started"\n')
    till.chmod(0o755)
    fakes = tmp_path / "fakes"
    fakes.mkdir()
    (fakes / "id").write_text(
        '#!/bin/sh\ncase "$1" in -un) echo someone ;;'
        f' -nG) [ "$2" = someone ] && echo "{groups}" ;; esac\n'
    )
    (fakes / "id").chmod(0o755)
    wrapper = script_copy("autostart", tmp_path, **{"/usr/bin/pos-desktop": str(till)})
    env = {**os.environ, "PATH": f"{fakes}:{os.environ['PATH']}"}
    result = subprocess.run([wrapper], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "started").exists() is starts


# --- lintian and the real app -----------------------------------------------------------------


def overridden_tags() -> list[str]:
    """The tags of packaging/deb/files/lintian-overrides, each after a comment saying why."""
    tags, justified = [], False
    for line in (FILES / "lintian-overrides").read_text().splitlines():
        if line.startswith("#"):
            justified = True
        elif line.strip():
            assert justified, f"lintian override without a reason above it: {line}"
            tags.append(line.split()[1])
        else:
            justified = False
    return tags


def lintian(deb: Path, timeout: float) -> subprocess.CompletedProcess[str]:
    if shutil.which("lintian") is None:
        pytest.skip("lintian is not installed (apt-get install --no-install-recommends lintian)")
    options = ["--display-level", ">=pedantic", "--tag-display-limit", "0", "--show-overrides"]
    return run("lintian", *options, deb, timeout=timeout)


def assert_lintian_clean(deb: Path, every_override_used: bool, timeout: float = 240) -> set[str]:
    """No tag at any level but the overridden ones; returns those lintian found and overrode.

    The overrides are for the real bundle's Python and Qt: a stand-in app leaves most unused.
    """
    result = lintian(deb, timeout)
    lines = [line for line in result.stdout.splitlines() if line[:2] in {"E:", "W:", "I:", "P:"}]
    if not every_override_used:
        lines = [line for line in lines if not line.startswith("I: pos-desktop: unused-override ")]
    assert not lines, "\n".join(lines)  # overridden tags are shown as O:, the rest must be none
    used = {line.split()[2] for line in result.stdout.splitlines() if line.startswith("O:")}
    assert used <= set(overridden_tags())
    return used


def test_lintian_finds_nothing_but_the_documented_overrides(built: Built) -> None:
    assert overridden_tags()
    assert assert_lintian_clean(built.deb, every_override_used=False) == {"dir-or-file-in-opt"}


def real_app() -> Path:
    """dist/pos-desktop, or the frozen app folder named by POS_DEB_TEST_APP (a build elsewhere)."""
    app = Path(os.environ.get("POS_DEB_TEST_APP", ROOT / "dist" / "pos-desktop"))
    if not all((app / name).is_file() for name in build.EXECUTABLES):
        pytest.skip(f"no {app} with both executables: run `make dist` first")
    return app


@pytest.mark.timeout(3600)
def test_the_real_app_installs_runs_and_lints_clean(scratch: Scratch, tmp_path: Path) -> None:
    app = real_app()
    own = build.default_control(None, build.MAINTAINER)  # pos_desktop.__version__
    deb = build.build_deb(app, build.DEFAULT_ASSETS, tmp_path / "out", own, "gzip")
    installed = scratch.dpkg("-i", str(deb))
    assert installed.returncode == 0, installed.stderr
    link = tmp_path / "pos-desktop-cli"  # as /usr/bin's link to /opt, which PyInstaller follows
    link.symlink_to(scratch.root / "opt/pos-desktop/pos-desktop-cli")
    started = run(link, "--version")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().endswith(f" {__version__}")
    # lintian reads every one of the bundle's 250 MB: minutes on a busy machine
    used = assert_lintian_clean(deb, every_override_used=True, timeout=2400)
    assert used == set(overridden_tags())
