"""product search indexes (name, SKU) and CSV uploads waiting for the owner's confirmation

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07

On PostgreSQL the name and SKU search indexes are GIN trigram indexes: they need the ``pg_trgm``
and ``btree_gin`` extensions (both ship with PostgreSQL's contrib and are "trusted", so a
database owner may create them). Where they cannot be created, the same index names are built as
B-trees with ``text_pattern_ops``: prefix searches stay indexed, "contains" searches scan, and
the models-vs-migrations test reports the difference, so such a server is noticed.
"""

import logging
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.exc import DBAPIError

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

log = logging.getLogger(__name__)


def _trigrams_available() -> bool:
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS btree_gin"))
    except DBAPIError as exc:
        log.warning("no trigram search indexes (pg_trgm/btree_gin): %s", exc)
        return False
    return True


def upgrade() -> None:
    op.create_index(
        "ix_products_search_name",
        "products",
        ["org_id", sa.text("lower(name)"), "product_id"],
    )
    if op.get_bind().dialect.name != "postgresql":
        op.create_index(
            "ix_products_search_name_trgm", "products", ["org_id", sa.text("lower(name)")]
        )
        op.create_index("ix_products_search_sku", "products", ["org_id", sa.text("lower(sku)")])
    elif _trigrams_available():
        op.execute(
            "CREATE INDEX ix_products_search_name_trgm ON products "
            "USING gin (org_id, lower(name) gin_trgm_ops)"
        )
        op.execute(
            "CREATE INDEX ix_products_search_sku ON products "
            "USING gin (org_id, lower(sku) gin_trgm_ops)"
        )
    else:
        op.execute(
            "CREATE INDEX ix_products_search_name_trgm ON products "
            "(org_id, lower(name) text_pattern_ops)"
        )
        op.execute(
            "CREATE INDEX ix_products_search_sku ON products (org_id, lower(sku) text_pattern_ops)"
        )
    op.create_table(
        "product_import_uploads",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("filename", sa.String(length=200), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.org_id"],
            name=op.f("fk_product_import_uploads_org_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("org_id", "digest", name=op.f("pk_product_import_uploads")),
    )


def downgrade() -> None:
    op.drop_table("product_import_uploads")
    op.drop_index("ix_products_search_sku", table_name="products")
    op.drop_index("ix_products_search_name_trgm", table_name="products")
    op.drop_index("ix_products_search_name", table_name="products")
