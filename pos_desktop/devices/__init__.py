"""The till's hardware: receipt printers, cash drawers, scanners, pole displays and scales.

Nothing here imports Qt. Each physical device gets its own ``DeviceWorker`` thread that owns the
port, so a slow or unplugged device never blocks the cashier screen or the database thread; the
UI hears about states, scans and print results through listener callbacks, which
``pos_desktop.ui.device_bridge`` turns into queued Qt signals.
"""

from pos_desktop.devices.lifecycle import DeviceKind, DeviceState, DeviceStatus

__all__ = ["DeviceKind", "DeviceState", "DeviceStatus"]
