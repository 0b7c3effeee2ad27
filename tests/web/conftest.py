"""Back-office test fixtures. Server-side tests reuse the API tests' app, client and databases
(SQLite and PostgreSQL); helper "browser" adds the Playwright fixtures below them."""

from __future__ import annotations

import pytest

from server_stub.core.db import Database
from tests.server.conftest import (  # noqa: F401 - fixtures, found by name
    app,
    client,
    clock,
    database,
    database_url,
    fast_password_hashing,
    settings,
)
from tests.server.factories import FakeClock
from tests.web.webtools import WebOwner, make_owner


@pytest.fixture
def owner(database: Database, clock: FakeClock) -> WebOwner:  # noqa: F811
    return make_owner(database, clock, stores=("S01", "S02"))
