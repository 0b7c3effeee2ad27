"""Build the till's Debian package from the one-folder app: ``make deb``.

``make dist`` leaves the frozen till in ``dist/pos-desktop/`` (``pos-desktop`` for the window,
``pos-desktop-cli`` for a terminal). This script stages the tree a store PC gets and hands it to
``dpkg-deb --root-owner-group --build`` (no fakeroot, no debian/ source package: the app is built
already, so debhelper would have nothing to compile). What goes where, and why:

- ``/opt/pos-desktop/``: the install folder of signed updates (``pos_desktop/updates/layout.py``).
  The app folder as PyInstaller made it is ``versions/<version>/``; ``pos-desktop`` is the
  launcher that starts ``current`` and rolls a failed update back, and ``pos-desktop-cli`` runs
  the current version's command line: both written here by the code ``pos-desktop-cli update
  install-launcher`` runs. The postinst points ``current`` at the packaged version (unless the
  till updated itself past it) and gives the folder to the ``pos-till`` group, so that the till's
  update task can unpack newer releases beside it, outside dpkg's file list. A vendor's
  self-contained bundle belongs in /opt (FHS), away from the distribution's own Python and Qt.
- ``/etc/pos-desktop/``: ``trusted-root.json`` (the release repository's root, ``--trusted-root``;
  without it updates are off until store IT puts it there) and the optional ``updates.json``,
  which the install folder's links of the same names point at.
- ``/usr/bin/pos-desktop`` and ``pos-desktop-cli``: symlinks to the two launchers, on PATH.
- ``/usr/share/applications/pos-desktop.desktop`` and the icon in the hicolor theme: the menu.
- ``/etc/xdg/autostart/pos-desktop.desktop``: runs ``/usr/libexec/pos-desktop/autostart`` in every
  graphical session; that opens the till only for members of the ``pos-till`` group, so the owner's
  or store IT's account on the same PC logs in to a plain desktop.
- ``/usr/sbin/pos-desktop-till-user``: store IT names the till accounts (``add kasir``): pos-till,
  dialout (serial scanners, scales) and lp (USB printers), recorded in /etc/default/pos-desktop so
  the postinst adds them again on every upgrade.
- ``/usr/lib/udev/rules.d/99-pos-desktop.rules``: packaging/udev's rules (/usr/lib, not /lib: on
  merged-/usr systems files must not be shipped in the aliased /lib).

The maintainer scripts and data files are in ``files/`` next to this script, so they can be read,
shellchecked and tested on their own; this script only fills in the control data.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import logging
import os
import re
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
FILES = HERE / "files"
PROJECT = HERE.parents[1]
UDEV_RULES = PROJECT / "packaging" / "udev" / "99-pos-desktop.rules"
DEFAULT_ASSETS = PROJECT / "pos_desktop" / "assets"

PACKAGE = "pos-desktop"
APP_DIR = Path("opt/pos-desktop")
CONFIG_DIR = "/etc/pos-desktop"
TRUSTED_ROOT = f"{CONFIG_DIR}/trusted-root.json"
LINKED_CONFIG = ("trusted-root.json", "updates.json")
"""What the updater reads in its install folder, linked to ``CONFIG_DIR``: store IT's files."""
EXECUTABLES = ("pos-desktop", "pos-desktop-cli")
MAINTAINER = "pos-desktop vendor <support@pos-desktop.example.com>"
HOMEPAGE = "https://pos-desktop.example.com/"

EXTRA_DEPENDS = (
    "passwd",
    "libusb-1.0-0",
    "libdrm2",
    "libwayland-client0",
    "libwayland-cursor0",
    "libwayland-egl1",
)
"""Beyond Qt's X11 libraries: ``passwd`` for groupadd/usermod in the maintainer scripts; libusb,
which pyusb loads by name for raw USB receipt printers (no binary names it); and the graphics
libraries PyInstaller leaves to the system on purpose (libdrm, Wayland's), which Qt's Wayland
plugin needs. :func:`check_depends` proves the list complete against the bundle at every build."""

NEEDED = re.compile(r"\(NEEDED\)\s+Shared library: \[(?P<soname>[^\]]+)\]")
LDCONFIG_ENTRY = re.compile(r"^\s*(?P<soname>\S+) \((?P<flags>[^)]*)\) => (?P<path>\S+)$", re.M)

CONFFILES = ("/etc/xdg/autostart/pos-desktop.desktop",)
"""Files under /etc that dpkg keeps when store IT edited them (e.g. ``Hidden=true`` to stop the
autostart on this PC). /etc/default/pos-desktop is not one: the till-user tool writes it, and
policy forbids maintainer scripts to edit conffiles."""

