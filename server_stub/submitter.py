"""The paired till that pushed a batch, as the routes hand it to the use cases that store it."""

from __future__ import annotations

from dataclasses import dataclass

from server_stub.models import Store


@dataclass(frozen=True, slots=True)
class Submitter:
    """The paired till that sent the batch."""

    org_id: str
    device_id: str
    store: Store
    till_code: str
