"""Write the OpenAPI document to a file: ``python -m server_stub.openapi_export docs/openapi.json``.

The document is built from the code, so the exported copy in ``docs/`` is for readers and client
generators; ``/openapi.json`` on a running server is always the authority.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from server_stub.app import create_app
from server_stub.core.config import Settings


def export() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app(Settings(database_url=f"sqlite:///{Path(tmp) / 'openapi.db'}"))
        document = app.openapi()
        app.state.ctx.db.dispose()
    return json.dumps(document, indent=2, sort_keys=False, ensure_ascii=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    text = export()
    if args:
        Path(args[0]).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