PEP440 = re.compile(
    r"^(?:(?P<epoch>\d+)!)?(?P<release>\d+(?:\.\d+)*)"
    r"(?:(?P<pre>a|b|rc)(?P<pre_n>\d+))?(?:\.post(?P<post>\d+))?(?:\.dev(?P<dev>\d+))?"
    r"(?:\+(?P<local>[a-z0-9]+(?:\.[a-z0-9]+)*))?$"
)


class BuildError(Exception):
    """Something the package cannot be built without; the message says what and how to fix it."""


@dataclass(frozen=True, slots=True)
class Icons:
    svg: Path
    png: Path
    png_size: int


@dataclass(frozen=True, slots=True)
class Control:
    version: str
    architecture: str
    maintainer: str
    depends: tuple[str, ...]
    app_version: str
    """The PEP 440 version: the name of the app's folder under ``versions/``, as the updater
    names the releases it unpacks."""


def debian_version(version: str) -> str:
    """The Debian form of a normalized PEP 440 version, sorting the same way under dpkg.

    Pre-releases and dev builds must sort before their release, which ``~`` does in Debian
    versions; a dev build of a release sorts before its alphas too, so it takes ``~~``.
    """
    match = PEP440.match(version)
    if match is None:
        raise BuildError(f"version {version!r} is not a normalized PEP 440 version (e.g. 1.2.0rc1)")
    parts = match.groupdict()
    out = f"{parts['epoch']}:" if parts["epoch"] else ""
    out += parts["release"]
    if parts["pre"]:
        out += f"~{parts['pre']}{parts['pre_n']}"
    if parts["post"]:
        out += f".post{parts['post']}"
    if parts["dev"]:
        plain_release = not parts["pre"] and not parts["post"]
        out += f"{'~~' if plain_release else '~'}dev{parts['dev']}"
    if parts["local"]:
        out += f"+{parts['local']}"
    return out


def qt_depends() -> tuple[str, ...]:
    """The X11/GL libraries Qt's xcb platform needs, from the table the till checks at start."""
    sys.path.insert(0, str(PROJECT))
    from pos_desktop.qt_preflight import APT_PACKAGES

    return tuple(sorted(set(APT_PACKAGES.values())))


def libc_depends() -> str:
    """``libc6 (>= build machine's glibc)``: the bundle's binaries were linked here."""
    try:
        found = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", "libc6"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BuildError(f"cannot read this machine's libc6 version (dpkg-query): {exc}") from exc
    upstream = found.split(":")[-1].split("-")[0]
    return f"libc6 (>= {upstream})"


def architecture() -> str:
    try:
        return subprocess.run(
            ["dpkg", "--print-architecture"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError) as exc:
        raise BuildError(f"dpkg --print-architecture failed: {exc}") from exc


def check_app(app: Path) -> None:
    """The app folder must hold both executables; name what is missing and how to build it."""
    if not app.is_dir():
        raise BuildError(f"no app folder at {app}: run `make dist` first")
    missing = [name for name in EXECUTABLES if not os.access(app / name, os.X_OK)]
    if missing:
        raise BuildError(
            f"{app} lacks the executable(s) {', '.join(missing)}: the package needs "
            f"{' and '.join(EXECUTABLES)} (rebuild with `make dist`)"
        )


def elf_files(app: Path) -> list[Path]:
    found = []
    for path in sorted(app.rglob("*")):
        if path.is_file() and not path.is_symlink():
            with path.open("rb") as handle:
                if handle.read(4) == b"\x7fELF":
                    found.append(path)
    return found


def unbundled_libraries(app: Path) -> dict[str, Path]:
    """Each shared library a binary of the bundle needs and the bundle lacks, with one binary
    that needs it: what the till PC must provide."""
    if shutil.which("readelf") is None:
        raise BuildError(
            "readelf is not installed (apt-get install binutils; PyInstaller needs it)"
        )
    elves = elf_files(app)
    bundled = {path.name for path in app.rglob("*")}
    wanted: dict[str, Path] = {}
    for path in elves:
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True)
        for match in NEEDED.finditer(dynamic.stdout):
            if match["soname"] not in bundled:
                wanted.setdefault(match["soname"], path)
    return wanted


