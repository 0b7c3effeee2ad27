"""idempotency: stored answers of owner-API POSTs sent with an Idempotency-Key

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-09

One new table, empty at first. Its primary key ``(org_id, caller, idempotency_key)`` is what
lets only one of two identical requests run; the ``(org_id, created_at)`` index lets each write
purge its organization's expired keys with a short range read.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "idempotency_keys",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("caller", sa.String(length=40), nullable=False),
        sa.Column("idempotency_key", sa.String(length=255), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("response_headers", sa.JSON(), nullable=True),
        sa.Column("response_body", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.org_id"],
            name=op.f("fk_idempotency_keys_org_id_organizations"),
        ),
        sa.PrimaryKeyConstraint(
            "org_id", "caller", "idempotency_key", name=op.f("pk_idempotency_keys")
        ),
    )
    op.create_index(
        "ix_idempotency_keys_org_id_created_at",
        "idempotency_keys",
        ["org_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_idempotency_keys_org_id_created_at", table_name="idempotency_keys")
    op.drop_table("idempotency_keys")
