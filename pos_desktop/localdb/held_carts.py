"""Parked (held) sales in SQLite: a customer steps aside, the cashier serves the next one.

A held cart is stored as a JSON document (``domain.cart_codec``) so it survives a restart, a
crash or a power cut. Holding and recalling are journaled (``SALE_HOLD`` / ``SALE_RECALL``) in
the same transaction as the row is written or deleted: a recall deletes the row, so one parked
cart can never be recalled twice (on two screens, or after a crash mid-recall).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from pos_desktop.domain import cart_codec
from pos_desktop.domain.cart import Cart
from pos_desktop.domain.errors import UserError
from pos_desktop.domain.journal import JournalKind
from pos_desktop.localdb import journal
from pos_desktop.localdb.models import HeldCartRow
from pos_desktop.localdb.transactions import read_session, write_session
from pos_desktop.services.checkout import HeldCart
from pos_desktop.services.ports import StaffMember

log = logging.getLogger(__name__)

MAX_HELD = 50
"""More parked carts than this is forgotten carts, not a queue of customers."""
LABEL_LENGTH = 100


def _held(row: HeldCartRow) -> HeldCart:
    return HeldCart(
        hold_id=row.hold_id,
        held_at=row.held_at,
        cashier_code=row.cashier_code,
        label=row.label,
        line_count=row.line_count,
        total=row.total,
    )


class SqlHeldCarts:
    """``HeldCartStore`` on the local database; database thread only."""

    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._sessions = sessions

    def hold(
        self, cart: Cart, *, total: int, label: str, actor: StaffMember, now: datetime
    ) -> HeldCart:
        if cart.is_empty:
            raise UserError("sale.empty")
        label = label.strip()[:LABEL_LENGTH]
        document = cart_codec.dumps(cart)
        hold_id = str(uuid.uuid4())
        with write_session(self._sessions, "hold sale") as session:
            count = session.execute(select(func.count()).select_from(HeldCartRow)).scalar_one()
            if count >= MAX_HELD:
                raise UserError("held.too_many", maximum=MAX_HELD)
            row = HeldCartRow(
                hold_id=hold_id,
                held_at=now,
                cashier_code=actor.code,
                label=label,
                line_count=len(cart.lines),
                total=total,
                document=document,
            )
            session.add(row)
            session.flush()
            journal.append(
                session,
                JournalKind.SALE_HOLD,
                at=now,
                actor=actor.code,
                data={
                    "hold_id": hold_id,
                    "label": label,
                    "line_count": len(cart.lines),
                    "total": total,
                },
            )
            held = _held(row)
        log.info("sale held as %s by %s (%d lines)", hold_id, actor.code, held.line_count)
        return held

    def held(self) -> Sequence[HeldCart]:
        with read_session(self._sessions, "held sales") as session:
            rows = session.scalars(
                select(HeldCartRow).order_by(HeldCartRow.held_at, HeldCartRow.hold_id)
            ).all()
            return [_held(row) for row in rows]

    def recall(self, hold_id: str, *, actor: StaffMember, now: datetime) -> Cart:
        """The parked cart, removed from storage with its ``SALE_RECALL`` entry.

        ``held.not_found`` when it is gone (recalled meanwhile); ``held.unreadable`` when its
        document is damaged, in which case it stays parked.
        """
        with write_session(self._sessions, "recall sale") as session:
            row = session.get(HeldCartRow, hold_id)
            if row is None:
                raise UserError("held.not_found")
            cart = cart_codec.loads(row.document)
            data = {
                "hold_id": hold_id,
                "held_by": row.cashier_code,
                "held_at": row.held_at.isoformat(),
                "label": row.label,
                "line_count": row.line_count,
                "total": row.total,
            }
            session.execute(delete(HeldCartRow).where(HeldCartRow.hold_id == hold_id))
            journal.append(session, JournalKind.SALE_RECALL, at=now, actor=actor.code, data=data)
        log.info("held sale %s recalled by %s", hold_id, actor.code)
        return cart
