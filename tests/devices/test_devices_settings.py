"""The device screen's drawer test opens the drawer with no sale, so it asks the permission
table for ``CHANGE_SETTINGS`` (by default a manager's) like any other settings action: a role
the shop grants it to may test the drawer, one without it is refused and the drawer stays shut."""

from __future__ import annotations

import pytest

from pos_desktop.devices.lifecycle import DeviceState
from pos_desktop.domain.permissions import Permission, PermissionTable, Role
from pos_desktop.services.ports import StaffMember
from pos_desktop.ui.device_bridge import DeviceBridge
from pos_desktop.ui.device_settings import DeviceSettingsDialog
from tests.devices.fakes import FakePrinter

KICK = b"\x1bp"
SARI = StaffMember(4, "S01", "Sari", Role.SUPERVISOR)
MAYA = StaffMember(3, "M01", "Maya", Role.MANAGER)
SUPERVISORS_CHANGE_SETTINGS = PermissionTable.default().with_grant(
    Role.SUPERVISOR, Permission.CHANGE_SETTINGS, True
)


@pytest.mark.parametrize(
    ("member", "table", "kicked"),
    [
        (None, PermissionTable.default(), False),
        (SARI, PermissionTable.default(), False),
        (MAYA, PermissionTable.default(), True),
        (SARI, SUPERVISORS_CHANGE_SETTINGS, True),
    ],
)
def test_the_drawer_test_follows_the_permission_table(
    qtbot, make_hub, plug, member, table, kicked
) -> None:
    printer = plug(FakePrinter, "printer")
    hub, events = make_hub({"printer": {"url": printer.url}, "drawer": {"url": "printer"}})
    events.wait_state("printer", DeviceState.ENABLED, None)
    bridge = DeviceBridge(hub)
    dialog = DeviceSettingsDialog(hub, bridge, member, table)
    qtbot.addWidget(dialog)
    try:
        dialog.run_test("drawer")
        if kicked:
            qtbot.waitUntil(lambda: dialog.results.get("drawer") == "drawer kicked", timeout=10_000)
            assert KICK in bytes(printer.printed)
        else:
            assert dialog.message.code == "drawer.not_permitted"
            assert "drawer" not in dialog.results
            assert KICK not in bytes(printer.printed)
    finally:
        bridge.close()
