"""The back office's words: Bahasa Indonesia first, English on request (cookie ``lang``).

Each page keeps its words in ``server_stub/web/words/<page>.py`` as
``WORDS = {"key": ("Indonesian", "English")}``; every module of that folder is merged here, so a
page adds words without touching a shared file. A key missing from every module shows as the
key itself (a test finds those in the templates).
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
from functools import cache

from server_stub.web import words as words_package

log = logging.getLogger(__name__)

LANGS = ("id", "en")
DEFAULT_LANG = "id"
COOKIE = "lang"


@cache
def all_words() -> dict[str, tuple[str, str]]:
    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(words_package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{words_package.__name__}.{info.name}")
        for key, pair in getattr(module, "WORDS", {}).items():
            if key in merged and merged[key] != pair:
                log.warning("word %r differs between modules; %s's is ignored", key, info.name)
                continue
            merged[key] = pair
    return merged


def pick_lang(value: str | None) -> str:
    return value if value in LANGS else DEFAULT_LANG


def translate(lang: str, key: str, **params: object) -> str:
    """The word for ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``."""
    pair = all_words().get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**params) if params else text
