"""The sale desk without Qt: every cashier action, its refusal, the approval it may need, and the
same action again with the approval."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from pos_desktop.domain.cart import Cart, Product
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.domain.payments import Tender, TenderKind
from pos_desktop.domain.permissions import (
    Approval,
    Permission,
    PermissionTable,
    ReasonCode,
    TillPolicy,
)
from pos_desktop.domain.scan import ScanInput
from pos_desktop.domain.tax import EXEMPT, TaxSettings
from pos_desktop.services.checkout import Lookup, SaleSession
from pos_desktop.services.ports import StaffMember, StoreProfile
from pos_desktop.services.sale import (
    CartChange,
    NeedsApproval,
    Parked,
    PaymentDue,
    PaymentWaits,
    Queued,
    Refused,
    SaleAction,
    SaleDesk,
    SaleEnded,
    TypeWeight,
    WeighOnScale,
    picked,
)

PROFILE = StoreProfile(
    store_code="S01",
    till_code="T01",
    name="Toko",
    address_lines=(),
    npwp="",
    phone="",
    footer_lines=(),
    currency="IDR",
    tax=TaxSettings(),
    rounding_step=1,
)
AQUA = Product("p-aqua", "AQU", "Aqua", 4_000, EXEMPT, barcode="8991000000017")
MIE = Product("p-mie", "MIE", "Mie", 3_500, EXEMPT, barcode="8991000000024")
BERAS = Product("p-beras", "BERAS", "Beras", 12_000, EXEMPT, "2000001000001", True, "kg")
SITI = StaffMember(1, "K01", "Siti", "cashier")
SARI = StaffMember(2, "S01", "Sari", "supervisor")
ANI = StaffMember(3, "M01", "Ani", "manager")
BUDI = StaffMember(4, "K02", "Budi", "cashier")
START = datetime(2025, 3, 1, 9, 0, tzinfo=UTC)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def scan(product: Product, quantity: str | None = None) -> Lookup:
    typed = Decimal(quantity) if quantity is not None else None
    return Lookup(ScanInput(product.barcode, typed, None, None, None), product)


def approval(permission: Permission, by: StaffMember = SARI, reason=ReasonCode.OTHER) -> Approval:
    return Approval(permission, by.code, by.name, by.role, reason, START)


@pytest.fixture
def clock() -> Clock:
    return Clock()


def make_desk(clock: Clock, cashier: StaffMember = SITI, *, approvals: bool = True) -> SaleDesk:
    desk = SaleDesk(SaleSession(PROFILE), clock)
    desk.begin(cashier, desk.session)
    desk.approvals = approvals
    return desk


@pytest.fixture
def desk(clock: Clock) -> SaleDesk:
    return make_desk(clock)


def added(desk: SaleDesk, lookup: Lookup) -> CartChange:
    change = desk.add(lookup)
    assert isinstance(change, CartChange)
    return change


def quantities(desk: SaleDesk) -> list[tuple[str, Decimal]]:
    return [(line.product.sku, line.quantity) for line in desk.session.cart.lines]


def refused(code: str, action, *args, **kwargs) -> None:
    with pytest.raises(UserError) as error:
        action(*args, **kwargs)
    assert error.value.code == code


# --- scans --------------------------------------------------------------------------------------
def test_a_scan_adds_a_line_with_its_time_and_the_totals(desk, clock):
    change = added(desk, scan(AQUA, "3"))
    assert change.added and not change.removed and change.journal == ()
    assert change.line is not None and change.line.quantity == 3
    assert change.line.added_at == START
    assert change.totals.total == 12_000 == desk.session.totals().total
    assert added(desk, picked(MIE)).line == desk.session.cart.lines[1]


def test_lookups_in_flight_start_the_sale_once_and_hold_payment(desk):
    assert desk.lookup_sent() is True  # the first scan of a sale: read the profile first
    assert desk.lookup_sent() is False
    assert isinstance(desk.start_payment(), PaymentWaits)
    desk.lookup_returned()
    added(desk, scan(AQUA))
    assert not desk.ready_to_pay()  # one still in flight
    desk.lookup_returned()
    assert desk.ready_to_pay() and not desk.ready_to_pay()  # once
    assert isinstance(desk.start_payment(), PaymentDue)


def test_a_refused_scan_changes_nothing(desk):
    refused("quantity.not_whole", desk.add, scan(AQUA, "1.5"))
    assert desk.session.cart.is_empty


# --- weighed products ---------------------------------------------------------------------------
def test_the_scale_weighs_and_scans_behind_it_wait_in_order(desk):
    desk.has_scale = True
    asked = desk.add(scan(BERAS))
    assert isinstance(asked, WeighOnScale) and desk.weighing is asked.lookup
    assert isinstance(desk.add(scan(AQUA)), Queued)
    assert desk.busy and desk.next_waiting() is None  # still weighing
    change = desk.weighed(asked.number, Decimal("1.250"))
    assert isinstance(change, CartChange) and change.added and change.journal == ()
    waiting = desk.next_waiting()
    assert waiting is not None and waiting.product == AQUA
    added(desk, waiting)
    assert quantities(desk) == [("BERAS", Decimal("1.250")), ("AQU", Decimal(1))]
    assert not desk.busy


def test_an_old_scale_answer_is_dropped(desk):
    desk.has_scale = True
    asked = desk.add(scan(BERAS))
    assert isinstance(asked, WeighOnScale)
    desk.add(scan(AQUA))
    desk.drop_weighing()  # the cart left the screen
    assert desk.weighed(asked.number, Decimal(1)) is None
    assert desk.session.cart.is_empty and desk.next_waiting() is None


@pytest.mark.parametrize("code", ["scale.in_motion", "scale.overload"])
def test_a_weight_the_scale_refuses_is_never_typed_instead(desk, code):
    desk.has_scale = True
    asked = desk.add(scan(BERAS))
    assert isinstance(asked, WeighOnScale)
    outcome = desk.weighed(asked.number, UserError(code))
    assert isinstance(outcome, Refused) and outcome.error.code == code
    assert desk.session.cart.is_empty and desk.weighing is None


def test_a_failed_scale_lets_a_supervisor_approve_a_typed_weight(desk, caplog):
    desk.has_scale = True
    asked = desk.add(scan(BERAS))
    assert isinstance(asked, WeighOnScale)
    outcome = desk.weighed(asked.number, UserError("scale.unavailable"))
    assert outcome == NeedsApproval(Permission.MANUAL_WEIGHT, SaleAction.WEIGHT, "Beras")
    assert desk.weighing is asked.lookup  # the queue waits for the approval
    assert isinstance(desk.add(scan(AQUA)), Queued)

    yes = approval(Permission.MANUAL_WEIGHT, reason=ReasonCode.SCALE_FAULT)
    typing = desk.approve_weight(asked.lookup, yes)
    assert isinstance(typing, TypeWeight)
    assert typing.scale_error is not None and typing.scale_error.code == "scale.unavailable"
    assert typing.approval == yes and desk.weighing is asked.lookup
    refused("ui.bad_quantity", desk.enter_weight, typing, "0,5x")
    assert desk.session.cart.is_empty
    with caplog.at_level(logging.WARNING):
        change = desk.enter_weight(typing, "0,75")
    [draft] = change.journal
    assert (draft.kind, draft.approval) == (JournalKind.MANUAL_WEIGHT, yes)
    assert draft.data == {
        "sku": "BERAS",
        "name": "Beras",
        "kg": "0.75",
        "why": "scale failed: scale.unavailable; approved by S01 (scale_fault)",
    }
    assert "manual weight 0.75 kg of BERAS (Beras) typed by K01 Siti (cashier)" in caplog.text
    assert desk.abandon_weight(asked.lookup)  # the dialog closed
    waiting = desk.next_waiting()
    assert waiting is not None and waiting.product == AQUA


def test_without_approvals_a_cashier_may_not_type_a_weight(clock, caplog):
    desk = make_desk(clock, approvals=False)
    with caplog.at_level(logging.WARNING):
        refused("scale.manual_not_permitted", desk.add, scan(BERAS))
        refused("scale.manual_not_permitted", desk.add, scan(BERAS, "1.5"))
    assert "manual weight refused for K01 (cashier)" in caplog.text
    desk.has_scale = True
    asked = desk.add(scan(BERAS))
    assert isinstance(asked, WeighOnScale)
    outcome = desk.weighed(asked.number, UserError("scale.no_answer"))
    assert isinstance(outcome, Refused) and outcome.error.code == "scale.manual_not_permitted"
    assert desk.session.cart.is_empty and desk.weighing is None


def test_a_manager_types_a_weight_without_anyone_else(clock):
    desk = make_desk(clock, ANI, approvals=False)
    typing = desk.add(scan(BERAS))
    assert isinstance(typing, TypeWeight) and typing == TypeWeight(scan(BERAS), None, None)
    change = desk.enter_weight(typing, "0,5")
    assert change.journal[0].approval is None and change.journal[0].data["why"] == "no scale"
    desk.abandon_weight(typing.lookup)
    change = added(desk, scan(BERAS, "1.5"))  # typed with the code
    assert change.journal[0].data["why"] == "typed with the code"
    assert quantities(desk) == [("BERAS", Decimal("0.5")), ("BERAS", Decimal("1.5"))]


def test_a_weight_typed_with_the_code_waits_for_an_approval(desk):
    lookup = scan(BERAS, "1.5")
    assert desk.add(lookup) == NeedsApproval(Permission.MANUAL_WEIGHT, SaleAction.WEIGHT, "Beras")
    assert desk.session.cart.is_empty and desk.weighing is lookup
    assert isinstance(desk.add(scan(AQUA)), Queued)
    wrong = desk.approve_weight(lookup, approval(Permission.REFUND, ANI))
    assert isinstance(wrong, Refused) and wrong.error.code == "permission.required"
    assert desk.session.cart.is_empty and desk.weighing is None
    waiting = desk.next_waiting()  # the scan behind it goes on
    assert waiting is not None and waiting.product == AQUA

    assert isinstance(desk.add(lookup), NeedsApproval)  # asked again
    yes = approval(Permission.MANUAL_WEIGHT)
    change = desk.approve_weight(lookup, yes)
    assert isinstance(change, CartChange) and change.added
    assert change.journal[0].approval == yes
    assert change.journal[0].data["why"] == "typed with the code; approved by S01 (other)"
    assert quantities(desk) == [("BERAS", Decimal("1.5"))] and desk.weighing is None


def test_an_approval_for_a_weighing_that_moved_on_does_nothing(desk):
    lookup = scan(BERAS, "1.5")
    assert isinstance(desk.add(lookup), NeedsApproval)
    assert desk.abandon_weight(lookup)  # the supervisor backed out
    assert desk.approve_weight(lookup, approval(Permission.MANUAL_WEIGHT)) is None
    assert not desk.abandon_weight(lookup)
    assert desk.session.cart.is_empty


# --- quantity -----------------------------------------------------------------------------------
def test_a_typed_quantity(desk):
    line = added(desk, scan(AQUA)).line
    assert line is not None
    change = desk.set_quantity(line.line_id, "4")
    assert isinstance(change, CartChange) and change.journal == () and change.totals.total == 16_000
    refused("ui.no_line_selected", desk.set_quantity, None, "4")
    refused("ui.bad_quantity", desk.set_quantity, line.line_id, "4x")
    refused("quantity.not_positive", desk.set_quantity, line.line_id, "0")
    assert quantities(desk) == [("AQU", Decimal(4))]


def test_a_new_quantity_on_a_weighed_line_is_a_typed_weight(desk):
    desk.has_scale = True
    asked = desk.add(scan(BERAS))
    assert isinstance(asked, WeighOnScale)
    line = desk.weighed(asked.number, Decimal("1.250"))
    assert isinstance(line, CartChange) and line.line is not None
    line_id = line.line.line_id
    refused("quantity.not_positive", desk.set_quantity, line_id, "0")  # before asking anyone
    assert desk.set_quantity(line_id, "3") == NeedsApproval(
        Permission.MANUAL_WEIGHT, SaleAction.QUANTITY, "Beras"
    )
    assert quantities(desk) == [("BERAS", Decimal("1.250"))]
    yes = approval(Permission.MANUAL_WEIGHT)
    change = desk.set_quantity(line_id, "3", yes)
    assert isinstance(change, CartChange)
    [draft] = change.journal
    assert draft.approval == yes and draft.data["kg"] == "3.000"
    assert draft.data["why"] == "quantity changed; approved by S01 (other)"
    assert quantities(desk) == [("BERAS", Decimal(3))]

    desk.approvals = False
    refused("scale.manual_not_permitted", desk.set_quantity, line_id, "2")


# --- removing lines -----------------------------------------------------------------------------
def test_removing_a_line_within_the_grace_period(desk, clock):
    line = added(desk, scan(AQUA)).line
    added(desk, scan(MIE))
    assert line is not None
    clock.advance(300)
    change = desk.remove_line(line.line_id)
    assert isinstance(change, CartChange) and change.removed and change.line == line
    [draft] = change.journal
    assert (draft.kind, draft.approval, draft.data["late"]) == (JournalKind.LINE_VOID, None, False)
    assert draft.data["sku"] == "AQU" and draft.data["added_at"] == START.isoformat()
    assert quantities(desk) == [("MIE", Decimal(1))]
    refused("ui.no_line_selected", desk.remove_line, None)


def test_removing_a_line_late_needs_an_approval(desk, clock):
    line = added(desk, scan(AQUA)).line
    assert line is not None
    clock.advance(301)
    asked = desk.remove_line(line.line_id)
    assert asked == NeedsApproval(Permission.LINE_VOID_LATE, SaleAction.REMOVE, "Aqua")
    assert len(desk.session.cart.lines) == 1
    for wrong, code in (
        (approval(Permission.LINE_VOID_LATE, SITI), "approval.self"),
        (approval(Permission.LINE_VOID_LATE, BUDI), "approval.not_allowed"),
        (approval(Permission.NO_SALE), "permission.required"),
    ):
        refused(code, desk.remove_line, line.line_id, wrong)
    assert len(desk.session.cart.lines) == 1
    yes = approval(Permission.LINE_VOID_LATE)
    change = desk.remove_line(line.line_id, yes)
    assert isinstance(change, CartChange)
    assert (change.journal[0].approval, change.journal[0].data["late"]) == (yes, True)
    assert desk.session.cart.is_empty


def test_a_late_removal_is_refused_without_approvals_and_free_for_a_supervisor(clock):
    desk = make_desk(clock, approvals=False)
    line = added(desk, scan(AQUA)).line
    assert line is not None
    clock.advance(3600)
    refused("permission.required", desk.remove_line, line.line_id)
    desk.begin(SARI, desk.session)
    change = desk.remove_line(line.line_id)
    assert isinstance(change, CartChange)
    assert (change.journal[0].approval, change.journal[0].data["late"]) == (None, True)


def test_the_grace_period_comes_from_the_policy(desk, clock):
    desk.set_rules(PermissionTable.default(), TillPolicy(void_grace_s=60))
    line = added(desk, scan(AQUA)).line
    assert line is not None
    clock.advance(61)
    assert isinstance(desk.remove_line(line.line_id), NeedsApproval)


# --- discounts ----------------------------------------------------------------------------------
def test_a_line_discount_within_the_limit(desk):
    line = added(desk, scan(AQUA, "3")).line
    assert line is not None
    change = desk.line_discount(line.line_id, "10%")
    assert isinstance(change, CartChange) and change.totals.total == 10_800
    [draft] = change.journal
    assert (draft.kind, draft.approval) == (JournalKind.DISCOUNT, None)
    assert draft.data["scope"] == "line" and draft.data["base"] == 12_000
    assert draft.data["over_limit"] is False
    assert draft.data["discount"] == {"kind": "percent", "value": 1000}
    refused("ui.bad_discount", desk.line_discount, line.line_id, "10x")
    refused("discount.exceeds_line", desk.line_discount, line.line_id, "13000")
    refused("ui.no_line_selected", desk.line_discount, None, "5%")
    removed = desk.line_discount(line.line_id, "")
    assert isinstance(removed, CartChange) and desk.session.cart.lines[0].discount is None


def test_a_line_discount_over_the_limit_needs_an_approval(desk):
    line = added(desk, scan(AQUA)).line
    assert line is not None
    asked = desk.line_discount(line.line_id, "20%")
    assert asked == NeedsApproval(Permission.DISCOUNT_OVER_LIMIT, SaleAction.LINE_DISCOUNT, "Aqua")
    assert desk.session.cart.lines[0].discount is None
    yes = approval(Permission.DISCOUNT_OVER_LIMIT)
    change = desk.line_discount(line.line_id, "20%", yes)
    assert isinstance(change, CartChange) and change.totals.total == 3_200
    assert change.journal[0].approval == yes and change.journal[0].data["over_limit"] is True
    desk.approvals = False
    refused("permission.required", desk.line_discount, line.line_id, "25%")


def test_an_order_discount(desk):
    added(desk, scan(AQUA, "5"))
    asked = desk.order_discount("50%")
    assert asked == NeedsApproval(Permission.DISCOUNT_OVER_LIMIT, SaleAction.ORDER_DISCOUNT, "")
    assert desk.session.cart.order_discount is None
    change = desk.order_discount("2000")  # 10% of 20.000: within the limit
    assert isinstance(change, CartChange) and change.line is None
    [draft] = change.journal
    assert draft.data == {
        "scope": "order",
        "discount": {"kind": "amount", "value": 2000},
        "amount": 2000,
        "base": 20_000,
        "over_limit": False,
    }
    yes = approval(Permission.DISCOUNT_OVER_LIMIT, ANI)
    change = desk.order_discount("50%", yes)
    assert isinstance(change, CartChange) and change.totals.total == 10_000
    assert change.journal[0].approval == yes
    refused("ui.bad_discount", desk.order_discount, "abc")


def test_a_bigger_limit_lets_the_cashier_give_more(desk):
    desk.set_rules(PermissionTable.default(), TillPolicy(discount_limit_bp=2500))
    line = added(desk, scan(AQUA)).line
    assert line is not None
    assert isinstance(desk.line_discount(line.line_id, "25%"), CartChange)


# --- price override -----------------------------------------------------------------------------
def test_a_price_override_needs_the_permission(desk):
    line = added(desk, scan(AQUA)).line
    assert line is not None
    asked = desk.override_price(line.line_id, "3000")
    assert asked == NeedsApproval(
        Permission.PRICE_OVERRIDE, SaleAction.PRICE, "Aqua: Rp4.000 → Rp3.000"
    )
    assert desk.session.cart.lines[0].unit_price == 4_000
    refused("ui.bad_amount", desk.override_price, line.line_id, "30,00")
    refused("price.out_of_range", desk.override_price, line.line_id, "2000000000")
    refused("ui.no_line_selected", desk.override_price, None, "3000")
    yes = approval(Permission.PRICE_OVERRIDE)
    change = desk.override_price(line.line_id, "3000", yes)
    assert isinstance(change, CartChange)
    [draft] = change.journal
    assert (draft.kind, draft.approval) == (JournalKind.PRICE_OVERRIDE, yes)
    assert (draft.data["old_price"], draft.data["unit_price"], draft.data["shelf_price"]) == (
        4_000,
        3_000,
        4_000,
    )
    desk.approvals = False
    refused("permission.required", desk.override_price, line.line_id, "2500")
    desk.begin(SARI, desk.session)
    change = desk.override_price(line.line_id, "2500")
    assert isinstance(change, CartChange) and change.journal[0].approval is None


def test_edits_wait_while_a_tender_is_on_the_payment(desk):
    line = added(desk, scan(AQUA)).line
    assert line is not None
    desk.session.add_tender(Tender(TenderKind.CASH, 1_000))
    for action, args in (
        (desk.set_quantity, (line.line_id, "2")),
        (desk.line_discount, (line.line_id, "5%")),
        (desk.order_discount, ("5%",)),
        (desk.override_price, (line.line_id, "3000")),
        (desk.remove_line, (line.line_id,)),
        (desk.add, (scan(MIE),)),
    ):
        refused("sale.payment_in_progress", action, *args)
    assert quantities(desk) == [("AQU", Decimal(1))]


# --- cancel, park, recall, pay ------------------------------------------------------------------
def test_cancelling_a_sale(desk, clock):
    assert desk.cancel_sale() is None  # nothing to void
    added(desk, scan(AQUA))
    desk.order_discount("300")
    ended = desk.cancel_sale()
    assert isinstance(ended, SaleEnded) and desk.session.cart.is_empty
    assert (ended.journal.kind, ended.journal.approval) == (JournalKind.SALE_CANCEL, None)
    assert ended.journal.data["late"] is False and ended.journal.data["total"] == 3_700
    assert ended.journal.data["order_discount"] == {"kind": "amount", "value": 300}
    assert [line["sku"] for line in ended.journal.data["lines"]] == ["AQU"]


def test_cancelling_a_sale_with_a_late_line_needs_an_approval(desk, clock):
    added(desk, scan(AQUA))
    clock.advance(400)
    added(desk, scan(MIE))
    assert desk.cancel_sale() == NeedsApproval(Permission.LINE_VOID_LATE, SaleAction.CANCEL, "")
    assert len(desk.session.cart.lines) == 2
    yes = approval(Permission.LINE_VOID_LATE)
    ended = desk.cancel_sale(yes)
    assert isinstance(ended, SaleEnded) and ended.journal.approval == yes
    assert ended.journal.data["late"] is True and desk.session.cart.is_empty


def test_cancelling_forgets_a_weighing_and_the_scans_behind_it(desk):
    added(desk, scan(AQUA))
    desk.has_scale = True
    assert isinstance(desk.add(scan(BERAS)), WeighOnScale)
    desk.add(scan(MIE))
    assert isinstance(desk.cancel_sale(), SaleEnded)
    assert desk.weighing is None and desk.next_waiting() is None


def test_parking_and_recalling(desk, clock):
    refused("sale.empty", desk.park)
    added(desk, scan(AQUA, "2"))
    desk.lookup_sent()
    refused("held.busy", desk.park)
    desk.lookup_returned()
    session = desk.session
    parked = desk.park()
    assert isinstance(parked, Parked) and parked.total == 8_000 and parked.actor == SITI
    assert parked.at == START and parked.session is session and session.cart.is_empty
    assert [line.product for line in parked.cart.lines] == [AQUA]

    assert desk.unpark(parked)  # storing it failed: the cart comes back
    assert session.cart is parked.cart
    refused("held.cart_not_empty", desk.check_recall)
    parked = desk.park()
    added(desk, scan(MIE))  # the next customer meanwhile
    assert not desk.unpark(parked)
    assert [line.product for line in desk.session.cart.lines] == [MIE]

    assert not desk.recalled(parked.cart, desk.session)  # not into a cart with goods
    desk.cancel_sale()
    desk.check_recall()
    other = SaleSession(PROFILE)
    assert not desk.recalled(parked.cart, other)  # asked for a session no longer on screen
    assert desk.recalled(parked.cart, desk.session)
    assert [line.product for line in desk.session.cart.lines] == [AQUA]


def test_payment(desk):
    refused("sale.empty", desk.start_payment)
    added(desk, scan(AQUA))
    assert desk.start_payment(lambda: False) is None  # the guard keeps it closed
    due = desk.start_payment(lambda: True)
    assert isinstance(due, PaymentDue) and due.total == 4_000
    assert desk.session.payment is due.payment
    assert desk.sale_committed() == PROFILE and desk.session.cart.is_empty


def test_a_new_cashier_takes_over_a_session_and_forgets_the_weighing(desk):
    desk.has_scale = True
    assert isinstance(desk.add(scan(BERAS)), WeighOnScale)
    held = SaleSession(PROFILE, Cart())
    desk.begin(BUDI, held)
    assert desk.session is held and desk.cashier == BUDI and desk.weighing is None
    assert desk.may(Permission.REPRINT) and not desk.may(Permission.PRICE_OVERRIDE)
