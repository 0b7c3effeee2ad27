"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import logging

from fastapi import APIRouter
from sqlalchemy.exc import SQLAlchemyError

from server_stub.api.deps import Ctx
from server_stub.api.responses import errors
from server_stub.core import migrate
from server_stub.core.problems import Problem
from server_stub.schemas import Status

log = logging.getLogger(__name__)
router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Status)
def get_health() -> Status:
    """The process is up (no database access)."""
    return Status(status="ok")


@router.get(
    "/readyz",
    response_model=Status,
    responses=errors(503, s503="Not ready: the database does not answer"),
)
def get_readiness(ctx: Ctx) -> Status:
    """The database answers and has this version's schema: send traffic here."""
    try:
        ctx.db.ping()
        current = migrate.is_current(ctx.db.engine)
    except SQLAlchemyError as exc:
        log.warning("readiness check failed: %s", exc)
        raise Problem(503, "not_ready", "The database is not reachable.") from None
    if not current:
        raise Problem(
            503, "not_ready", "The database schema is not up to date (pos-server db upgrade)."
        )
    return Status(status="ok")
