"""Refund use cases: find the original sale, check what may still be returned, commit, print.

The original sale is looked up on this till first (works offline). When the cloud is reachable
it is asked too: it knows sales of the other tills of the store and refunds other tills already
made, so partial returns add up across tills. Cloud refunds and this till's refunds are merged
by refund id (the cloud also holds this till's synced ones). Offline, only this till's own sales
and refunds are known; two tills refunding the same sale offline can together exceed what was
sold, which the cloud then flags (``over_refund``) while keeping both records.

All methods run on the database worker thread (they read the database and may call the cloud);
never on the Qt thread.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from pos_desktop.domain.errors import UserError
from pos_desktop.domain.permissions import Approval, Permission, PermissionTable, ReasonCode
from pos_desktop.domain.refund import (
    RefundRecord,
    build_refund,
    receipt_from_scan,
    refundable,
    refunded_so_far,
)
from pos_desktop.domain.sale import SaleRecord
from pos_desktop.services.ports import StaffMember, StoreProfile

log = logging.getLogger(__name__)


class CloudUnavailable(Exception):
    """The cloud could not answer the lookup (offline, server trouble, not paired)."""


@dataclass(frozen=True, slots=True)
class CloudSale:
    """The cloud's answer to a lookup: the sale document and the refunds it counted for it."""

    sale: SaleRecord
    refunds: tuple[RefundRecord, ...] = ()


CloudLookup = Callable[[str], CloudSale | None]
"""``lookup(receipt_no)``: the sale, ``None`` when the cloud does not know it; raises
``CloudUnavailable`` when it cannot answer and ``UserError`` for a sale it refuses to give."""


class RefundStore(Protocol):
    def sale_by_receipt(self, receipt_or_qr: str) -> SaleRecord | None: ...

    def refunds_of(self, sale_id: str) -> list[RefundRecord]: ...

    def commit_refund(
        self,
        sale_id: str,
        make: Callable[[str, Sequence[RefundRecord]], RefundRecord],
        approval: Approval | None = None,
    ) -> RefundRecord: ...


class RefundReceiptSink(Protocol):
    def deliver_refund(self, refund: RefundRecord, *, copy: bool = False) -> str:
        """Render and hand the refund slip over; returns where it went."""


def merge_refunds(*groups: Iterable[RefundRecord]) -> tuple[RefundRecord, ...]:
    """Refunds of all groups, each refund id once (the first seen wins), oldest first."""
    seen: dict[str, RefundRecord] = {}
    for group in groups:
        for refund in group:
            seen.setdefault(refund.refund_id, refund)
    return tuple(sorted(seen.values(), key=lambda r: (r.refunded_at, r.refund_no)))


@dataclass(frozen=True, slots=True)
class RefundCandidate:
    """A sale found for refunding, with what is already returned and what remains."""

    sale: SaleRecord
    earlier: tuple[RefundRecord, ...]
    already: Mapping[int, Decimal]
    remaining: Mapping[int, Decimal]
    source: str
    """``"local"`` (this till's database) or ``"cloud"``."""
    cloud_checked: bool
    """False when the cloud could not be asked: other tills' refunds may be missing."""

    @property
    def fully_refunded(self) -> bool:
        return all(q <= 0 for q in self.remaining.values())


@dataclass(frozen=True, slots=True)
class CommittedRefund:
    refund: RefundRecord
    receipt_error: UserError | None
    receipt_target: str


