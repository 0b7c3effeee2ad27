"""sales rollups kept in the ingest transaction: per store, day, hour, product, cashier, tender

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07

Only additions. A database that already holds sales gets its rollups filled here from the raw
rows (``server_stub.rollup_recount.rebuild``), without costs: ``products.cost_price`` comes
later (0007) and is empty until an owner sets it, so every existing line's cost is unknown
either way. ``pos-server admin rebuild-rollups`` does the same at any later time.
"""

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MONEY = ["gross", "discounts", "net", "tax", "tax_inside"]
_REFUNDS = ["refunds", "refund_total", "refund_net", "refund_tax", "refund_tax_inside"]
_VOIDS = ["line_voids", "line_void_amount", "sale_cancels", "sale_cancel_amount"]

_TABLES: dict[str, tuple[tuple[str, sa.types.TypeEngine[Any]], list[str]]] = {
    "rollup_hours": (
        ("hour", sa.Integer()),
        ["sales", "items_milli", *_MONEY, "rounding", "total", *_REFUNDS, *_VOIDS],
    ),
    "rollup_products": (
        ("product_id", sa.String(length=64)),
        [
            "lines",
            "quantity_milli",
            *_MONEY,
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
        ],
    ),
    "rollup_cashiers": (
        ("cashier_code", sa.String(length=64)),
        ["sales", "items_milli", *_MONEY, "total", *_REFUNDS, *_VOIDS],
    ),
    "rollup_tenders": (
        ("kind", sa.String(length=16)),
        ["tenders", "amount", "change", "refunds", "refund_amount"],
    ),
}


def upgrade() -> None:
    for name, ((key, key_type), sums) in _TABLES.items():
        op.create_table(
            name,
            sa.Column("org_id", sa.String(length=32), nullable=False),
            sa.Column("store_id", sa.String(length=32), nullable=False),
            sa.Column("day", sa.Date(), nullable=False),
            sa.Column(key, key_type, nullable=False),
            *[sa.Column(s, sa.BigInteger(), server_default="0", nullable=False) for s in sums],
            sa.ForeignKeyConstraint(
                ["org_id", "store_id"],
                ["stores.org_id", "stores.store_id"],
                name=op.f(f"fk_{name}_org_id_store_id_stores"),
            ),
            sa.PrimaryKeyConstraint("org_id", "store_id", "day", key, name=op.f(f"pk_{name}")),
        )
        op.create_index(op.f(f"ix_{name}_org_id_day"), name, ["org_id", "day"], unique=False)
        if op.get_bind().dialect.name == "postgresql":
            # Ingest only ever updates the sums, never a key: with room left in each page,
            # PostgreSQL rewrites a row in place (a HOT update) without touching the indexes.
            op.execute(f"ALTER TABLE {name} SET (fillfactor = 70)")
    _fill_from_existing_sales()


def _fill_from_existing_sales() -> None:
    bind = op.get_bind()
    if bind.execute(sa.text("SELECT 1 FROM sales LIMIT 1")).first() is None:
        return
    from sqlalchemy.orm import Session

    from server_stub.rollup_recount import rebuild

    session = Session(bind=bind)
    rebuild(session, org_id=None, with_costs=False, months=False)
    session.flush()


def downgrade() -> None:
    for name in reversed(_TABLES):
        op.drop_index(op.f(f"ix_{name}_org_id_day"), table_name=name)
        op.drop_table(name)
