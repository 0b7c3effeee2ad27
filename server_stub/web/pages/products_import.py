"""Produk: CSV import in two steps and CSV export.

Upload -> preview -> confirm. The upload is kept in the database under the organization and its
SHA-256 (``catalog.keep_upload``) and checked with ``import_products(dry_run=True)``: the preview
lists how many products would be new, changed or unchanged and every rejected row with its line
and reason, with nothing written. Confirming names only the digest; the text is read back under
the signed-in organization and imported all or nothing, or with the rejected rows skipped if the
owner chose so. The export streams the catalog in the columns the import reads.
"""

from __future__ import annotations

import logging
import re
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import HTMLResponse, StreamingResponse
from sqlalchemy.orm import Session

from server_stub import catalog
from server_stub.api.deps import Ctx
from server_stub.catalog.product_import import UNREADABLE
from server_stub.core.problems import Problem
from server_stub.web import i18n
from server_stub.web.deps import CsrfChecked, WebPrincipal, WebUser
from server_stub.web.format import zone
from server_stub.web.render import render

log = logging.getLogger(__name__)

router = APIRouter()

SHOWN_REJECTED = 200
"""Rejected rows listed on the preview; a file with more says how many more."""


_REASONS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), indonesian)
    for pattern, indonesian in (
        (r"^(\w+): expected whole rupiah, got (.*)$", r"\1: harus rupiah bulat, tertulis \2"),
        (r"^(\w+): expected yes/no, got (.*)$", r"\1: harus ya/tidak, tertulis \2"),
        (r"^SKU repeats row (\d+)$", r"SKU sama dengan baris \1"),
        (r"^id repeats row (\d+)$", r"id sama dengan baris \1"),
        (r"^barcode (.*) repeats row (\d+)$", r"barcode \1 sama dengan baris \2"),
        (r"^more fields than columns$", "isi lebih banyak dari judul kolom"),
        (r"^not readable as CSV: (.*)$", r"tidak terbaca sebagai CSV: \1"),
        (r"^no tax category (.*)$", r"kategori pajak \1 tidak ada"),
        (r"^barcode (.*) belongs to another product$", r"barcode \1 milik produk lain"),
        (r"^product id (.*) belongs to another product$", r"id produk \1 milik produk lain"),
        (r"^SKU (.*) has product id (.*), not (.*)$", r"SKU \1 ber-id produk \2, bukan \3"),
        (r"^(\w+): Field required$", r"\1: wajib diisi"),
        (r"^(\w+): String should have at least 1 character$", r"\1: wajib diisi"),
        (
            r"^(\w+): String should have at most (\d+) characters?$",
            r"\1: paling panjang \2 huruf",
        ),
        (r"^(\w+): String should match pattern .*$", r"\1: berisi huruf yang tidak boleh"),
        (r"^(\w+): Input should be less than or equal to (.*)$", r"\1: paling besar \2"),
        (r"^(\w+(?:\.\d+)?): List should have at most (\d+) items.*$", r"\1: paling banyak \2"),
    )
)


def reason_text(lang: str, reason: str) -> str:
    """A rejected row's reason in the reader's language (the catalog words it in English)."""
    if lang == "en":
        return reason
    for pattern, indonesian in _REASONS:
        if pattern.match(reason):
            return pattern.sub(indonesian, reason)
    return reason


def decode_upload(raw: bytes) -> str | None:
    """UTF-8 (with or without a BOM), else windows-1252, the plain "CSV" of Excel on Indonesian
    Windows; None for what is not text at all."""
    if b"\x00" in raw:
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _rejected(lang: str, errors: list[dict[str, Any]]) -> list[tuple[Any, str]]:
    return [(e.get("row"), reason_text(lang, str(e.get("error")))) for e in errors]


