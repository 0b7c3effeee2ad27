"""staff PIN outbox: PIN changes made at the till go to the cloud through the document outbox

Revision ID: 0005
Revises: 0004
Created: 2026-12-07

``doc_outbox`` learns a third kind, ``staff_pin``, and a ``document`` column: refunds and shift
reports keep their documents in tables of their own, but a PIN change has nothing else to keep
(its verifier is on the user row, and is replaced by the next change or by the feed), so its
outbox row holds the very document the cloud is sent. SQLite cannot alter a CHECK constraint,
so the table is rebuilt (batch mode), rows and ids kept.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS_BEFORE = "kind IN ('refund', 'shift_report')"
KINDS_AFTER = "kind IN ('refund', 'shift_report', 'staff_pin')"


def upgrade() -> None:
    with op.batch_alter_table("doc_outbox") as batch:
        batch.add_column(sa.Column("document", sa.Text(), nullable=True))
        batch.drop_constraint(op.f("ck_doc_outbox_kind_known"), type_="check")
        batch.create_check_constraint(op.f("ck_doc_outbox_kind_known"), KINDS_AFTER)


def downgrade() -> None:
    # The older schema has no place for these rows (its CHECK refuses the kind), as it had no
    # doc_outbox at all below 0003; a PIN change still pending is lost with them.
    op.execute("DELETE FROM doc_outbox WHERE kind = 'staff_pin'")
    with op.batch_alter_table("doc_outbox") as batch:
        batch.drop_constraint(op.f("ck_doc_outbox_kind_known"), type_="check")
        batch.create_check_constraint(op.f("ck_doc_outbox_kind_known"), KINDS_BEFORE)
        batch.drop_column("document")
