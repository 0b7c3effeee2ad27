"""operations: shifts and cash, X/Z reports, refunds, held carts, permissions, audit journal

Revision ID: 0003
Revises: 0002
Created: 2026-11-28

Only additions; existing sales keep ``shift_id`` NULL (they were sold before shifts existed).
The permission table and the till's limits are seeded with the defaults of
``domain.permissions`` as they were at this revision (frozen here, not imported).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TEXT = sa.String(length=32)

DEFAULT_GRANTS = {
    "cashier": ("reprint",),
    "supervisor": (
        "discount_over_limit",
        "price_override",
        "line_void_late",
        "no_sale",
        "reprint",
        "cash_out",
        "close_shift",
        "manual_weight",
    ),
    "manager": (
        "discount_over_limit",
        "price_override",
        "line_void_late",
        "refund",
        "no_sale",
        "reprint",
        "cash_out",
        "close_shift",
        "change_settings",
        "manual_weight",
        "unlock_user",
    ),
}
DEFAULT_POLICY = {"discount_limit_bp": "1000", "void_grace_s": "300"}


def upgrade() -> None:
    op.create_table(
        "counters",
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("last_no", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_counters")),
    )
    op.create_table(
        "doc_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("doc_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC_TEXT, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("acked_at", UTC_TEXT, nullable=True),
        sa.Column("ack_status", sa.String(length=16), nullable=True),
        sa.Column("ack_flags", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "kind IN ('refund', 'shift_report')", name=op.f("ck_doc_outbox_kind_known")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'done', 'failed')", name=op.f("ck_doc_outbox_status_known")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_doc_outbox")),
        sa.UniqueConstraint("kind", "doc_id", name=op.f("uq_doc_outbox_kind")),
    )
    with op.batch_alter_table("doc_outbox", schema=None) as batch_op:
        batch_op.create_index("ix_doc_outbox_status_id", ["status", "id"], unique=False)

    op.create_table(
        "held_carts",
        sa.Column("hold_id", sa.String(length=64), nullable=False),
        sa.Column("held_at", UTC_TEXT, nullable=False),
        sa.Column("cashier_code", sa.String(length=32), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("hold_id", name=op.f("pk_held_carts")),
    )
    op.create_table(
        "journal",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("at", sa.String(length=32), nullable=False),
        sa.Column("actor_code", sa.String(length=32), nullable=False),
        sa.Column("approver_code", sa.String(length=32), nullable=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_journal")),
    )
    op.create_table(
        "journal_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("journal_id", sa.String(length=64), nullable=False),
        sa.Column("synced_seq", sa.Integer(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_journal_meta_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_meta")),
    )
    op.create_table(
        "permissions",
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("permission", sa.String(length=32), nullable=False),
        sa.PrimaryKeyConstraint("role", "permission", name=op.f("pk_permissions")),
    )
    op.create_table(
        "refunds",
        sa.Column("refund_id", sa.String(length=64), nullable=False),
        sa.Column("refund_no", sa.String(length=64), nullable=False),
        sa.Column("refund_seq", sa.Integer(), nullable=False),
        sa.Column("original_sale_id", sa.String(length=64), nullable=False),
        sa.Column("original_receipt_no", sa.String(length=64), nullable=False),
        sa.Column("refunded_at", UTC_TEXT, nullable=False),
        sa.Column("cashier_code", sa.String(length=32), nullable=False),
        sa.Column("approver_code", sa.String(length=32), nullable=True),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("shift_id", sa.String(length=64), nullable=True),
        sa.Column("document", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("refund_id", name=op.f("pk_refunds")),
        sa.UniqueConstraint("refund_no", name=op.f("uq_refunds_refund_no")),
    )
    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_refunds_original_sale_id"), ["original_sale_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_refunds_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "shifts",
        sa.Column("shift_id", sa.String(length=64), nullable=False),
        sa.Column("till_code", sa.String(length=16), nullable=False),
        sa.Column("opened_at", UTC_TEXT, nullable=False),
        sa.Column("opened_by", sa.String(length=32), nullable=False),
        sa.Column("opening_float", sa.Integer(), nullable=False),
        sa.Column("open_seq", sa.Integer(), nullable=False),
        sa.Column("closed_at", UTC_TEXT, nullable=True),
        sa.Column("closed_by", sa.String(length=32), nullable=True),
        sa.Column("counted_cash", sa.Integer(), nullable=True),
        sa.Column("count_json", sa.Text(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("z_no", sa.Integer(), nullable=True),
        sa.CheckConstraint("opening_float >= 0", name=op.f("ck_shifts_float_not_negative")),
        sa.PrimaryKeyConstraint("shift_id", name=op.f("pk_shifts")),
        sa.UniqueConstraint("z_no", name=op.f("uq_shifts_z_no")),
    )
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.create_index(
            "uq_shifts_one_open",
            ["till_code"],
            unique=True,
            sqlite_where=sa.text("closed_at IS NULL"),
        )

    op.create_table(
        "till_policy",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_till_policy")),
    )
    op.create_table(
        "cash_movements",
        sa.Column("movement_id", sa.String(length=64), nullable=False),
        sa.Column("shift_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.Column("at", UTC_TEXT, nullable=False),
        sa.Column("actor_code", sa.String(length=32), nullable=False),
        sa.Column("approver_code", sa.String(length=32), nullable=True),
        sa.CheckConstraint("kind IN ('in', 'out')", name=op.f("ck_cash_movements_kind_known")),
        sa.CheckConstraint("amount > 0", name=op.f("ck_cash_movements_amount_positive")),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shifts.shift_id"], name=op.f("fk_cash_movements_shift_id_shifts")
        ),
        sa.PrimaryKeyConstraint("movement_id", name=op.f("pk_cash_movements")),
    )
    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cash_movements_shift_id"), ["shift_id"], unique=False)

    op.create_table(
        "refund_lines",
        sa.Column("refund_id", sa.String(length=64), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("quantity_milli", sa.Integer(), nullable=False),
        sa.Column("amount", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity_milli > 0", name=op.f("ck_refund_lines_quantity_positive")),
        sa.ForeignKeyConstraint(
            ["refund_id"],
            ["refunds.refund_id"],
            name=op.f("fk_refund_lines_refund_id_refunds"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("refund_id", "line_no", name=op.f("pk_refund_lines")),
    )
    op.create_table(
        "shift_reports",
        sa.Column("report_id", sa.String(length=64), nullable=False),
        sa.Column("shift_id", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=1), nullable=False),
        sa.Column("report_no", sa.Integer(), nullable=False),
        sa.Column("created_at", UTC_TEXT, nullable=False),
        sa.Column("document", sa.Text(), nullable=False),
        sa.CheckConstraint("kind IN ('X', 'Z')", name=op.f("ck_shift_reports_kind_known")),
        sa.ForeignKeyConstraint(
            ["shift_id"], ["shifts.shift_id"], name=op.f("fk_shift_reports_shift_id_shifts")
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_shift_reports")),
    )
    with op.batch_alter_table("shift_reports", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_shift_reports_shift_id"), ["shift_id"], unique=False)
        batch_op.create_index(
            "uq_shift_reports_z_no", ["report_no"], unique=True, sqlite_where=sa.text("kind = 'Z'")
        )

    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shift_id", sa.String(length=64), nullable=True))
        batch_op.create_index(batch_op.f("ix_sales_shift_id"), ["shift_id"], unique=False)

    permissions = sa.table("permissions", sa.column("role"), sa.column("permission"))
    op.bulk_insert(
        permissions,
        [{"role": r, "permission": p} for r, perms in DEFAULT_GRANTS.items() for p in perms],
    )
    policy = sa.table("till_policy", sa.column("name"), sa.column("value"))
    op.bulk_insert(policy, [{"name": k, "value": v} for k, v in DEFAULT_POLICY.items()])


def downgrade() -> None:
    with op.batch_alter_table("sales", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sales_shift_id"))
        batch_op.drop_column("shift_id")

    with op.batch_alter_table("shift_reports", schema=None) as batch_op:
        batch_op.drop_index("uq_shift_reports_z_no", sqlite_where=sa.text("kind = 'Z'"))
        batch_op.drop_index(batch_op.f("ix_shift_reports_shift_id"))

    op.drop_table("shift_reports")
    op.drop_table("refund_lines")
    with op.batch_alter_table("cash_movements", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cash_movements_shift_id"))

    op.drop_table("cash_movements")
    op.drop_table("till_policy")
    with op.batch_alter_table("shifts", schema=None) as batch_op:
        batch_op.drop_index("uq_shifts_one_open", sqlite_where=sa.text("closed_at IS NULL"))

    op.drop_table("shifts")
    with op.batch_alter_table("refunds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refunds_shift_id"))
        batch_op.drop_index(batch_op.f("ix_refunds_original_sale_id"))

    op.drop_table("refunds")
    op.drop_table("permissions")
    op.drop_table("journal_meta")
    op.drop_table("journal")
    op.drop_table("held_carts")
    with op.batch_alter_table("doc_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_doc_outbox_status_id")

    op.drop_table("doc_outbox")
    op.drop_table("counters")