def system_packages(sonames: set[str]) -> dict[str, str]:
    """The Debian package of each soname on this machine (``ldconfig -p``, then ``dpkg -S``)."""
    cache = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    paths = {
        m["soname"]: m["path"] for m in LDCONFIG_ENTRY.finditer(cache) if "x32" not in m["flags"]
    }
    found = {}
    for soname in sorted(sonames & paths.keys()):
        real = Path(paths[soname])
        candidates = {str(real), str(real.resolve())}
        candidates |= {c.removeprefix("/usr") for c in candidates if c.startswith("/usr/")}
        candidates |= {f"/usr{c}" for c in candidates if not c.startswith("/usr/")}
        for candidate in sorted(candidates):
            owner = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True)
            if owner.returncode == 0:
                found[soname] = owner.stdout.split(":", 1)[0].split(",")[0].strip()
                break
    return found


def check_depends(app: Path, depends: tuple[str, ...]) -> None:
    """Every library the bundle needs from the system comes from a package in Depends, so a
    fresh install cannot start a till that dies for want of one."""
    wanted = unbundled_libraries(app)
    owners = system_packages(set(wanted))
    named = {entry.split()[0] for entry in depends}
    problems = []
    for soname, user in sorted(wanted.items()):
        package = owners.get(soname)
        if package is None:
            problems.append(f"{soname} (needed by {user.relative_to(app)}) is on no package here")
        elif package not in named:
            problems.append(f"{soname} (needed by {user.relative_to(app)}) is in {package}")
    if problems:
        raise BuildError(
            "the bundle needs libraries the package does not depend on: "
            + "; ".join(problems)
            + " (add the package to EXTRA_DEPENDS in packaging/deb/build.py)"
        )


def png_size(path: Path) -> int:
    """The side of a square PNG, read from its IHDR chunk (hicolor files icons by size)."""
    head = path.read_bytes()[:24]
    if len(head) < 24 or head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        raise BuildError(f"{path} is not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    if width != height:
        raise BuildError(f"{path} is {width}x{height}: an application icon must be square")
    return int(width)


def find_icons(assets: Path) -> Icons:
    svg, png = assets / "icon.svg", assets / "icon.png"
    missing = [str(p) for p in (svg, png) if not p.is_file()]
    if missing:
        raise BuildError(f"the till's icon is missing: {', '.join(missing)}")
    return Icons(svg, png, png_size(png))


def is_program(path: Path) -> bool:
    """An ELF executable or a script: the files that keep their executable bit.

    Shared objects (``.so``) lose it: they are loaded, never run, and lintian flags executable
    data files; PyInstaller copies whatever mode pip gave a file.
    """
    with path.open("rb") as handle:
        head = handle.read(18)
    if head.startswith(b"#!"):
        return True
    if not head.startswith(b"\x7fELF") or len(head) < 18:
        return False
    little = head[5] == 1
    (e_type,) = struct.unpack("<H" if little else ">H", head[16:18])
    # ET_EXEC, or ET_DYN without a .so name (position-independent executables).
    return e_type == 2 or (e_type == 3 and ".so" not in path.name)


def normalise_modes(tree: Path) -> None:
    """0755 for folders and programs, 0644 for everything else; the owner is set by dpkg-deb."""
    for folder, dirnames, filenames in os.walk(tree):
        base = Path(folder)
        base.chmod(0o755)
        for name in filenames:
            path = base / name
            if path.is_symlink():
                continue
            executable = path.stat().st_mode & 0o111 and is_program(path)
            path.chmod(0o755 if executable else 0o644)
        for name in dirnames:
            (base / name).chmod(0o755)


def install(source: Path, tree: Path, target: str, mode: int = 0o644) -> Path:
    dest = tree / target.lstrip("/")
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)
    dest.chmod(mode)
    return dest


def gzip_file(source: Path, tree: Path, target: str) -> None:
    """gzip -9n: no name and no time in the header, so rebuilds give the same bytes."""
    dest = tree / target.lstrip("/")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("wb") as raw, gzip.GzipFile("", "wb", 9, raw, mtime=0) as out:
        out.write(source.read_bytes())
    dest.chmod(0o644)


def changelog(control: Control, when: float) -> str:
    return (
        f"{PACKAGE} ({control.version}) stable; urgency=medium\n\n"
        f"  * Release {control.version} of the till.\n\n"
        f" -- {control.maintainer}  {formatdate(when, usegmt=False)}\n"
    )


