"""A real ``pos-server serve`` on loopback for the sync tests, and direct access to its data.

The server runs as a subprocess (the code path production runs); the tests read and change the
cloud's data through ``server_stub``'s own functions on the same database, as the owner API
would, so they need no login dance.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select

from server_stub import catalog, tenancy
from server_stub.core import migrate
from server_stub.core.db import Database
from server_stub.core.security.server_secret import load_keys
from server_stub.models import JournalEntryRow, SaleRow
from server_stub.schemas import ProductIn, ProductPatch
from tests.server_process import ROOT, STARTUP_TIMEOUT_S, CloudServer, free_port

__all__ = ["ROOT", "STARTUP_TIMEOUT_S", "CloudServer", "Tenant", "free_port"]


@dataclass
class Tenant:
    org_id: str
    store_code: str
    db: Database

    def enrollment_code(self, till_code: str | None = "T01") -> str:
        now = datetime.now(UTC)
        with self.db.write() as session:
            store = tenancy.require_store(session, self.org_id, self.store_code)
            issued = tenancy.issue_enrollment_code(
                session,
                store,
                pepper=load_keys(session).enrollment_pepper,
                now=now,
                till_code=till_code,
                replace_existing=True,
            )
            session.commit()
        return issued.code

    def add_products(self, products: list[ProductIn]) -> None:
        with self.db.write() as session:
            report = catalog.upsert_products(session, self.org_id, products, datetime.now(UTC))
            assert not report.errors, report.errors
            session.commit()

    def patch_product(self, product_id: str, **changes: Any) -> None:
        with self.db.write() as session:
            catalog.update_product(
                session, self.org_id, product_id, ProductPatch(**changes), datetime.now(UTC)
            )
            session.commit()

    def delete_product(self, product_id: str) -> None:
        with self.db.write() as session:
            catalog.delete_product(session, self.org_id, product_id, datetime.now(UTC))
            session.commit()

    def sale_ids(self) -> list[str]:
        with self.db.read() as session:
            return list(
                session.execute(
                    select(SaleRow.sale_id).where(SaleRow.org_id == self.org_id)
                ).scalars()
            )

    def journal_hashes(self) -> dict[int, str]:
        """The tills' journal entries the cloud holds, seq -> hash (one till per tenant here)."""
        with self.db.read() as session:
            rows = session.execute(
                select(JournalEntryRow.seq, JournalEntryRow.hash).where(
                    JournalEntryRow.org_id == self.org_id
                )
            ).all()
        return {int(seq): str(h) for seq, h in rows}

    def sale_count(self) -> int:
        with self.db.read() as session:
            return int(
                session.execute(
                    select(func.count()).select_from(SaleRow).where(SaleRow.org_id == self.org_id)
                ).scalar_one()
            )

    def daily_totals(self) -> dict[str, tuple[int, int]]:
        with self.db.read() as session:
            rows = session.execute(
                select(SaleRow.business_day, func.count(), func.sum(SaleRow.total))
                .where(SaleRow.org_id == self.org_id)
                .group_by(SaleRow.business_day)
            ).all()
        return {str(day): (int(n), int(total)) for day, n, total in rows}

    def catalog_snapshot(self) -> dict[str, tuple[Any, ...]]:
        with self.db.read() as session:
            rows = catalog.list_products(
                session, self.org_id, cursor=None, limit=10**7, query=None
            )[0]
        return {
            p.id: (p.sku, p.name, p.price, p.tax_code, p.active, tuple(sorted(p.barcodes)))
            for p in rows
        }


def open_cloud_db(database_url: str) -> Database:
    db = Database(database_url, pool_size=3)
    migrate.upgrade(db.engine)
    return db


def make_tenant(
    db: Database, *, store_code: str = "S01", products: list[ProductIn] | None = None
) -> Tenant:
    now = datetime.now(UTC)
    with db.write() as session:
        org, _ = tenancy.create_owner(
            session,
            org_name="Toko Sync",
            email=f"sync-{uuid.uuid4().hex[:12]}@test.local",
            password="correct horse battery staple",
            now=now,
        )
        tenancy.create_store(session, org.org_id, code=store_code, name="Toko Sync", now=now)
        session.commit()
    tenant = Tenant(org.org_id, store_code, db)
    if products:
        tenant.add_products(products)
    return tenant
