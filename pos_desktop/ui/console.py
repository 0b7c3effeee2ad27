"""User errors on the console, in the till's language: the one path every command prints through.

The command line speaks to the same store IT person as the screens, so it uses the same
sentences (``ui.messages``) and the same compiled translations. It loads its own ``QTranslator``
and asks it directly: that needs no ``QCoreApplication`` (so it works before the window system is
known to load) and never changes the language of an application that is already running.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from PySide6.QtCore import QTranslator

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.i18n import qm_path
from pos_desktop.ui.messages import message_for

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "id"
"""The till's language when the config cannot say (missing or broken)."""

_translators: dict[str, QTranslator | None] = {}


def _translator(language: str) -> QTranslator | None:
    """The compiled translation for ``language`` (loaded once), or ``None`` for the English
    source text (English itself, or a missing ``.qm``, which is logged)."""
    if language not in _translators:
        translator = QTranslator()
        path = qm_path(language)
        loaded = path.is_file() and translator.load(str(path))
        if not loaded and language != "en":
            log.warning("no compiled translation for %r at %s; English", language, path)
        _translators[language] = translator if loaded else None
    return _translators[language]


def say(context: str, source: str, language: str = DEFAULT_LANGUAGE) -> str:
    """A command's own sentence (Qt ``context``, English ``source``) in ``language``."""
    translator = _translator(language)
    found = translator.translate(context, source) if translator is not None else ""
    return found or source


def explain(error: UserError, language: str = DEFAULT_LANGUAGE) -> str:
    """The sentence for ``error`` in ``language``."""
    return message_for(error, lambda context, source: say(context, source, language))


def report(
    error: UserError, language: str = DEFAULT_LANGUAGE, *, stream: TextIO | None = None
) -> str:
    """Write ``error`` to the console and the log (code included, for support); returns the
    sentence, for a dialog to show the same words."""
    text = explain(error, language)
    log.error("%s: %s", error, text)
    out = stream or sys.stderr
    if out is not None:  # a windowed till on Windows has no console
        out.write(f"pos-desktop: {text} [{error.code}]\n")
    return text