def stage_files(tree: Path, icons: Icons, control: Control, when: float) -> None:
    """Everything beside the app: menu, autostart, tools, udev rules, icons, docs."""
    install(FILES / "pos-desktop.desktop", tree, "/usr/share/applications/pos-desktop.desktop")
    install(FILES / "pos-desktop-autostart.desktop", tree, CONFFILES[0])
    install(FILES / "autostart", tree, "/usr/libexec/pos-desktop/autostart", 0o755)
    install(FILES / "pos-desktop-till-user", tree, "/usr/sbin/pos-desktop-till-user", 0o755)
    install(UDEV_RULES, tree, "/usr/lib/udev/rules.d/99-pos-desktop.rules")
    hicolor = "/usr/share/icons/hicolor"
    install(icons.svg, tree, f"{hicolor}/scalable/apps/pos-desktop.svg")
    size = icons.png_size
    install(icons.png, tree, f"{hicolor}/{size}x{size}/apps/pos-desktop.png")
    doc = f"/usr/share/doc/{PACKAGE}"
    install(FILES / "copyright", tree, f"{doc}/copyright")
    with tempfile.TemporaryDirectory() as scratch:
        entry = Path(scratch) / "changelog"
        entry.write_text(changelog(control, when), encoding="utf-8")
        gzip_file(entry, tree, f"{doc}/changelog.gz")
    for page, section in (("pos-desktop", 1), ("pos-desktop-cli", 1), ("pos-desktop-till-user", 8)):
        gzip_file(
            FILES / f"{page}.{section}", tree, f"/usr/share/man/man{section}/{page}.{section}.gz"
        )
    install(FILES / "lintian-overrides", tree, f"/usr/share/lintian/overrides/{PACKAGE}")
    for name in EXECUTABLES:
        link = tree / "usr/bin" / name
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(f"/{APP_DIR}/{name}")


def installed_size_kib(tree: Path) -> int:
    """Installed-Size as dpkg-gencontrol counts it: each file's KiB rounded up, 1 per entry."""
    total = 0
    for path in tree.rglob("*"):
        if path.relative_to(tree).parts[0] == "DEBIAN":
            continue
        size = path.lstat().st_size if stat.S_ISREG(path.lstat().st_mode) else 0
        total += max(1, -(-size // 1024))
    return total


def conffiles(tree: Path) -> tuple[str, ...]:
    """CONFFILES, and the trusted root when this build ships one."""
    shipped = (TRUSTED_ROOT,) if (tree / TRUSTED_ROOT.lstrip("/")).is_file() else ()
    return (*CONFFILES, *shipped)


def md5sums(tree: Path) -> str:
    lines = []
    config = conffiles(tree)
    for path in sorted(tree.rglob("*")):
        relative = path.relative_to(tree)
        if relative.parts[0] == "DEBIAN" or path.is_symlink() or not path.is_file():
            continue
        if f"/{relative}" in config:  # dpkg records conffiles' sums itself
            continue
        lines.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative}\n")  # noqa: S324
    return "".join(lines)


def control_text(control: Control, installed_kib: int) -> str:
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {control.version}\n"
        f"Architecture: {control.architecture}\n"
        f"Maintainer: {control.maintainer}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {', '.join(control.depends)}\n"
        "Section: misc\n"
        "Priority: optional\n"
        f"Homepage: {HOMEPAGE}\n"
        "Description: offline-first point of sale till for Indonesian retail\n"
        " The till (kasir) sells, takes payments and prints receipts with or without a\n"
        " connection, and syncs sales, stock and staff with the store's cloud.\n"
        " .\n"
        " The application is installed in /opt/pos-desktop with its own Python and Qt. It\n"
        " starts at login for the accounts named with pos-desktop-till-user, which may\n"
        " use the till's serial scanners and scales (dialout) and USB printers (lp).\n"
        " With the release repository's root in /etc/pos-desktop it installs signed\n"
        " updates between shifts and goes back by itself when one does not start.\n"
    )


def stage_control(tree: Path, control: Control) -> None:
    debian = tree / "DEBIAN"
    debian.mkdir(mode=0o755)
    install(FILES / "postrm", tree, "/DEBIAN/postrm", 0o755)
    postinst = (FILES / "postinst").read_text(encoding="utf-8")
    postinst = postinst.replace("@APP_VERSION@", control.app_version)
    (debian / "postinst").write_text(postinst.replace("@DEB_VERSION@", control.version), "utf-8")
    (debian / "postinst").chmod(0o755)
    (debian / "conffiles").write_text("".join(f"{name}\n" for name in conffiles(tree)), "utf-8")
    (debian / "md5sums").write_text(md5sums(tree), encoding="utf-8")
    (debian / "control").write_text(control_text(control, installed_size_kib(tree)), "utf-8")
    for name in ("conffiles", "md5sums", "control"):
        (debian / name).chmod(0o644)


def check_trusted_root(path: Path) -> None:
    """A TUF root (``metadata/root.json`` of ``pos-server release init-repo``), or a refusal:
    a wrong file here would leave every till refusing every update."""
    try:
        kind = json.loads(path.read_text(encoding="utf-8"))["signed"]["_type"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"--trusted-root {path}: not readable as TUF metadata ({exc})") from exc
    if kind != "root":
        raise BuildError(
            f"--trusted-root {path} is {kind!r} metadata; it must be the repository's root.json "
            "(metadata/root.json of `pos-server release init-repo`)"
        )


