"""The back office's pages: each page module adds its router to ``ROUTERS`` (one line each)."""

from fastapi import APIRouter

ROUTERS: list[APIRouter] = []

from server_stub.web.pages import sales  # noqa: E402

ROUTERS.append(sales.router)
from server_stub.web.pages import home  # noqa: E402

ROUTERS.append(home.router)
from server_stub.web.pages import reports  # noqa: E402

ROUTERS.append(reports.router)
from server_stub.web.pages import accounting  # noqa: E402

ROUTERS.append(accounting.router)
from server_stub.web.pages import stores  # noqa: E402

ROUTERS.append(stores.router)
from server_stub.web.pages import users  # noqa: E402

ROUTERS.append(users.router)
from server_stub.web.pages import staff  # noqa: E402

ROUTERS.append(staff.router)
from server_stub.web.pages import tills  # noqa: E402

ROUTERS.append(tills.router)
from server_stub.web.pages import alerts  # noqa: E402

ROUTERS.append(alerts.router)
from server_stub.web.pages import products  # noqa: E402

ROUTERS.append(products.router)
from server_stub.web.pages import webhooks  # noqa: E402

ROUTERS.append(webhooks.router)
from server_stub.web.pages import api_keys  # noqa: E402

ROUTERS.append(api_keys.router)