@dataclass
class RefundService:
    """Storage- and network-touching refund actions; call on the database worker thread."""

    store: RefundStore
    profile: Callable[[], StoreProfile]
    permissions: Callable[[], PermissionTable]
    clock: Callable[[], datetime]
    receipts: RefundReceiptSink | None = None
    cloud_lookup: CloudLookup | None = None

    # --- finding ------------------------------------------------------------------------------
    def find(self, receipt_or_qr: str) -> RefundCandidate:
        """The sale behind a receipt number or scanned receipt QR code.

        Refuses a receipt of another store (``refund.other_store``), an unknown receipt
        (``refund.sale_not_found``), and, offline, a receipt this till does not have
        (``refund.sale_not_found_offline``).
        """
        receipt_no = receipt_from_scan(receipt_or_qr)
        if not receipt_no:
            raise UserError("refund.receipt_required")
        profile = self.profile()
        local = self.store.sale_by_receipt(receipt_no)
        if local is None and _other_store_receipt(receipt_no, profile.store_code):
            raise UserError("refund.other_store", receipt_no=receipt_no)
        cloud: CloudSale | None = None
        cloud_checked = False
        if self.cloud_lookup is not None:
            try:
                cloud = self.cloud_lookup(receipt_no)
                cloud_checked = True
            except CloudUnavailable as exc:
                log.info("refund lookup of %s: cloud unavailable (%s)", receipt_no, exc)
        sale = local if local is not None else (cloud.sale if cloud is not None else None)
        if sale is None:
            if cloud_checked:
                raise UserError("refund.sale_not_found", receipt_no=receipt_no)
            raise UserError("refund.sale_not_found_offline", receipt_no=receipt_no)
        if sale.store_code != profile.store_code:
            raise UserError("refund.other_store", receipt_no=receipt_no)
        if cloud is not None and cloud.sale.sale_id != sale.sale_id:
            log.warning(
                "receipt %s is sale %s here but %s in the cloud; using this till's",
                receipt_no,
                sale.sale_id,
                cloud.sale.sale_id,
            )
            cloud = None
        earlier = merge_refunds(
            self.store.refunds_of(sale.sale_id), cloud.refunds if cloud is not None else ()
        )
        return RefundCandidate(
            sale=sale,
            earlier=earlier,
            already=refunded_so_far(sale, earlier),
            remaining=refundable(sale, earlier),
            source="local" if local is not None else "cloud",
            cloud_checked=cloud_checked,
        )

    # --- permission ---------------------------------------------------------------------------
    def needs_approval(self, cashier: StaffMember) -> bool:
        return not self.permissions().allows(cashier.role, Permission.REFUND)

    def check_permission(self, cashier: StaffMember, approval: Approval | None) -> None:
        self.permissions().require(
            cashier.role, Permission.REFUND, approval, actor_code=cashier.code
        )

    # --- building and committing --------------------------------------------------------------
    def _build(
        self,
        candidate: RefundCandidate,
        requested: Mapping[int, Decimal],
        earlier: Sequence[RefundRecord],
        *,
        to_cash: bool,
        cashier: StaffMember,
        reason: ReasonCode | str,
        approval: Approval | None,
        refund_id: str,
        refund_no: str,
        now: datetime,
    ) -> RefundRecord:
        profile = self.profile()
        return build_refund(
            candidate.sale,
            requested,
            earlier,
            to_cash,
            refund_id=refund_id,
            refund_no=refund_no,
            store_code=profile.store_code,
            till_code=profile.till_code,
            refunded_at=now,
            cashier_code=cashier.code,
            cashier_name=cashier.name,
            reason=str(reason),
            approver_code=approval.approver_code if approval is not None else None,
            approver_name=approval.approver_name if approval is not None else "",
            rounding_step=profile.rounding_step,
        )

    def preview(
        self,
        candidate: RefundCandidate,
        requested: Mapping[int, Decimal],
        *,
        to_cash: bool,
        cashier: StaffMember,
    ) -> RefundRecord:
        """The refund as it would be, without storing anything (for the dialog's total)."""
        return self._build(
            candidate,
            requested,
            candidate.earlier,
            to_cash=to_cash,
            cashier=cashier,
            reason=ReasonCode.OTHER,
            approval=None,
            refund_id="preview",
            refund_no="",
            now=self.clock(),
        )

    def commit(
        self,
        candidate: RefundCandidate,
        requested: Mapping[int, Decimal],
        *,
        to_cash: bool,
        cashier: StaffMember,
        reason: ReasonCode | str,
        approval: Approval | None = None,
        refund_id: str | None = None,
    ) -> CommittedRefund:
        """Check the permission, store the refund durably, then print the slip.

        The check "never more than sold" runs again inside the write transaction against this
        till's refunds as stored then, merged with what the cloud said at ``find``. A slip
        failure never undoes the refund.

        One refund has one reason: an approval given for another reason than ``reason`` is
        refused (``refund.reason_mismatch``), so the approval's journal entry, the refund's, the
        refund the cloud gets and the slip can never disagree.
        """
        self.check_permission(cashier, approval)
        if approval is not None and approval.reason.value != str(reason):
            raise UserError("refund.reason_mismatch")
        now = self.clock()
        the_id = refund_id or str(uuid.uuid4())

        def make(refund_no: str, local: Sequence[RefundRecord]) -> RefundRecord:
            return self._build(
                candidate,
                requested,
                merge_refunds(local, candidate.earlier),
                to_cash=to_cash,
                cashier=cashier,
                reason=reason,
                approval=approval,
                refund_id=the_id,
                refund_no=refund_no,
                now=now,
            )

        refund = self.store.commit_refund(candidate.sale.sale_id, make, approval)
        if self.receipts is None:
            return CommittedRefund(refund, None, "")
        try:
            target = self.receipts.deliver_refund(refund)
        except UserError as exc:
            log.warning("refund slip %s not produced: %s", refund.refund_no, exc)
            return CommittedRefund(refund, exc, "")
        except OSError as exc:
            log.exception("refund slip %s not produced", refund.refund_no)
            return CommittedRefund(refund, UserError("receipt.output_failed", reason=str(exc)), "")
        return CommittedRefund(refund, None, target)


def _other_store_receipt(receipt_no: str, store_code: str) -> bool:
    """A receipt number shaped ``<store>-<till>-<number>`` whose store is not this one."""
    parts = receipt_no.split("-")
    if len(parts) < 3 or not parts[-1].isdigit():
        return False
    return not receipt_no.startswith(f"{store_code}-")
