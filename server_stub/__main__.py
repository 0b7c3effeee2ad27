"""``pos-server`` and ``python -m server_stub``: the cloud's command line, after one check.

The check comes before ``server_stub.cli`` is imported, because that import already needs the
``cloud`` extra (pydantic, FastAPI's): a ``pip install pos-desktop`` without it gets a sentence
naming the extra instead of an ImportError.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Sequence

CLOUD_EXTRA_MODULES = (
    "fastapi",
    "uvicorn",
    "multipart",
    "psycopg",
    "fastapi_offline",
    "jinja2",
    "segno",
    "openpyxl",
)
"""What the ``cloud`` extra installs, by import name (tests/app/test_install_split.py keeps this
equal to pyproject's list)."""


def missing_modules(names: tuple[str, ...]) -> list[str]:
    """Those of ``names`` that cannot be imported, found without importing them."""
    return [
        name
        for name in names
        if (
            sys.modules[name] is None if name in sys.modules else not importlib.util.find_spec(name)
        )
    ]


def main(argv: Sequence[str] | None = None) -> int:
    missing = missing_modules(CLOUD_EXTRA_MODULES)
    if missing:
        sys.stderr.write(
            f"pos-server: the cloud's libraries are not installed ({', '.join(missing)}); "
            "install the cloud with: pip install 'pos-desktop[cloud]'\n"
        )
        return 1
    from server_stub.cli import main as cli_main

    return cli_main(argv)


if __name__ == "__main__":
    raise SystemExit(main())
