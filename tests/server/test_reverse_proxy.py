"""Many servers behind a load balancer, as far as one machine goes: two ``pos-server serve``
processes on one PostgreSQL database behind nginx running packaging/server's own config (TLS,
forwarded headers), all on 127.0.0.1.

A till pairs and syncs through the proxy; both processes serve its requests; sales sent twice
(their answers lost) are stored once whichever process takes each copy; with one process gone
the till goes on through the other. The two processes also start together on an empty database
and migrate it once (``db upgrade``'s advisory lock).

The server believes ``X-Forwarded-Proto`` only from the addresses in ``--forwarded-allow-ips``:
through the proxy the back office sets its cookies ``Secure``, a client that claims HTTPS
directly to a server that does not trust it gets no such cookie.
"""

from __future__ import annotations

import dataclasses
import os
import random
import re
import shutil
import sqlite3
import ssl
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import trustme
from sqlalchemy import func, select

from pos_desktop.paths import AppPaths
from pos_desktop.sync.client import CloudError
from pos_desktop.sync.pairing import enroll
from server_stub.demo import demo_catalog, to_product_in
from server_stub.models import SaleRow
from tests.server.conftest import create_pg_database, drop_pg_database
from tests.server_process import ROOT, STARTUP_TIMEOUT_S, free_port
from tests.sync.cloud import make_tenant, open_cloud_db
from tests.sync.helpers import paired_till
from tests.sync.till import FAST_SYNC, MemoryStore, outbox_rows, seeded_till, sell, till_paths

SITE = ROOT / "packaging" / "server" / "nginx-pos-server.conf"
NGINX = shutil.which("nginx") or next(
    (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
)
CADDYFILE = ROOT / "packaging" / "server" / "Caddyfile.example"
CADDY = shutil.which("caddy")
needs_nginx = pytest.mark.skipif(NGINX is None, reason="nginx is not installed (apt: nginx-light)")


class Backend:
    """``pos-server serve`` on a loopback port, trusting the proxy on 127.0.0.1 (or ``trust``)."""

    def __init__(
        self, url: str, workdir: Path, trust: str = "127.0.0.1", *, log_level: str = "warning"
    ) -> None:
        self.port = free_port()
        self.log = workdir / f"server-{self.port}.log"
        argv = [sys.executable, "-m", "server_stub", "--log-format", "json", "serve"]
        argv += ["--host", "127.0.0.1", "--port", str(self.port), "--database-url", url]
        argv += ["--log-level", log_level, "--forwarded-allow-ips", trust]
        with self.log.open("wb") as sink:
            self.proc = subprocess.Popen(
                argv, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.url = f"http://127.0.0.1:{self.port}"

    def wait_ready(self) -> None:
        _wait(f"{self.url}/readyz", self.proc, self.log, True)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=30)


def _wait(
    url: str, proc: subprocess.Popen[bytes], log: Path, verify: ssl.SSLContext | bool
) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    with httpx.Client(timeout=2, verify=verify) as client:
        while time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text(errors="replace")
            try:
                if client.get(url).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.05)  # polling for the port to open; there is no event to wait on
    raise AssertionError(f"{url} never answered: {log.read_text(errors='replace')}")


def _compiled_temp_paths() -> list[str]:
    """The ``*_temp_path`` directives of the modules this nginx has (nginx-light lacks some)."""
    assert NGINX is not None
    built = subprocess.run([NGINX, "-V"], capture_output=True, text=True, check=True).stderr
    names = ["client_body", "proxy"]
    names += [m for m in ("fastcgi", "uwsgi", "scgi") if f"--without-http_{m}_module" not in built]
    return names


def nginx_config(tmp: Path, upstreams: list[int], https: int, http: int, pem: Path) -> Path:
    """packaging/server's site on loopback ports, with the test's certificate and upstreams."""
    site = SITE.read_text(encoding="utf-8")
    line = "    server 127.0.0.1:8000 max_fails=2 fail_timeout=10s;\n"
    assert line in site
    site = site.replace(line, "".join(line.replace("8000", str(p)) for p in upstreams))
    site = re.sub(r"^\s*listen \[::\].*\n", "", site, flags=re.MULTILINE)
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{http};"),
        ("listen 443 ssl http2;", f"listen 127.0.0.1:{https} ssl http2;"),
        ("/etc/letsencrypt/live/pos.example.co.id/fullchain.pem", str(pem)),
        ("/etc/letsencrypt/live/pos.example.co.id/privkey.pem", str(pem)),
        ("pos.example.co.id", "localhost"),
    ):
        assert old in site, old
        site = site.replace(old, new)
    temp = "\n".join(f"    {n}_temp_path {tmp / n};" for n in _compiled_temp_paths())
    user = "user root;\n" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {tmp / 'nginx.pid'};\n"
        f"error_log {tmp / 'error.log'} warn;\nevents {{ worker_connections 64; }}\n"
        "http {\n    log_format upstreams '$upstream_addr $status \"$request\"';\n"
        f"    access_log {tmp / 'access.log'} upstreams;\n{temp}\n{site}\n}}\n",
        encoding="utf-8",
    )
    return conf


