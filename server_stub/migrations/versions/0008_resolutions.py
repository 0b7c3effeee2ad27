"""alerts resolved: over-refunds, flagged sales and journal alerts, with who, when and a note

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-07

A new table, and two partial indexes that hold only the flagged sales and the over-refunds, so
the alerts page never reads the whole sales table.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SALE_FLAGGED = "json_array_length(flags) > 0"
REFUND_NOT_COUNTED = "NOT counted"


def upgrade() -> None:
    op.create_table(
        "resolutions",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("subject_kind", sa.String(length=16), nullable=False),
        sa.Column("subject_id", sa.String(length=64), nullable=False),
        sa.Column("store_id", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("resolved_by", sa.String(length=32), nullable=False),
        sa.Column("resolved_by_email", sa.String(length=254), nullable=False),
        sa.Column("resolved_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id", "store_id"],
            ["stores.org_id", "stores.store_id"],
            name=op.f("fk_resolutions_org_id_store_id_stores"),
        ),
        sa.PrimaryKeyConstraint(
            "org_id", "subject_kind", "subject_id", name=op.f("pk_resolutions")
        ),
    )
    op.create_index(
        op.f("ix_resolutions_org_id_store_id_resolved_at"),
        "resolutions",
        ["org_id", "store_id", "resolved_at"],
        unique=False,
    )
    op.create_index(
        "ix_sales_flagged",
        "sales",
        ["org_id", "sold_at"],
        unique=False,
        sqlite_where=sa.text(SALE_FLAGGED),
        postgresql_where=sa.text(SALE_FLAGGED),
    )
    op.create_index(
        "ix_refunds_over",
        "refunds",
        ["org_id", "refunded_at"],
        unique=False,
        sqlite_where=sa.text(REFUND_NOT_COUNTED),
        postgresql_where=sa.text(REFUND_NOT_COUNTED),
    )


def downgrade() -> None:
    op.drop_index("ix_refunds_over", table_name="refunds")
    op.drop_index("ix_sales_flagged", table_name="sales")
    op.drop_index(op.f("ix_resolutions_org_id_store_id_resolved_at"), table_name="resolutions")
    op.drop_table("resolutions")
