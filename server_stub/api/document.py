"""What the OpenAPI document says beyond the routes: operation ids, the version and servers.

Client generators name their methods after ``operationId``; FastAPI's default
(``create_enrollment_code_v1_stores__code__enrollment_codes_post``) leaks the path and the
method into every name, so ids are the route function's name in lowerCamelCase
(``createEnrollmentCode``), which the function names keep unique and stable.
"""

from __future__ import annotations

import importlib.metadata

from fastapi.routing import APIRoute

DISTRIBUTION = "pos-desktop"
"""The distribution ``server_stub`` ships in (pyproject.toml ``[project] name``)."""


def operation_id(route: APIRoute) -> str:
    """``list_sales`` -> ``listSales``: FastAPI's ``generate_unique_id_function``."""
    head, *rest = route.name.split("_")
    return head + "".join(part[:1].upper() + part[1:] for part in rest)


def package_version() -> str:
    """The installed package's version, so the document's ``info.version`` says which build
    answers; ``0.0.0`` when run from a checkout that was never installed."""
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        return "0.0.0"


def servers(public_url: str | None) -> list[dict[str, str]]:
    """``/`` (wherever the document was fetched from) unless the operator named the public
    address (``POS_SERVER_PUBLIC_URL``), which a generated client then uses as its base."""
    if public_url:
        return [{"url": public_url.rstrip("/") or "/", "description": "This server"}]
    return [{"url": "/", "description": "The server this document was fetched from"}]
