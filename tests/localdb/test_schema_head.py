from pathlib import Path

from pos_desktop.localdb.engine import open_engine
from pos_desktop.localdb.migrate import head_revision, upgrade
from pos_desktop.localdb.schema import HEAD_REVISION, schema_revision
from pos_desktop.localdb.store import open_local_store


def test_head_constant_matches_the_migrations() -> None:
    assert HEAD_REVISION == head_revision()


def test_schema_revision_of_new_and_migrated_databases(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "till.db")
    try:
        assert schema_revision(engine) is None
        upgrade(engine)
        assert schema_revision(engine) == HEAD_REVISION
    finally:
        engine.dispose()


def test_open_local_store_migrates_a_new_database(tmp_path: Path) -> None:
    store = open_local_store(tmp_path / "till.db")
    try:
        assert schema_revision(store.engine) == HEAD_REVISION
    finally:
        store.close()
