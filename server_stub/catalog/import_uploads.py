"""CSV files kept between the back office's import preview and the owner's confirmation.

The text is stored in the database under the organization and the file's SHA-256: any worker can
read it back at confirm time, and a digest from another organization finds nothing.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from server_stub.models.catalog import ProductImportUpload

KEEP_FOR = timedelta(days=1)
_DIGEST = re.compile(r"^[0-9a-f]{64}$")


def keep_upload(session: Session, org_id: str, filename: str, text: str, now: datetime) -> str:
    """Store ``text`` for a later confirm; returns its digest. Uploads a day old are dropped."""
    session.execute(
        delete(ProductImportUpload).where(ProductImportUpload.uploaded_at < now - KEEP_FOR)
    )
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    row = session.get(ProductImportUpload, (org_id, digest))
    if row is None:
        session.add(
            ProductImportUpload(
                org_id=org_id, digest=digest, filename=filename[:200], content=text, uploaded_at=now
            )
        )
    else:
        row.uploaded_at = now
        row.filename = filename[:200]
    session.flush()
    return digest


def read_upload(session: Session, org_id: str, digest: str) -> ProductImportUpload | None:
    if not _DIGEST.match(digest):
        return None
    return session.get(ProductImportUpload, (org_id, digest))


def drop_upload(session: Session, org_id: str, digest: str) -> None:
    session.execute(
        delete(ProductImportUpload).where(
            ProductImportUpload.org_id == org_id, ProductImportUpload.digest == digest
        )
    )