@pytest.fixture(scope="module")
def till_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("till-template") / "till"
    seeded_till(home)
    return home


@pytest.fixture
def pg_url() -> Iterator[str]:
    url, name = create_pg_database("pos_proxy")
    try:
        yield url
    finally:
        drop_pg_database(name)


@pytest.fixture
def tls(tmp_path: Path) -> tuple[Path, Path]:
    """(server key and chain PEM, CA PEM) for 127.0.0.1 and localhost."""
    ca = trustme.CA()
    pem, ca_file = tmp_path / "server.pem", tmp_path / "ca.pem"
    ca.issue_cert("127.0.0.1", "localhost").private_key_and_cert_chain_pem.write_to_path(str(pem))
    ca.cert_pem.write_to_path(str(ca_file))
    return pem, ca_file


def _push_all(paths: AppPaths, secrets: MemoryStore, config: object, tries: int = 3) -> None:
    """Push until nothing is pending; a round that fails (a server just went away) is retried
    like the sync thread would."""
    with paired_till(paths, secrets, config) as t:  # type: ignore[arg-type]
        for _ in range(tries):
            try:
                t.engine.push_pending()
                t.engine.push_journal()
            except CloudError:
                continue
            if all(s == "done" for s, _ in outbox_rows(paths.database).values()):
                return
    raise AssertionError(f"sales left unsent: {outbox_rows(paths.database)}")


def _secure_cookie(response: httpx.Response) -> bool:
    cookies = response.headers.get_list("set-cookie")
    assert cookies, response.headers
    return all("secure" in c.lower() for c in cookies)


@needs_nginx
def test_a_till_syncs_through_nginx_to_two_servers_on_one_database(
    pg_url: str, tls: tuple[Path, Path], till_template: Path, tmp_path: Path
) -> None:
    pem, ca_file = tls
    ca = ssl.create_default_context(cafile=str(ca_file))
    servers = [Backend(pg_url, tmp_path), Backend(pg_url, tmp_path)]  # both migrate at once
    proxy_dir = tmp_path / "nginx"
    proxy_dir.mkdir()
    https, http = free_port(), free_port()
    conf = nginx_config(proxy_dir, [s.port for s in servers], https, http, pem)
    assert NGINX is not None
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(proxy_dir), "-c", str(conf), "-e", str(proxy_dir / "error.log")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    log = proxy_dir / "error.log"
    nginx = subprocess.Popen(
        [NGINX, "-p", str(proxy_dir), "-c", str(conf), "-e", str(log)], start_new_session=True
    )
    proxy = f"https://127.0.0.1:{https}"
    try:
        for server in servers:
            server.wait_ready()
        _wait(f"{proxy}/readyz", nginx, log, ca)
        db = open_cloud_db(pg_url)
        tenant = make_tenant(db, products=[to_product_in(item) for item in demo_catalog()])
        config = dataclasses.replace(FAST_SYNC, ca_bundle=ca_file, batch_size=3)
        secrets = MemoryStore()
        till = till_template.parent / "proxied"
        shutil.copytree(till_template, till, ignore=shutil.ignore_patterns("*.lock", "*.bak"))
        paths = till_paths(till)
        enroll(paths, config, server=proxy, code=tenant.enrollment_code(), store=secrets)
        with paired_till(paths, secrets, config) as t:
            t.engine.pull_catalog()
            sold = {s.sale_id for s in sell(t.till, 12, random.Random(1))}
        _push_all(paths, secrets, config)
        # Every answer lost: all twelve go again, each to whichever server nginx picks.
        conn = sqlite3.connect(paths.database)
        with conn:
            conn.execute("UPDATE outbox SET status = 'pending', ack_status = NULL")
        conn.close()
        _push_all(paths, secrets, config)
        assert {a for s, a in outbox_rows(paths.database).values()} == {"duplicate"}

        with httpx.Client(verify=ca) as client:
            assert _secure_cookie(client.get(f"{proxy}/app/signin"))
            redirect = client.get(f"http://127.0.0.1:{http}/readyz")
        assert redirect.status_code == 308
        assert redirect.headers["location"].startswith("https://")
        assert not _secure_cookie(httpx.get(f"{servers[0].url}/app/signin"))

        servers[1].stop()  # one server gone: the till goes on through the other
        with paired_till(paths, secrets, config) as t:
            sold |= {s.sale_id for s in sell(t.till, 3, random.Random(2))}
        _push_all(paths, secrets, config)
        with db.read() as session:
            stored = session.execute(
                select(SaleRow.sale_id, func.count())
                .where(SaleRow.org_id == tenant.org_id)
                .group_by(SaleRow.sale_id)
            ).all()
        db.dispose()
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
        for server in servers:
            server.stop()
    assert {str(r[0]) for r in stored} == sold
    assert {int(r[1]) for r in stored} == {1}
    served = re.findall(r"^(\S+) (\d{3}) ", (proxy_dir / "access.log").read_text(), re.MULTILINE)
    ok_by = {addr for addr, status in served if status.startswith("2")}
    assert {f"127.0.0.1:{s.port}" for s in servers} <= ok_by, served


