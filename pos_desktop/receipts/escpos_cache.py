"""A crash-safe cache for python-escpos's capability tables.

python-escpos parses its 300 kB capability file on first import and pickles the result into
``ESCPOS_CAPABILITIES_PICKLE_DIR``, writing the pickle in place. A till killed (or losing power)
during that write leaves a truncated pickle, and from then on every import of python-escpos
fails with ``EOFError``: no receipt would ever print again. This module writes the pickle itself,
atomically (temporary file, then rename), and replaces one that does not load, so python-escpos
only ever finds a complete, current pickle and never writes its own.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import platform
import tempfile
from importlib import resources
from pathlib import Path

log = logging.getLogger(__name__)

ENV = "ESCPOS_CAPABILITIES_PICKLE_DIR"
_ready = False


def _pickle_loads(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)  # noqa: S301 - our own cache file, written below
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        return False
    return isinstance(data, dict) and "profiles" in data


def ensure_capabilities_cache() -> None:
    """Make the pickle python-escpos will read complete and current; call before importing it.

    Without ``ESCPOS_CAPABILITIES_PICKLE_DIR`` python-escpos uses a new temporary folder per
    process and nothing here is needed.
    """
    global _ready
    folder = os.environ.get(ENV)
    if _ready or not folder:
        return
    target = Path(folder) / f"{platform.python_version()}.capabilities.pickle"
    # The same file python-escpos reads (``escpos/capabilities.json``); ``files("escpos")``
    # imports only the package's small __init__, not the capabilities module.
    with resources.as_file(resources.files("escpos") / "capabilities.json") as source:
        current = target.exists() and target.stat().st_mtime >= source.stat().st_mtime
        if current and _pickle_loads(target):
            _ready = True
            return
        if target.exists():
            log.warning("replacing an unreadable or stale python-escpos cache %s", target)
        # python-escpos reads it with a YAML parser; it is plain JSON, which json reads faster.
        data = json.loads(source.read_text(encoding="utf-8"))
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".capabilities-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _ready = True
