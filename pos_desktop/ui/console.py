"""User errors on the console, in the till's language: the one path every command prints through.

The command line speaks to the same store IT person as the screens, so it uses the same
sentences (``ui.messages``) and the same compiled translations. Qt's translator needs only a
``QCoreApplication``, not a display, so this works on a headless till and before the window
system is known to load.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from PySide6.QtCore import QCoreApplication

from pos_desktop.domain.errors import UserError
from pos_desktop.ui.i18n import current_language, install_translator
from pos_desktop.ui.messages import message_for

log = logging.getLogger(__name__)

DEFAULT_LANGUAGE = "id"
"""The till's language when the config cannot say (missing or broken)."""

_core: list[QCoreApplication] = []
"""The application object this module made, kept alive for the translator it carries."""


def use_language(language: str) -> QCoreApplication:
    """The running application (made here when there is none) speaking ``language``."""
    app = QCoreApplication.instance()
    if app is None:
        app = QCoreApplication(["pos-desktop"])
        _core.append(app)
    if current_language(app) != language:
        install_translator(app, language)
    return app


def explain(error: UserError, language: str = DEFAULT_LANGUAGE) -> str:
    """The sentence for ``error`` in ``language``."""
    use_language(language)
    return message_for(error)


def report(
    error: UserError, language: str = DEFAULT_LANGUAGE, *, stream: TextIO | None = None
) -> str:
    """Write ``error`` to the console and the log (code included, for support); returns the
    sentence, for a dialog to show the same words."""
    text = explain(error, language)
    log.error("%s: %s", error, text)
    print(f"pos-desktop: {text} [{error.code}]", file=stream or sys.stderr)
    return text
