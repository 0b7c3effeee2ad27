"""``/app/`` until the home page's own router is listed in ``pages.ROUTERS``."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from server_stub.web.deps import WebUser
from server_stub.web.render import render

router = APIRouter(prefix="/app")


@router.get("/", response_class=HTMLResponse)
def home_placeholder(request: Request, user: WebUser) -> HTMLResponse:
    return render(request, user, "placeholder.html")