def test_forwarded_headers_count_only_from_the_trusted_proxy(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'c.db'}"
    claims = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    servers = [Backend(url, tmp_path, trust="192.0.2.10")]
    servers[0].wait_ready()
    servers.append(Backend(url, tmp_path, trust="127.0.0.1"))
    try:
        servers[1].wait_ready()
        untrusted, trusted = (httpx.get(f"{s.url}/app/signin", headers=claims) for s in servers)
    finally:
        for server in servers:
            server.stop()
    assert not _secure_cookie(untrusted), "a client's own X-Forwarded-Proto was believed"
    assert _secure_cookie(trusted)


def caddy_config(tmp: Path, upstreams: list[int], https: int, http: int) -> Path:
    """packaging/server's Caddyfile on loopback ports with the test's certificate, admin off."""
    site = CADDYFILE.read_text(encoding="utf-8")
    for old, new in (
        (
            "pos.example.co.id {\n",
            f"https://127.0.0.1:{https} {{\n\ttls {tmp / 'cert.pem'} {tmp / 'key.pem'}\n",
        ),
        (
            "reverse_proxy 127.0.0.1:8000 {",
            "reverse_proxy " + " ".join(f"127.0.0.1:{p}" for p in upstreams) + " {",
        ),
    ):
        assert old in site, old
        site = site.replace(old, new)
    conf = tmp / "Caddyfile"
    conf.write_text(
        f"{{\n\tadmin off\n\thttp_port {http}\n\thttps_port {https}\n"
        f"\tskip_install_trust\n}}\n\n{site}",
        encoding="utf-8",
    )
    return conf


def start_caddy(conf: Path, tmp: Path) -> subprocess.Popen[bytes]:
    """``caddy validate`` the file, then ``caddy run`` it with its state kept in ``tmp``."""
    assert CADDY is not None
    env = {**os.environ, "XDG_DATA_HOME": str(tmp / "data"), "HOME": str(tmp)}
    env["XDG_CONFIG_HOME"] = str(tmp / "config")
    argv = ["--config", str(conf), "--adapter", "caddyfile"]
    checked = subprocess.run(
        [CADDY, "validate", *argv], capture_output=True, text=True, check=False, env=env
    )
    assert checked.returncode == 0, checked.stderr[-3000:]
    with (tmp / "caddy.log").open("wb") as sink:
        return subprocess.Popen(
            [CADDY, "run", *argv],
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


@pytest.mark.skipif(CADDY is None, reason="caddy is not installed (apt: caddy)")
def test_the_caddyfile_proxies_to_both_servers_over_tls(tmp_path: Path) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    cert.cert_chain_pems[0].write_to_path(str(tmp_path / "cert.pem"))
    cert.private_key_pem.write_to_path(str(tmp_path / "key.pem"))
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    url = f"sqlite:///{tmp_path / 'c.db'}"
    servers = [Backend(url, tmp_path, log_level="info")]
    caddy = None
    try:
        servers[0].wait_ready()  # the first one migrates the new SQLite file alone
        servers.append(Backend(url, tmp_path, log_level="info"))
        servers[1].wait_ready()  # before Caddy's first health check, which would mark it down
        https, http = free_port(), free_port()
        conf = caddy_config(tmp_path, [s.port for s in servers], https, http)
        caddy = start_caddy(conf, tmp_path)
        proxy = f"https://127.0.0.1:{https}"
        verify = ssl.create_default_context(cafile=str(ca_file))
        _wait(f"{proxy}/readyz", caddy, tmp_path / "caddy.log", verify)
        with httpx.Client(verify=verify) as client:
            answers = [client.get(f"{proxy}/healthz") for _ in range(8)]
            signin = client.get(f"{proxy}/app/signin")
    finally:
        if caddy is not None:
            caddy.terminate()
            caddy.wait(timeout=30)
        for server in servers:
            server.stop()
    assert {a.status_code for a in answers} == {200}
    assert all(len(a.headers["x-request-id"]) == 36 for a in answers)  # Caddy's UUID
    assert _secure_cookie(signin)
    for server in servers:
        lines = server.log.read_text(errors="replace").splitlines()
        assert any('"path": "/healthz"' in line for line in lines), server.log
