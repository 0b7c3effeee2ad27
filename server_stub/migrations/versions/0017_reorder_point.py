"""products: a reorder point, so the cloud can say when a store runs low (stock.low)

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-08

In thousandths, like the stock ledger (grams for a product sold per kg). ``NULL``, the default
and every existing product's value, means the owner has not set one: no stock.low is sent for
that product.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.add_column(sa.Column("reorder_point_milli", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("products") as batch:
        batch.drop_column("reorder_point_milli")