def _preview(
    request: Request,
    user: WebPrincipal,
    session: Session,
    digest: str,
    filename: str,
    text: str,
    now: datetime,
    note: str | None = None,
) -> HTMLResponse:
    try:
        report = catalog.import_products(session, user.org_id, text, now, dry_run=True)
    except Problem as problem:
        return _upload_page(request, user, _problem_message(user.lang, problem), 422)
    rejected = _rejected(user.lang, report.errors)
    accepted = report.created + report.updated + report.unchanged
    unreadable = any(str(e.get("error", "")).startswith(UNREADABLE) for e in report.errors)
    context = {
        "digest": digest,
        "filename": filename,
        "report": report,
        "accepted": accepted,
        "rejected": rejected[:SHOWN_REJECTED],
        "more_rejected": max(0, len(rejected) - SHOWN_REJECTED),
        "unreadable": unreadable,
        "note": note,
    }
    return render(request, user, "products/preview.html", context)


def _problem_message(lang: str, problem: Problem) -> str:
    if problem.code == "import.missing_columns":
        return i18n.translate(
            lang,
            "products.import_missing_columns",
            columns=(problem.detail or "").split("lacks: ")[-1],
            all=", ".join(catalog.CSV_COLUMNS),
        )
    return i18n.translate(lang, "products.import_unreadable")


def _upload_page(
    request: Request, user: WebPrincipal, message: str | None = None, status: int = 200
) -> HTMLResponse:
    context = {"message": message, "columns": catalog.CSV_COLUMNS}
    return render(request, user, "products/import.html", context, status=status)


@router.get("/import", response_class=HTMLResponse)
def import_page(request: Request, user: WebUser) -> HTMLResponse:
    return _upload_page(request, user)


@router.post("/import", response_class=HTMLResponse)
def upload(
    request: Request,
    user: WebUser,
    _csrf: CsrfChecked,
    ctx: Ctx,
    file: Annotated[UploadFile | None, File()] = None,
) -> HTMLResponse:
    """Keep the file and show what importing it would do; nothing of the catalog is written."""
    if file is None or not file.filename:
        return _upload_page(
            request, user, i18n.translate(user.lang, "products.import_no_file"), 422
        )
    text = decode_upload(file.file.read())
    if text is None:
        return _upload_page(
            request, user, i18n.translate(user.lang, "products.import_not_text"), 422
        )
    filename = file.filename[:200]
    with ctx.db.write() as session:
        digest = catalog.keep_upload(session, user.org_id, filename, text, ctx.now())
        session.commit()
    with ctx.db.read() as session:
        return _preview(request, user, session, digest, filename, text, ctx.now())


@router.post("/import/confirm", response_class=HTMLResponse)
def confirm(
    request: Request,
    user: WebUser,
    _csrf: CsrfChecked,
    ctx: Ctx,
    digest: Annotated[str, Form(max_length=64)] = "",
    skip_rejected: Annotated[str, Form(max_length=1)] = "",
) -> HTMLResponse:
    """Write the kept file: all or nothing, or only its good rows when the owner said so."""
    with ctx.db.write() as session:
        upload_row = catalog.read_upload(session, user.org_id, digest)
        if upload_row is None:
            message = i18n.translate(user.lang, "products.import_expired")
            return _upload_page(request, user, message, 404)
        text, filename = upload_row.content, upload_row.filename
        try:
            report = catalog.import_products(
                session, user.org_id, text, ctx.now(), skip_rejected=skip_rejected == "1"
            )
        except Problem as problem:
            session.rollback()
            return _upload_page(request, user, _problem_message(user.lang, problem), 422)
        if report.errors:
            session.rollback()
            note = i18n.translate(user.lang, "products.import_changed")
            return _preview(request, user, session, digest, filename, text, ctx.now(), note)
        catalog.drop_upload(session, user.org_id, digest)
        session.commit()
    log.info(
        "import for %s: %d new, %d changed, %d skipped",
        user.org_id,
        report.created,
        report.updated,
        report.skipped,
    )
    return render(request, user, "products/import_done.html", {"report": report})


@router.get("/export.csv")
def export(user: WebUser, ctx: Ctx) -> StreamingResponse:
    """The whole catalog, streamed page by page (each page in its own short read)."""
    day = ctx.now().astimezone(zone(None)).strftime("%Y%m%d")
    return StreamingResponse(
        catalog.export_csv(ctx.db.read, user.org_id),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="produk-{day}.csv"'},
    )
