"""Pairing: the credential goes to the OS keyring, or to an owner-only file only when chosen;
https everywhere but loopback, certificates always verified."""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import ssl
import stat
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import trustme

import pos_desktop
from pos_desktop.domain.errors import UserError
from pos_desktop.paths import AppPaths
from pos_desktop.sync.client import CloudClient, Unreachable
from pos_desktop.sync.config import SyncConfig, parse_sync_table
from pos_desktop.sync.credentials import SERVICE, FileStore
from pos_desktop.sync.pairing import enroll
from pos_desktop.sync.urls import check_server_url
from tests.sync.cloud import ROOT, CloudServer, Tenant
from tests.sync.conftest import MemoryKeyring
from tests.sync.till import FAST_SYNC, MemoryStore, pair

PACKAGE = Path(pos_desktop.__file__).parent


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8765", "http://localhost:8000/", "http://[::1]:9", "https://cloud.example"],
)
def test_loopback_may_be_plain_http_anything_else_is_https(url: str) -> None:
    assert check_server_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    ("url", "code"),
    [
        ("http://cloud.example", "sync.https_required"),
        ("http://192.168.1.10:8000", "sync.https_required"),
        ("ftp://cloud.example", "sync.bad_server_url"),
        ("cloud.example", "sync.bad_server_url"),
        ("https://user:pw@cloud.example", "sync.bad_server_url"),
    ],
)
def test_unsafe_or_malformed_server_urls_are_refused(url: str, code: str) -> None:
    with pytest.raises(UserError) as caught:
        check_server_url(url)
    assert caught.value.code == code


def test_no_code_turns_certificate_verification_off() -> None:
    offenders = []
    pattern = re.compile(
        r"verify\s*=\s*False|CERT_NONE|check_hostname\s*=\s*False|_create_unverified"
    )
    for path in PACKAGE.rglob("*.py"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert offenders == []


def test_sync_settings_are_read_and_checked() -> None:
    config = parse_sync_table({"credential_store": "file", "ca_bundle": "~/ca.pem"})
    assert config.credential_store == "file"
    assert config.ca_bundle == Path("~/ca.pem").expanduser()
    for bad in ({"credential_store": "plaintext"}, {"retry_max_s": "soon"}, {"nope": 1}):
        with pytest.raises(ValueError):
            parse_sync_table(bad)


def test_enroll_stores_the_credential_in_the_os_keyring(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, memory_keyring: MemoryKeyring
) -> None:
    result = enroll(till_home, SyncConfig(), server=cloud.url, code=tenant.enrollment_code())
    token = memory_keyring.entries[(SERVICE, result.device_id)]
    assert token.startswith(result.device_id + ".")
    assert result.profile.store_code == "S01" and result.profile.till_code == "T01"
    assert result.profile.name == "Toko Sync"
    # Nothing secret in the database or the data folder.
    conn = sqlite3.connect(till_home.database)
    try:
        row = conn.execute("SELECT server_url, device_id FROM sync_state").fetchone()
    finally:
        conn.close()
    server_url, device_id = row
    assert (server_url, device_id) == (cloud.url, result.device_id)
    secret = token.split(".", 1)[1]
    for path in till_home.data_dir.rglob("*"):
        if path.is_file():
            assert secret.encode() not in path.read_bytes(), path
    # The credential works.
    with CloudClient(cloud.url, token=token) as client:
        assert client.device_me().store.store_code == "S01"


def test_without_a_keyring_pairing_stops_before_spending_the_code(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, caplog: pytest.LogCaptureFixture
) -> None:
    import keyring
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    code = tenant.enrollment_code()
    try:
        with pytest.raises(UserError) as caught:
            enroll(till_home, SyncConfig(), server=cloud.url, code=code)
    finally:
        keyring.set_keyring(previous)
    assert caught.value.code == "sync.no_keyring"
    assert not (till_home.data_dir / "device-credential.json").exists()
    # The code was not used: the explicit file store pairs with it.
    caplog.set_level(logging.WARNING, logger="pos_desktop.sync.credentials")
    result = enroll(till_home, SyncConfig(credential_store="file"), server=cloud.url, code=code)
    credential = till_home.data_dir / "device-credential.json"
    assert stat.S_IMODE(credential.stat().st_mode) == 0o600
    assert FileStore(credential).load(result.device_id) is not None
    assert any("0600" in r.getMessage() for r in caplog.records), "the file store must say so"


def test_the_cli_names_the_choices_when_there_is_no_keyring(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths
) -> None:
    env = dict(
        os.environ,
        POS_DESKTOP_HOME=str(till_home.data_dir.parent),
        PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring",
        QT_QPA_PLATFORM="offscreen",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pos_desktop", "enroll", "--server", cloud.url, "--code", "X"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 3, result.stderr
    assert "keyring" in result.stderr.lower()
    assert 'credential_store = "file"' in result.stderr
    assert "sync.no_keyring" in result.stderr


def test_a_bad_or_used_code_is_a_clear_refusal(
    cloud: CloudServer, tenant: Tenant, till_home: AppPaths, secrets: MemoryStore
) -> None:
    code = tenant.enrollment_code()
    pair(till_home, cloud.url, code, secrets)
    with pytest.raises(UserError) as caught:
        pair(till_home, cloud.url, code, MemoryStore())
    assert caught.value.code == "sync.enrollment_refused"


def test_an_unreachable_server_is_named(till_home: AppPaths, secrets: MemoryStore) -> None:
    from tests.sync.cloud import free_port

    with pytest.raises(UserError) as caught:
        pair(till_home, f"http://127.0.0.1:{free_port()}", "ABCD-EFGH", secrets)
    assert caught.value.code == "sync.server_unreachable"


def test_https_with_a_custom_ca_bundle_and_never_without_trust(
    tmp_path: Path, till_home: AppPaths, secrets: MemoryStore
) -> None:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1", "localhost")
    pem = tmp_path / "server.pem"
    cert.private_key_and_cert_chain_pem.write_to_path(str(pem))
    ca_file = tmp_path / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_file))
    from tests.sync.cloud import make_tenant, open_cloud_db

    url = f"sqlite:///{tmp_path / 'tls.db'}"
    db = open_cloud_db(url)
    tenant = make_tenant(db)
    server = CloudServer(url, tmp_path, tls=(pem, pem))
    server.start(verify=ssl.create_default_context(cafile=str(ca_file)))
    try:
        code = tenant.enrollment_code()
        # The system CAs do not know this server: refused, and the code is not spent.
        with CloudClient(server.url) as client, pytest.raises(Unreachable) as caught:
            client.probe()
        assert (
            "CERTIFICATE_VERIFY_FAILED" in str(caught.value)
            or "certificate" in str(caught.value).lower()
        )
        config = SyncConfig(ca_bundle=ca_file)
        result = enroll(till_home, config, server=server.url, code=code, store=secrets)
        assert result.server_url == server.url
        with CloudClient(server.url, ca_bundle=ca_file, token=secrets.load(result.device_id)) as c:
            assert c.device_me().device_id == result.device_id
        with pytest.raises(httpx.ConnectError):
            httpx.get(server.url + "/healthz")
    finally:
        server.stop()
        db.dispose()


def test_fast_sync_settings_are_valid() -> None:
    assert FAST_SYNC.retry_max_s <= 1
