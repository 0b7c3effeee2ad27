"""sync: pairing and catalog cursor, stock levels, outbox acknowledgements, tax category seq

Revision ID: 0002
Revises: 0001
Created: 2026-11-28

Only additions: existing sales and outbox rows keep their state (a till upgraded with a backlog
sends it after pairing).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC_TEXT = sa.String(length=32)


def upgrade() -> None:
    with op.batch_alter_table("tax_categories") as batch:
        batch.add_column(sa.Column("updated_seq", sa.Integer(), nullable=True))
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("ack_status", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("ack_flags", sa.Text(), nullable=True))
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("server_url", sa.String(length=300), nullable=True),
        sa.Column("device_id", sa.String(length=100), nullable=True),
        sa.Column("org_id", sa.String(length=64), nullable=True),
        sa.Column("org_name", sa.String(length=200), nullable=True),
        sa.Column("paired_at", UTC_TEXT, nullable=True),
        sa.Column("catalog_cursor", sa.String(length=32), nullable=True),
        sa.Column("full_pull_pending", sa.Boolean(), nullable=False),
        sa.Column("catalog_pulled_at", UTC_TEXT, nullable=True),
        sa.Column("stock_pulled_at", UTC_TEXT, nullable=True),
        sa.CheckConstraint("id = 1", name=op.f("ck_sync_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_state")),
    )
    op.create_table(
        "stock_levels",
        sa.Column("product_id", sa.String(length=64), nullable=False),
        sa.Column("quantity_milli", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("product_id", name=op.f("pk_stock_levels")),
    )


def downgrade() -> None:
    op.drop_table("stock_levels")
    op.drop_table("sync_state")
    with op.batch_alter_table("outbox") as batch:
        batch.drop_column("ack_flags")
        batch.drop_column("ack_status")
    with op.batch_alter_table("tax_categories") as batch:
        batch.drop_column("updated_seq")
