"""Build hook: compile the translations into every wheel.

The compiled ``.qm`` files are build products (ignored by git), so a wheel built from a clean
clone had none and the till it installed ran in English. ``build_py`` now compiles
``pos_desktop/i18n/*.ts`` into the build tree with the pure-Python compiler in
``pos_desktop/qm_compiler.py``, which needs nothing but the standard library, so an isolated build
does not have to download Qt to run ``lrelease``. Everything else is declared in pyproject.toml.
"""

from __future__ import annotations

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))  # the compiler is imported from this source tree

from pos_desktop.qm_compiler import compile_folder  # noqa: E402

I18N = Path("pos_desktop", "i18n")


class BuildPyWithTranslations(build_py):  # type: ignore[misc]
    """``build_py`` that also writes ``pos_desktop/i18n/<lang>.qm`` for each ``<lang>.ts``."""

    def run(self) -> None:
        super().run()
        # An editable install loads the package from the source tree, so compile there.
        target = ROOT / I18N if self.editable_mode else Path(self.build_lib) / I18N
        for qm in compile_folder(ROOT / I18N, target):
            self.announce(f"compiled {qm}", level=2)


setup(cmdclass={"build_py": BuildPyWithTranslations})
