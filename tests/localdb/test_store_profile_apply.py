"""Applying the cloud's store profile on the till: every field it owns, and nothing it does not
send; one transaction with the journal entry."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.sync_messages import CloudStore
from pos_desktop.localdb import journal
from pos_desktop.localdb.catalog_sync import apply_cloud_store
from pos_desktop.localdb.settings import SqlStoreSettings
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.ports import StoreProfile

OLDER_CLOUD = CloudStore(
    store_code="S01",
    till_code="T01",
    name="Toko Uji Baru",
    address="",
    currency="IDR",
    ppn_enabled=True,
    prices_include_tax=False,
    rounding_step=500,
)
"""A server from before the full profile: no NPWP, receipt lines or version in its answer."""


def apply(factory: sessionmaker[Session], cloud: CloudStore) -> StoreProfile:
    with write_session(factory, "test") as session:
        return apply_cloud_store(session, cloud, pairing=False)


def settings_changes(factory: sessionmaker[Session]) -> list[dict[str, object]]:
    with read_session(factory, "test") as session:
        return [
            json.loads(e.data)
            for e in journal.entries(session)
            if e.kind == JournalKind.SETTINGS_CHANGE
        ]


def test_an_older_cloud_leaves_what_it_does_not_send(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    profile = apply(factory, OLDER_CLOUD)
    assert (profile.npwp, profile.phone, profile.footer_lines) == (
        store.npwp,
        store.phone,
        store.footer_lines,
    )
    assert profile.address_lines == store.address_lines
    assert (profile.name, profile.rounding_step, profile.version) == ("Toko Uji Baru", 500, 0)
    assert not profile.tax.prices_include_tax
    [entry] = settings_changes(factory)  # journaled though the cloud names no version
    assert (entry["old_version"], entry["new_version"]) == (0, 0)
    assert entry["changed"] == {
        "name": ["Toko Uji", "Toko Uji Baru"],
        "prices_include_tax": [True, False],
        "rounding_step": [100, 500],
    }
    apply(factory, OLDER_CLOUD)
    assert len(settings_changes(factory)) == 1  # the same again changes nothing
    assert SqlStoreSettings(factory).store_profile() == profile


def test_a_versioned_cloud_owns_every_field_an_empty_one_included(
    factory: sessionmaker[Session], store: StoreProfile
) -> None:
    cloud = CloudStore(
        store_code="S01",
        till_code="T01",
        name="Toko Uji",
        address="",
        currency="IDR",
        ppn_enabled=False,
        prices_include_tax=True,
        rounding_step=100,
        legal_name="CV Uji",
        npwp="",
        phone="",
        receipt_header=("Halo",),
        receipt_footer=(),
        profile_version=4,
    )
    profile = apply(factory, cloud)
    assert profile.address_lines == () and profile.npwp == "" and profile.footer_lines == ()
    assert (profile.legal_name, profile.header_lines, profile.version) == ("CV Uji", ("Halo",), 4)
    [entry] = settings_changes(factory)
    assert (entry["old_version"], entry["new_version"]) == (0, 4)
    changed = entry["changed"]
    assert isinstance(changed, dict)
    assert changed["npwp"] == [store.npwp, ""]
    assert changed["receipt_header"] == [[], ["Halo"]]
    assert "rounding_step" not in changed
    assert SqlStoreSettings(factory).store_profile() == profile
