"""sales list indexes: the back office pages sales newest first on (sold_at, sale_id)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07

Keyset pages of the whole organization or of one store walk these indexes from a cursor, so a
page deep in years of sales costs what the first page costs.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        op.f("ix_sales_org_id_sold_at_sale_id"),
        "sales",
        ["org_id", "sold_at", "sale_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_sales_org_id_store_id_sold_at_sale_id"),
        "sales",
        ["org_id", "store_id", "sold_at", "sale_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sales_org_id_store_id_sold_at_sale_id"), table_name="sales")
    op.drop_index(op.f("ix_sales_org_id_sold_at_sale_id"), table_name="sales")
