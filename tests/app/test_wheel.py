"""A wheel built from a clean checkout carries the compiled translations.

``.qm`` files are build products (git ignores them), so the build itself must make them; a copy
of the tracked (and new, not ignored) files stands in for a fresh clone, so ``.qm`` files left in
the work tree by ``make translations`` cannot hide a build that forgot them.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

from PySide6.QtCore import QTranslator

from pos_desktop.qm_compiler import compile_ts, parse_ts

ROOT = Path(__file__).resolve().parents[2]


def clean_copy(target: Path) -> Path:
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout
    for name in filter(None, listed.decode("utf-8").split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted in the work tree but still in the index
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def test_wheel_from_a_clean_checkout_has_compiled_translations(tmp_path: Path) -> None:
    tree = clean_copy(tmp_path / "clone")
    assert not list((tree / "pos_desktop" / "i18n").glob("*.qm"))
    out = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--quiet",
            "--wheel-dir",
            str(out),
            str(tree),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    (wheel,) = out.glob("pos_desktop-*.whl")
    sources = sorted((tree / "pos_desktop" / "i18n").glob("*.ts"))
    assert {p.stem for p in sources} >= {"id", "en"}
    with zipfile.ZipFile(wheel) as archive:
        for ts in sources:
            qm = archive.read(f"pos_desktop/i18n/{ts.stem}.qm")
            assert qm == compile_ts(ts.read_bytes())

        # And Qt reads the Indonesian one: a finished message comes back translated.
        qm_file = tmp_path / "id.qm"
        qm_file.write_bytes(archive.read("pos_desktop/i18n/id.qm"))
    translator = QTranslator()
    assert translator.load(str(qm_file))
    indonesian = parse_ts((tree / "pos_desktop" / "i18n" / "id.ts").read_bytes())
    sample = next(
        m for m in indonesian.messages if m.kind == "" and not m.plural and m.translations[0]
    )
    assert (
        translator.translate(sample.context, sample.source, sample.comment or None)
        == (sample.translations[0])
    )
