"""The cloud serves the release repository at ``/updates/`` when ``POS_SERVER_UPDATES_DIR``
names it (the folder ``pos-server release init-repo --repo`` made), so a paired till finds its
updates at its cloud's address without another host. Any static host (nginx, a CDN, a bucket)
can serve the same folder instead; a till then names it in its ``updates.json``.

Caching follows TUF's consistent snapshots: ``timestamp.json`` and ``root.json`` change in
place and must not be cached; every other file has its version or hash in its name and never
changes, so it may be cached for a year.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

log = logging.getLogger(__name__)

UPDATES_DIR_ENV = "POS_SERVER_UPDATES_DIR"
UPDATES_PATH = "/updates"
MUTABLE = ("timestamp.json", "root.json")


class ReleaseFiles(StaticFiles):
    async def get_response(self, path: str, scope: Any) -> Response:
        response = await super().get_response(path, scope)
        if response.status_code == 200:
            mutable = path.rsplit("/", 1)[-1] in MUTABLE
            response.headers["Cache-Control"] = (
                "no-cache" if mutable else "public, max-age=31536000, immutable"
            )
        return response


def mount_updates(app: FastAPI, folder: Path | None = None) -> bool:
    """Serve ``folder`` (default: ``$POS_SERVER_UPDATES_DIR``) at ``/updates/``; False if none."""
    if folder is None:
        value = os.environ.get(UPDATES_DIR_ENV)
        folder = Path(value) if value else None
    if folder is None:
        return False
    if not (folder / "metadata").is_dir():
        log.error(
            "%s has no metadata/: not serving updates (run pos-server release init-repo)", folder
        )
        return False
    app.mount(UPDATES_PATH, ReleaseFiles(directory=folder), name="updates")
    return True