def stage_app(app: Path, control: Control, tree: Path, trusted_root: Path | None) -> None:
    """The install folder of updates: the launchers, ``versions/<version>/``, config links."""
    sys.path.insert(0, str(PROJECT))
    from pos_desktop.updates.launcher import write_launcher

    folder = tree / APP_DIR
    write_launcher(folder)  # what `pos-desktop-cli update install-launcher` writes
    shutil.copytree(app, folder / "versions" / control.app_version, symlinks=True)
    for name in LINKED_CONFIG:
        (folder / name).symlink_to(f"{CONFIG_DIR}/{name}")
    if trusted_root is not None:
        install(trusted_root, tree, TRUSTED_ROOT)


def stage(
    app: Path,
    icons: Icons,
    control: Control,
    tree: Path,
    when: float,
    trusted_root: Path | None = None,
) -> None:
    """The whole package tree under ``tree`` (which must not exist yet)."""
    tree.mkdir(mode=0o755)
    stage_app(app, control, tree, trusted_root)
    stage_files(tree, icons, control, when)
    normalise_modes(tree)
    stage_control(tree, control)


def build_deb(
    app: Path,
    assets: Path,
    out_dir: Path,
    control: Control,
    compression: str = "xz",
    trusted_root: Path | None = None,
) -> Path:
    """Stage and build; returns the .deb's path (``pos-desktop_<version>_<arch>.deb``).

    xz (dpkg's default) makes the smallest file that every dpkg reads; it takes minutes for a Qt
    bundle, so tests choose gzip. ``trusted_root``: the release repository's ``root.json``, for
    a package whose tills update themselves from the start.
    """
    check_app(app)
    icons = find_icons(assets)
    if trusted_root is not None:
        check_trusted_root(trusted_root)
    check_depends(app, control.depends)
    if shutil.which("dpkg-deb") is None:
        raise BuildError("dpkg-deb is not installed (apt-get install dpkg)")
    when = float(os.environ.get("SOURCE_DATE_EPOCH", time.time()))
    out_dir.mkdir(parents=True, exist_ok=True)
    filename = f"{PACKAGE}_{control.version.split(':')[-1]}_{control.architecture}.deb"
    target = out_dir / filename
    with tempfile.TemporaryDirectory(prefix="pos-desktop-deb-") as scratch:
        tree = Path(scratch) / "root"
        stage(app, icons, control, tree, when, trusted_root)
        result = subprocess.run(
            [
                "dpkg-deb",
                "--root-owner-group",
                f"-Z{compression}",
                "--build",
                str(tree),
                str(target),
            ],
            capture_output=True,
            text=True,
        )
    if result.returncode != 0:
        raise BuildError(f"dpkg-deb failed: {result.stderr.strip()}")
    log.info("built %s", target)
    return target


def default_control(version: str | None, maintainer: str) -> Control:
    if version is None:
        sys.path.insert(0, str(PROJECT))
        from pos_desktop import __version__

        version = __version__
    depends = (libc_depends(), *EXTRA_DEPENDS, *qt_depends())
    return Control(debian_version(version), architecture(), maintainer, depends, version)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Build the till's .deb from the one-folder app.")
    parser.add_argument("--app", type=Path, default=PROJECT / "dist" / "pos-desktop")
    parser.add_argument("--assets", type=Path, default=DEFAULT_ASSETS, help="icon.svg, icon.png")
    parser.add_argument("--out", type=Path, default=PROJECT / "dist", help="folder for the .deb")
    parser.add_argument("--version", help="PEP 440 version (default: pos_desktop.__version__)")
    parser.add_argument("--compression", choices=("xz", "zstd", "gzip"), default="xz")
    parser.add_argument("--maintainer", default=os.environ.get("DEB_MAINTAINER", MAINTAINER))
    parser.add_argument(
        "--trusted-root",
        type=Path,
        default=os.environ.get("DEB_TRUSTED_ROOT") or None,
        help="the release repository's root.json, installed as "
        + TRUSTED_ROOT
        + " (default: $DEB_TRUSTED_ROOT; none: updates stay off until store IT adds it)",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    args = parse_args(argv)
    try:
        control = default_control(args.version, args.maintainer)
        build_deb(args.app, args.assets, args.out, control, args.compression, args.trusted_root)
    except BuildError as exc:
        log.error("make deb: %s", exc)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
