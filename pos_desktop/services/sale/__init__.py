"""The sale desk: the open sale and the cashier's actions on it, as Qt-free use cases.

``desk.SaleDesk`` holds the sale and its rules, ``outcomes`` the typed results of its actions,
``weighing`` the rules for weighed products and the queue behind a weighing, ``typed`` the
reading of what the cashier typed.
"""

from __future__ import annotations

from pos_desktop.services.sale.desk import SaleDesk, picked
from pos_desktop.services.sale.outcomes import (
    AddOutcome,
    CartChange,
    JournalDraft,
    NeedsApproval,
    Parked,
    PaymentDue,
    PaymentWaits,
    Queued,
    Refused,
    SaleAction,
    SaleEnded,
    TypeWeight,
    WeighOnScale,
    WeightOutcome,
)

__all__ = [
    "AddOutcome",
    "CartChange",
    "JournalDraft",
    "NeedsApproval",
    "Parked",
    "PaymentDue",
    "PaymentWaits",
    "Queued",
    "Refused",
    "SaleAction",
    "SaleDesk",
    "SaleEnded",
    "TypeWeight",
    "WeighOnScale",
    "WeightOutcome",
    "picked",
]
