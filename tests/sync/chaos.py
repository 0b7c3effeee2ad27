"""Fault-injection rounds against a real ``pos-server``: network faults and till crashes.

After every round the invariants are checked once the network is quiet: the cloud's set of
sale ids equals the till's committed set, the per-day totals match, no sale is stored twice,
every sale the cloud acknowledged is marked done on the till, and the till's catalog equals the
cloud's. ``make chaos`` runs 1,000 of each and prints the tally; CI runs fewer (test_chaos.py).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path

from pos_desktop.paths import AppPaths
from pos_desktop.sync.client import CloudError
from pos_desktop.sync.config import SyncConfig
from pos_desktop.sync.pairing import enroll
from server_stub.demo import demo_catalog, to_product_in
from tests.sync.cloud import ROOT, CloudServer, Tenant, make_tenant, open_cloud_db
from tests.sync.fault_proxy import NETWORK_FAULTS, FaultProxy
from tests.sync.helpers import paired_till
from tests.sync.till import MemoryStore, outbox_rows, seeded_till, sell, till_catalog, till_sales

CHAOS_SYNC = SyncConfig(
    credential_store="file",
    batch_size=20,
    pull_interval_s=0.1,
    stock_interval_s=5,
    profile_interval_s=30,
    probe_interval_s=0.1,
    retry_min_s=0.02,
    retry_max_s=0.2,
    connect_timeout_s=1.0,
    read_timeout_s=0.5,
)
# Pairing is not under test, and the server hashes the new device secret with argon2: on a loaded
# machine that alone can outlast the rounds' half-second read timeout.
PAIRING_SYNC = replace(CHAOS_SYNC, read_timeout_s=30.0)
CHAOS_CONFIG = """\
idle_lock_minutes = 0
[sync]
credential_store = "file"
batch_size = 20
pull_interval_s = 0.1
probe_interval_s = 0.1
retry_min_s = 0.02
retry_max_s = 0.2
connect_timeout_s = 1.0
read_timeout_s = 0.5
"""


@dataclass
class Tally:
    network_faults: Counter[str] = field(default_factory=Counter)
    crashes: int = 0
    server_kills: int = 0
    sales: int = 0
    rounds: int = 0

    def lines(self) -> list[str]:
        faults = sum(self.network_faults.values())
        detail = ", ".join(f"{k} {v}" for k, v in sorted(self.network_faults.items()))
        return [
            f"network faults: {faults} ({detail})",
            f"till crashes (SIGKILL): {self.crashes}",
            f"server kills mid-batch: {self.server_kills}",
            f"sales made: {self.sales}; rounds: {self.rounds}; invariants held after each",
        ]


def check_invariants(paths: AppPaths, tenant: Tenant, committed: set[str] | None = None) -> None:
    conn = sqlite3.connect(paths.database)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    till = till_sales(paths.database)
    if committed is not None:
        missing = committed - set(till)
        assert not missing, f"committed sales missing on the till: {sorted(missing)[:3]}"
    server = tenant.sale_ids()
    assert len(server) == len(set(server)), "a sale is stored twice in the cloud"
    assert set(server) == set(till), (
        f"cloud and till differ: {len(set(server) - set(till))} only in the cloud, "
        f"{len(set(till) - set(server))} only on the till"
    )
    rows = outbox_rows(paths.database)
    assert {sid for sid, (status, _) in rows.items() if status == "done"} == set(server)
    days: dict[str, tuple[int, int]] = {}
    for day, total in till.values():
        n, t = days.get(day, (0, 0))
        days[day] = (n + 1, t + total)
    assert tenant.daily_totals() == days, "per-day totals differ"
    assert till_catalog(paths.database) == tenant.catalog_snapshot(), "catalogs differ"


def _settle(paths: AppPaths, secrets: MemoryStore | None) -> None:
    """The quiet period: a clean round of sync (the till restarted, the network fine)."""
    with paired_till(paths, secrets or _file_secrets(paths), CHAOS_SYNC) as t:
        for _ in range(3):
            try:
                t.engine.push_pending()
                t.engine.pull_catalog()
                return
            except CloudError:
                continue
        t.engine.push_pending()
        t.engine.pull_catalog()


def _file_secrets(paths: AppPaths) -> MemoryStore:
    from pos_desktop.localdb import catalog_sync
    from pos_desktop.localdb.store import open_local_store
    from pos_desktop.sync.credentials import FileStore

    store = open_local_store(paths.database)
    try:
        with store.session_factory() as session:
            pairing = catalog_sync.load_pairing(session)
    finally:
        store.close()
    assert pairing is not None
    token = FileStore(paths.data_dir / "device-credential.json").load(pairing.device_id)
    assert token is not None
    return MemoryStore({pairing.device_id: token})


def _change_catalog(tenant: Tenant, rng: random.Random) -> None:
    snapshot = tenant.catalog_snapshot()
    pid = rng.choice(sorted(snapshot))
    tenant.patch_product(pid, price=rng.randint(500, 90_000))


def network_rounds(
    faults: int, server: CloudServer, tenant: Tenant, work: Path, tally: Tally, seed: int = 1
) -> None:
    """Each round: a few sales, a push (and sometimes a pull) through a random fault, then the
    quiet retry and the invariants."""
    rng = random.Random(seed)
    proxy = FaultProxy(server.port, delay_s=0.05).start()
    try:
        paths = seeded_till(work / "net-till")
        secrets = MemoryStore()
        enroll(paths, PAIRING_SYNC, server=proxy.url, code=tenant.enrollment_code(), store=secrets)
        with paired_till(paths, secrets, CHAOS_SYNC) as t:
            t.engine.pull_catalog()
            done = 0
            while done < faults:
                tally.sales += len(sell(t.till, rng.randint(1, 6), rng))
                if rng.random() < 0.3:
                    _change_catalog(tenant, rng)
                burst = [rng.choice(NETWORK_FAULTS) for _ in range(rng.randint(1, 3))]
                proxy.plan(burst)
                for step in (t.engine.push_pending, t.engine.pull_catalog, t.engine.push_pending):
                    try:
                        step()
                    except CloudError:
                        pass
                leftover = proxy.clear_plan()  # faults no request met are not counted
                for _ in range(5):
                    try:
                        t.engine.push_pending()
                        t.engine.pull_catalog()
                        break
                    except CloudError:
                        continue
                used = burst[: len(burst) - leftover] if leftover else burst
                for fault in used:
                    tally.network_faults[fault.value] += 1
                done += len(used)
                tally.rounds += 1
                check_invariants(paths, tenant)
    finally:
        proxy.stop()


def _seller(paths: AppPaths, seed: int) -> subprocess.Popen[str]:
    env = dict(
        os.environ,
        POS_DESKTOP_HOME=str(paths.data_dir.parent),
        PYTHONPATH=str(ROOT),
        QT_QPA_PLATFORM="offscreen",
    )
    return subprocess.Popen(
        [sys.executable, "-m", "tests.sync.sync_seller", str(seed)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def crash_rounds(
    crashes: int, server: CloudServer, tenant: Tenant, work: Path, tally: Tally, seed: int = 2
) -> None:
    """Each round: the headless till sells and syncs, is SIGKILLed at a random moment (every
    tenth round the server is killed mid-batch too), restarts, and the invariants hold."""
    rng = random.Random(seed)
    paths = seeded_till(work / "crash-till")
    paths.config_file.write_text(CHAOS_CONFIG, encoding="utf-8")
    enroll(paths, PAIRING_SYNC, server=server.url, code=tenant.enrollment_code())
    _settle(paths, None)
    committed: set[str] = set()
    for round_no in range(crashes):
        proc = _seller(paths, seed * 100_000 + round_no)
        assert proc.stdout is not None
        first = proc.stdout.readline()
        if first.strip() != "READY":
            proc.kill()
            _, err = proc.communicate()
            raise AssertionError(f"seller did not start: {first!r} {err[-2000:]}")
        kill_server = round_no % 10 == 9
        time.sleep(rng.uniform(0.02, 0.4))
        if kill_server:
            server.kill()
            tally.server_kills += 1
            time.sleep(rng.uniform(0.0, 0.1))
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate()
        assert proc.returncode == -signal.SIGKILL, (
            f"round {round_no}: the seller exited by itself ({proc.returncode}): {err[-3000:]}"
        )
        tally.crashes += 1
        made = {ln.split()[1] for ln in out.splitlines() if ln.startswith("COMMITTED ")}
        committed |= made
        tally.sales += len(made)
        if kill_server:
            server.start()
        if rng.random() < 0.3:
            _change_catalog(tenant, rng)
        _settle(paths, None)
        tally.rounds += 1
        check_invariants(paths, tenant, committed)


def run(faults: int, crashes: int, work: Path, database_url: str | None = None) -> Tally:
    tally = Tally()
    url = database_url or f"sqlite:///{work / 'cloud.db'}"
    db = open_cloud_db(url)
    tenant = make_tenant(db, products=[to_product_in(i) for i in demo_catalog()])
    server = CloudServer(url, work / "cloud", workers=1)
    server.start()
    try:
        if faults:
            network_rounds(faults, server, tenant, work, tally)
        if crashes:
            crash_rounds(crashes, server, tenant, work, tally)
    finally:
        server.stop()
        db.dispose()
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="chaos", description=__doc__)
    parser.add_argument("--faults", type=int, default=1000)
    parser.add_argument("--crashes", type=int, default=1000)
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pos-chaos-") as tmp:
        work = args.work or Path(tmp)
        started = time.monotonic()
        tally = run(args.faults, args.crashes, work)
    for line in tally.lines():
        print(line)
    print(f"took {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
