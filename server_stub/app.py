"""The ASGI application: ``create_app`` for tests and embedding, ``app_from_env`` for uvicorn.

``pos-server serve`` passes its options to worker processes through the environment (see
``server_stub.core.config``), and uvicorn builds one app per worker with ``app_from_env``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from server_stub import idempotency
from server_stub.api import (
    alerts,
    api_keys,
    catalog,
    devices,
    docs,
    document,
    exports,
    health,
    journal,
    refunds,
    responses,
    sales,
    scopes,
    session,
    shift_reports,
    staff,
    stock,
    stores,
    sync,
    users,
    webhooks,
)
from server_stub.api.deps import AppContext
from server_stub.core import problems
from server_stub.core.config import Settings
from server_stub.core.db import Clock, Database, utcnow
from server_stub.core.limits import BodySizeLimit
from server_stub.core.logs import RequestId
from server_stub.releases.serve import mount_updates
from server_stub.rollup_fold import Folder
from server_stub.schemas import ProblemOut, SaleIn
from server_stub.web import mount_back_office
from server_stub.webhooks.worker import Worker


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The generated document, plus the ``Sale`` schema for the items of a sales batch and
    the ``ProblemOut`` schema of every error.

    Batch items are typed loosely in code so that one malformed sale is rejected in its own
    result instead of failing the batch; the document still tells clients what to send.
    """
    if app.openapi_schema:
        return app.openapi_schema
    schema = get_openapi(
        title=app.title,
        version=app.version,
        description=app.description,
        routes=app.routes,
        servers=app.servers,
    )
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    sale_schema = SaleIn.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in sale_schema.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components["Sale"] = sale_schema
    # Every error answer refers to it (api.responses); no route returns it as its model.
    components["ProblemOut"] = ProblemOut.model_json_schema()
    batch = components.get("SalesBatchIn", {}).get("properties", {}).get("sales")
    if batch is not None:
        batch["items"] = {"$ref": "#/components/schemas/Sale"}
    scopes.document_scopes(schema)
    document.document_idempotency(schema)
    document.document_examples(schema)
    document.document_problems(schema)
    app.openapi_schema = schema
    return schema


def create_app(
    settings: Settings,
    *,
    clock: Clock = utcnow,
    database: Database | None = None,
    background: bool = False,
) -> FastAPI:
    """The cloud API and the back office. ``background``: also run this worker's share of the
    background work (folding the rollup queue, delivering webhooks), as a served process does;
    tests leave it off and fold or deliver when they need to."""
    db = database or Database(settings.database_url)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        folder = None
        if background and settings.rollup_fold_interval_s > 0:
            folder = Folder(db, settings.rollup_fold_interval_s)
            folder.start()
        deliverer = None
        if background and settings.webhook_interval_s > 0:
            deliverer = Worker(
                db,
                interval_s=settings.webhook_interval_s,
                clock=clock,
                allow_loopback=settings.webhook_allow_loopback,
            )
            deliverer.start()
        try:
            yield
        finally:
            if deliverer is not None:
                deliverer.stop()
            if folder is not None:
                folder.stop()
            if database is None:
                db.dispose()

    app = FastAPI(
        title="POS cloud API",
        version=document.package_version(),
        servers=document.servers(settings.public_url),
        generate_unique_id_function=document.operation_id,
        description=(
            "Tenants, till pairing, idempotent sales ingest and the catalog feed for the "
            "offline-first till, and the owner API for integrations. Every error is RFC 9457 "
            "problem+json naming its `code`; every owner-API POST takes an `Idempotency-Key`; "
            "every list is a cursor page (`items`, `next_cursor`; `?cursor=&limit=`)."
        ),
        lifespan=lifespan,
        responses=responses.errors(*responses.COMMON),
        docs_url=None,
        redoc_url=None,
    )
    docs.install(app, title=app.title)
    app.state.ctx = AppContext(settings=settings, db=db, clock=clock)
    problems.install(app)
    for module in (health, session, devices, stores, users, catalog, sync, sales, stock, journal):
        app.include_router(module.router)
    app.include_router(session.me_router)
    app.include_router(refunds.router)
    app.include_router(shift_reports.router)
    app.include_router(staff.router)
    app.include_router(alerts.router)
    app.include_router(webhooks.router)
    app.include_router(api_keys.router)
    app.include_router(exports.router)
    mount_back_office(app)
    mount_updates(app)  # the till release repository, when POS_SERVER_UPDATES_DIR names one
    idempotency.install(app, db)  # inside the body size limit, which must read bodies first
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestId)  # outermost: every log line of the request carries its id
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def app_from_env() -> FastAPI:
    """uvicorn factory (``--factory server_stub.app:app_from_env``)."""
    return create_app(Settings.from_env(), background=True)
