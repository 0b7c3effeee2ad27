"""A real ``pos-server serve`` on loopback for the sync tests, and direct access to its data.

The server runs as a subprocess (the code path production runs); the tests read and change the
cloud's data through ``server_stub``'s own functions on the same database, as the owner API
would, so they need no login dance.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import func, select

from server_stub import catalog, migrate, tenancy
from server_stub.db import Database
from server_stub.models import SaleRow
from server_stub.schemas import ProductIn, ProductPatch
from server_stub.security.server_secret import load_keys

ROOT = Path(__file__).resolve().parents[2]
STARTUP_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


class CloudServer:
    """``pos-server serve`` on a fixed loopback port that survives restarts."""

    def __init__(
        self,
        database_url: str,
        workdir: Path,
        *,
        port: int | None = None,
        workers: int = 1,
        tls: tuple[Path, Path] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.database_url = database_url
        self.workdir = workdir
        self.port = port or free_port()
        self.workers = workers
        self.tls = tls
        self.env = env or {}
        self.proc: subprocess.Popen[bytes] | None = None
        self.starts = 0
        scheme = "https" if tls else "http"
        self.url = f"{scheme}://127.0.0.1:{self.port}"

    @property
    def log(self) -> Path:
        return self.workdir / f"server-{self.port}.log"

    def start(self, *, wait: bool = True, verify: Any = True) -> None:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        argv = [
            sys.executable,
            "-m",
            "server_stub",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--database-url",
            self.database_url,
            "--workers",
            str(self.workers),
            "--log-level",
            "warning",
        ]
        if self.tls is not None:
            argv += ["--ssl-certfile", str(self.tls[0]), "--ssl-keyfile", str(self.tls[1])]
        self.workdir.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as sink:
            self.proc = subprocess.Popen(
                argv,
                stdout=sink,
                stderr=subprocess.STDOUT,
                cwd=ROOT,
                env={**os.environ, **self.env},
                start_new_session=True,
            )
        self.starts += 1
        if wait:
            self.wait_ready(verify)

    def wait_ready(self, verify: Any = True) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        with httpx.Client(verify=verify, timeout=2) as client:
            while time.monotonic() < deadline:
                assert self.proc is not None
                if self.proc.poll() is not None:
                    raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')}")
                try:
                    if client.get(f"{self.url}/readyz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)  # polling for the port to open; there is no event to wait on
        raise RuntimeError(f"server not ready: {self.log.read_text(errors='replace')}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        proc = self.proc
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, sig)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)

    def kill(self) -> None:
        self.stop(signal.SIGKILL)

    @property
    def running(self) -> bool:
        return self.proc is not None and self.proc.poll() is None


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
