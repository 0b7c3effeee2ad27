"""product rollups by month per store, and by day and month for the whole organization; the
queue of rollup deltas

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07

Only additions. The new product tables are filled here from the existing day rows
(``rollup_products``), with the same SQL ``rollup_recount.rebuild_derived`` runs, so a database
that already holds sales reports by month at once. ``rollup_pending`` starts empty: until this
revision ingest wrote the rollup tables directly.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SUMS = [
    "lines",
    "quantity_milli",
    "gross",
    "discounts",
    "net",
    "tax",
    "tax_inside",
    "costed_quantity_milli",
    "costed_revenue",
    "cost",
    "refund_quantity_milli",
    "refund_net",
    "refund_tax",
    "refund_tax_inside",
    "refund_costed_quantity_milli",
    "refund_costed_revenue",
    "refund_cost",
]


def _sums() -> list[sa.Column[int]]:
    return [sa.Column(s, sa.BigInteger(), server_default="0", nullable=False) for s in SUMS]


def upgrade() -> None:
    op.create_table(
        "rollup_product_months",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.String(length=32), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        *_sums(),
        sa.ForeignKeyConstraint(
            ["org_id", "store_id"],
            ["stores.org_id", "stores.store_id"],
            name=op.f("fk_rollup_product_months_org_id_store_id_stores"),
        ),
        sa.PrimaryKeyConstraint(
            "org_id", "store_id", "month", "product_id", name=op.f("pk_rollup_product_months")
        ),
    )
    op.create_index(
        op.f("ix_rollup_product_months_org_id_month"),
        "rollup_product_months",
        ["org_id", "month"],
        unique=False,
    )
    op.create_table(
        "rollup_org_products",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        *_sums(),
        sa.PrimaryKeyConstraint("org_id", "day", "product_id", name=op.f("pk_rollup_org_products")),
    )
    op.create_table(
        "rollup_org_product_months",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("month", sa.Date(), nullable=False),
        sa.Column("product_id", sa.String(length=64), nullable=False),
        *_sums(),
        sa.PrimaryKeyConstraint(
            "org_id", "month", "product_id", name=op.f("pk_rollup_org_product_months")
        ),
    )
    op.create_table(
        "rollup_pending",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("pending_id", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deltas", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("org_id", "pending_id", name=op.f("pk_rollup_pending")),
    )
    if op.get_bind().dialect.name == "postgresql":
        # As the day tables (0005): the fold only updates sums, so leave room for HOT updates.
        for name in ("rollup_org_products", "rollup_product_months", "rollup_org_product_months"):
            op.execute(f"ALTER TABLE {name} SET (fillfactor = 70)")
    from sqlalchemy.orm import Session

    from server_stub.rollup_recount import rebuild_derived

    session = Session(bind=op.get_bind())
    rebuild_derived(session, None)
    session.flush()


def downgrade() -> None:
    op.drop_table("rollup_pending")
    op.drop_table("rollup_org_product_months")
    op.drop_table("rollup_org_products")
    op.drop_index(op.f("ix_rollup_product_months_org_id_month"), table_name="rollup_product_months")
    op.drop_table("rollup_product_months")
