"""Will Qt's window system plugin load? Asked before any ``QApplication`` exists.

On Linux the till draws through Qt's ``xcb`` plugin, which needs a dozen X11 libraries that a
fresh Debian or Ubuntu install may lack (``libxcb-cursor0`` most often). When one is missing,
Qt prints a sentence about "platform plugins", then aborts the process: no dialog can be shown,
and nothing reaches the till's log. So the libraries are checked first, with ``ldd`` on the
plugin and its Qt library, and a missing one is named with the apt package that provides it.

No Qt import here: this module must work exactly when Qt cannot.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

LDD = "ldd"
"""The dynamic-linker report tool (glibc's ``ldd``)."""
LDD_TIMEOUT_S = 20

APT_PACKAGES: Mapping[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}
"""Sonames the xcb plugin needs, and the Debian/Ubuntu package of each."""

_NOT_FOUND = re.compile(r"^\s*(\S+)\s*=>\s*not found\s*$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class MissingLibraries:
    libraries: tuple[str, ...]
    packages: tuple[str, ...]
    """apt packages for the libraries this table knows; unknown sonames are named as they are."""

    @property
    def to_install(self) -> str:
        """What to give apt: the packages, or the sonames when none is known."""
        return " ".join(self.packages or self.libraries)

    @property
    def install_command(self) -> str:
        return f"sudo apt install {self.to_install}"


def platform_will_be_xcb(env: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will try the ``xcb`` plugin first on this machine and session."""
    if not platform.startswith("linux"):
        return False
    requested = env.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        first = requested.split(";")[0].split(":")[0]
        return first == "xcb"
    # Qt 6 prefers Wayland in a Wayland session, and only falls back to xcb otherwise.
    return not (env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"))


def xcb_plugin_files() -> list[Path]:
    """The xcb platform plugin and the Qt library behind it, from the installed PySide6."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return []
    qt = Path(next(iter(spec.submodule_search_locations))) / "Qt"
    candidates = [qt / "plugins" / "platforms" / "libqxcb.so", qt / "lib" / "libQt6XcbQpa.so.6"]
    return [path for path in candidates if path.is_file()]


def _ldd(path: Path) -> str:
    result = subprocess.run(
        [LDD, str(path)], capture_output=True, text=True, timeout=LDD_TIMEOUT_S, check=False
    )
    return result.stdout + result.stderr


def missing_libraries(files: list[Path]) -> MissingLibraries | None:
    """The libraries ``files`` need that the dynamic linker cannot find, or ``None``.

    A machine without ``ldd`` (not glibc) is not checked: Qt will say what it says.
    """
    if not files or shutil.which(LDD) is None:
        return None
    missing: list[str] = []
    for path in files:
        try:
            report = _ldd(path)
        except (OSError, subprocess.SubprocessError) as exc:
            log.warning("could not check the libraries of %s: %s", path, exc)
            continue
        for name in _NOT_FOUND.findall(report):
            if name not in missing:
                missing.append(name)
    if not missing:
        return None
    packages = tuple(dict.fromkeys(APT_PACKAGES[n] for n in missing if n in APT_PACKAGES))
    return MissingLibraries(tuple(missing), packages)


def check_qt_platform(env: Mapping[str, str] | None = None) -> MissingLibraries | None:
    """``None`` when Qt's window plugin should load (or is not ours to check)."""
    environ = os.environ if env is None else env
    if not platform_will_be_xcb(environ):
        return None
    found = missing_libraries(xcb_plugin_files())
    if found is not None:
        log.error(
            "Qt's xcb platform plugin cannot load: missing %s; install: %s",
            ", ".join(found.libraries),
            found.install_command,
        )
    return found


def show_without_qt(title: str, text: str) -> bool:
    """Put ``text`` on the screen with a desktop tool when Qt cannot: ``zenity`` or ``xmessage``.

    Started and left running (the person closes it); returns whether one was started.
    """
    if not os.environ.get("DISPLAY"):
        return False
    for argv in (
        ["zenity", "--error", "--no-wrap", f"--title={title}", f"--text={text}"],
        ["xmessage", "-center", "-title", title, text],
    ):
        if shutil.which(argv[0]) is None:
            continue
        try:
            subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
            )
        except OSError as exc:
            log.warning("could not start %s: %s", argv[0], exc)
            continue
        return True
    return False
