"""A till home with the demo store plus a 300,000-product synthetic catalog, built once and
reused between runs (the catalog is deterministic)."""

from __future__ import annotations

import logging
from pathlib import Path

from bench.staff import add_bench_staff
from pos_desktop.app import seed_demo_store
from pos_desktop.domain.demo_catalog import synthetic_products
from pos_desktop.localdb.engine import open_engine
from pos_desktop.localdb.seed import bulk_load_products
from pos_desktop.paths import AppPaths, resolve_paths

log = logging.getLogger(__name__)

CATALOG_SIZE = 300_000


def bench_home(root: Path, size: int = CATALOG_SIZE) -> AppPaths:
    home = root / f"catalog-{size}"
    paths = resolve_paths(env={"POS_DESKTOP_HOME": str(home)})
    marker = home / ".loaded"
    if marker.exists():
        return paths
    seed_demo_store(paths, force=True)
    add_bench_staff(paths)
    engine = open_engine(paths.database)
    try:
        loaded = bulk_load_products(engine, synthetic_products(size, seed=1))
    finally:
        engine.dispose()
    log.info("loaded %d synthetic products into %s", loaded, paths.database)
    marker.write_text(str(loaded))
    return paths
