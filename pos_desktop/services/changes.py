"""What one operation changed, told once to everyone who shows or forwards it.

The main window publishes a ``TillChanges`` after each operation (through
``ui.changes.ChangeHub``): the sale screen's commits, cancellations, scans and payments, its own
logins, locks, logouts and store-profile changes; the store-operations panel adds the shift's.
Receipt and report sinks, the pole display, the sync notifier, the backup label, the staff
check, the pairing offer and the store-operations panel subscribe and look only at the fields
they care about. They never reach into the screen that made the change, so a new screen
or a new sink is one subscription, not another wire through ``MainWindow``. This is the shape of
Anki's ``OpChanges`` / ``operation_did_execute``: one value, many readers.

Qt-free on purpose: the services may build one, and tests can compare them.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_desktop.domain.sale import SaleRecord
from pos_desktop.services.checkout import CommittedSale
from pos_desktop.services.ports import StaffMember, StoreProfile


@dataclass(frozen=True, slots=True)
class TillChanges:
    """Every field defaults to "not changed"; an operation sets what it changed."""

    cart: bool = False
    """The open sale's lines or totals changed (scan, quantity, discount, price, removal)."""
    line_added: int | None = None
    """The line id a scan or a search just added to (or merged into)."""
    payment_due: int | None = None
    """The payment dialog opened for this total, in rupiah."""
    sale: CommittedSale | None = None
    """A sale was committed (its receipt already delivered, or ``receipt_error`` says why not)."""
    sale_ended: bool = False
    """The open sale ended without payment (cancelled or parked): a sale boundary."""
    profile: StoreProfile | None = None
    """The store profile in force changed (a pairing, or a boundary read a new version)."""
    cashier: StaffMember | None = None
    """This person just logged in (or unlocked the till)."""
    locked: bool = False
    """The till went back to the PIN screen (by hand or idle); the cart is kept."""
    logged_out: bool = False
    """The cashier logged out; their empty cart is gone."""
    shift: bool = False
    """A cash shift opened or closed, or cash moved in or out of the drawer."""
    reprinted: SaleRecord | None = None
    """A receipt was printed again as a copy."""

    @property
    def sale_boundary(self) -> bool:
        """The cart is empty again: committed, cancelled or parked."""
        return self.sale is not None or self.sale_ended
