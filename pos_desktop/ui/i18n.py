"""Load the compiled translations (``pos_desktop/i18n/<lang>.qm``) into the running app.

Source strings are English; Bahasa Indonesia is the default language of the till. The ``.qm``
files are compiled at build time (``make translations``) and shipped as package data, so this
module only looks them up next to the package: that works from a checkout, an installed wheel
and a PyInstaller folder alike, and nothing is compiled at runtime.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

log = logging.getLogger(__name__)

LANGUAGE_NAMES = {"id": "Bahasa Indonesia", "en": "English"}

_installed: dict[int, QTranslator] = {}
"""The translator this module installed, per application object, so a switch replaces it."""
_current: dict[int, str] = {}


def translations_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "i18n"


def qm_path(lang: str) -> Path:
    return translations_dir() / f"{lang}.qm"


def current_language(app: QCoreApplication | None = None) -> str:
    app = app or QCoreApplication.instance()
    return _current.get(id(app), "en") if app is not None else "en"


def install_translator(
    app: QCoreApplication, lang: str, directory: Path | None = None
) -> QTranslator | None:
    """Make ``lang`` the UI language; returns the installed translator, or ``None`` when the
    language needs none (English source text) or its ``.qm`` is missing (logged).

    Replaces the translator a previous call installed, so this also switches language at
    runtime: Qt then sends every widget a ``LanguageChange`` event and the screens retranslate.
    ``directory`` overrides where the ``.qm`` files are (tests compile them to a temp folder).
    """
    key = id(app)
    old = _installed.pop(key, None)
    if old is not None:
        app.removeTranslator(old)
    _current[key] = lang
    QLocale.setDefault(QLocale(lang))
    path = (directory / f"{lang}.qm") if directory is not None else qm_path(lang)
    if not path.is_file():
        if lang != "en":
            log.warning("no compiled translation for %r at %s; showing English", lang, path)
        return None
    translator = QTranslator(app)
    if not translator.load(str(path)):
        log.error("could not load translation %s", path)
        return None
    app.installTranslator(translator)
    _installed[key] = translator
    log.info("UI language %s from %s", lang, path)
    return translator
