"""real store: staff with PIN verifiers, the full store profile, receipt numbers per till

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-07

Only additions. Existing stores start at profile version 1 with empty legal name, NPWP and
receipt lines.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("stores") as batch:
        batch.add_column(
            sa.Column("legal_name", sa.String(length=200), server_default="", nullable=False)
        )
        batch.add_column(sa.Column("npwp", sa.String(length=32), server_default="", nullable=False))
        batch.add_column(
            sa.Column("phone", sa.String(length=32), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("receipt_header", sa.JSON(), server_default="[]", nullable=False)
        )
        batch.add_column(
            sa.Column("receipt_footer", sa.JSON(), server_default="[]", nullable=False)
        )
        batch.add_column(
            sa.Column("profile_version", sa.Integer(), server_default="1", nullable=False)
        )
        batch.add_column(sa.Column("profile_updated_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "store_profile_versions",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.String(length=32), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("profile", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id", "store_id"],
            ["stores.org_id", "stores.store_id"],
            name=op.f("fk_store_profile_versions_org_id_store_id_stores"),
        ),
        sa.PrimaryKeyConstraint(
            "org_id", "store_id", "version", name=op.f("pk_store_profile_versions")
        ),
    )
    op.create_table(
        "staff",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("pin_verifier", sa.String(length=200), nullable=False),
        sa.Column("pin_set_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("pin_change_id", sa.String(length=64), nullable=True),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id"], ["organizations.org_id"], name=op.f("fk_staff_org_id_organizations")
        ),
        sa.PrimaryKeyConstraint("org_id", "staff_id", name=op.f("pk_staff")),
    )
    op.create_index(op.f("ix_staff_org_id_seq"), "staff", ["org_id", "seq"], unique=False)
    op.create_table(
        "staff_stores",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("staff_id", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(
            ["org_id", "staff_id"],
            ["staff.org_id", "staff.staff_id"],
            name=op.f("fk_staff_stores_org_id_staff_id_staff"),
        ),
        sa.ForeignKeyConstraint(
            ["org_id", "store_id"],
            ["stores.org_id", "stores.store_id"],
            name=op.f("fk_staff_stores_org_id_store_id_stores"),
        ),
        sa.PrimaryKeyConstraint("org_id", "staff_id", "store_id", name=op.f("pk_staff_stores")),
    )
    op.create_index(
        op.f("ix_sales_org_id_store_id_till_code_receipt_no"),
        "sales",
        ["org_id", "store_id", "till_code", "receipt_no"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_sales_org_id_store_id_till_code_receipt_no"), table_name="sales")
    op.drop_table("staff_stores")
    op.drop_table("store_profile_versions")
    op.drop_index(op.f("ix_staff_org_id_seq"), table_name="staff")
    op.drop_table("staff")
    with op.batch_alter_table("stores") as batch:
        batch.drop_column("profile_updated_at")
        batch.drop_column("profile_version")
        batch.drop_column("receipt_footer")
        batch.drop_column("receipt_header")
        batch.drop_column("phone")
        batch.drop_column("npwp")
        batch.drop_column("legal_name")
