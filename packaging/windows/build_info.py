"""What the Windows build makes from the one version number: the executables' version resource
and the Inno Setup compiler's command line.

pyinstaller.spec loads this file by its path (``packaging`` is not an importable package here:
the name belongs to the PyPA library), on Windows only, so both come from
``pos_desktop.__version__`` at build time and nothing version-shaped is written by hand.
PyInstaller reads a version resource from a text file holding one ``VSVersionInfo(...)``
expression; that text is written here from plain values, so it can be checked on any platform
(tests/app/test_windows_build.py parses it with PyInstaller's own reader).
"""

from __future__ import annotations

import re
from pathlib import Path

COMPANY = "pos-desktop"
PRODUCT = "POS Desktop"
DESCRIPTION = "POS Desktop - kasir offline"
COPYRIGHT = "Copyright (c) the pos-desktop authors"

_RELEASE = re.compile(r"^(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?")


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """``0.2.0`` -> ``(0, 2, 0, 0)``: the four 16-bit numbers Windows shows. A pre-release or
    local suffix (``0.3.0rc1``, ``0.3.0+g1a2b``) keeps its release numbers only."""
    match = _RELEASE.match(version.strip())
    if match is None:
        raise ValueError(f"{version!r} does not start with a release number like 1.2.3")
    numbers = tuple(int(part or 0) for part in match.groups())
    if any(n > 0xFFFF for n in numbers):
        raise ValueError(f"{version!r}: Windows version numbers stop at 65535")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def version_info_text(version: str, *, exe_name: str, description: str = DESCRIPTION) -> str:
    """The ``VSVersionInfo`` expression PyInstaller's ``version=`` file holds, for one executable
    (Explorer's Details tab, Task Manager and the installer's file-version checks read it)."""
    numbers = version_tuple(version)

    def entry(key: str, value: str) -> str:
        return f"          StringStruct({key!r}, {value!r}),\n"

    strings = "".join(
        entry(key, value)
        for key, value in (
            ("CompanyName", COMPANY),
            ("FileDescription", description),
            ("FileVersion", version),
            ("InternalName", exe_name),
            ("LegalCopyright", COPYRIGHT),
            ("OriginalFilename", f"{exe_name}.exe"),
            ("ProductName", PRODUCT),
            ("ProductVersion", version),
        )
    )
    return (
        "VSVersionInfo(\n"
        "  ffi=FixedFileInfo(\n"
        f"    filevers={numbers!r},\n"
        f"    prodvers={numbers!r},\n"
        "    mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0, date=(0, 0)),\n"
        "  kids=[\n"
        "    StringFileInfo([\n"
        "      StringTable('040904B0', [\n"  # U.S. English, Unicode
        f"{strings}"
        "      ])]),\n"
        "    VarFileInfo([VarStruct('Translation', [1033, 1200])]),\n"
        "  ])\n"
    )


def write_version_info(version: str, exe_name: str, folder: Path, description: str) -> Path:
    """Write ``<exe_name>-version.txt`` into ``folder`` (the build's work folder) for the spec."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{exe_name}-version.txt"
    text = version_info_text(version, exe_name=exe_name, description=description)
    path.write_text(text, encoding="utf-8")
    return path


def iscc_command(iscc: str, script: Path, *, version: str, bundle: Path, out: Path) -> list[str]:
    """Inno Setup's compiler on ``script`` with the version, the bundle to pack and where the
    installer goes; the script refuses to compile without them (``#error``)."""
    return [
        iscc,
        "/Qp",
        f"/DAppVersion={version}",
        f"/DBundleDir={bundle}",
        f"/O{out}",
        str(script),
    ]
