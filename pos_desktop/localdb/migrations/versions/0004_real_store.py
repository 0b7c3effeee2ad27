"""real store: staff from the cloud, live store profile, receipt series after a restore

Revision ID: 0004
Revises: 0003
Created: 2026-12-07

Only additions. Staff rows learn the cloud's id and the feed sequence that last wrote them; the
store profile gains its legal name, receipt header and the version the cloud gave it; each sale
records the profile version it was rung under; the receipt series lets a restored till number
its receipts where they cannot collide with the ones it printed before the restore.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("cloud_id", sa.String(length=64), nullable=True))
        batch.add_column(sa.Column("updated_seq", sa.Integer(), nullable=True))
        batch.create_index(batch.f("ix_users_cloud_id"), ["cloud_id"], unique=True)
    with op.batch_alter_table("store_settings") as batch:
        batch.add_column(
            sa.Column("legal_name", sa.String(length=200), nullable=False, server_default="")
        )
        batch.add_column(sa.Column("header_lines", sa.Text(), nullable=False, server_default="[]"))
        batch.add_column(
            sa.Column("profile_version", sa.Integer(), nullable=False, server_default="0")
        )
        batch.add_column(
            sa.Column("receipt_series", sa.String(length=8), nullable=False, server_default="")
        )
    with op.batch_alter_table("sales") as batch:
        batch.add_column(sa.Column("profile_version", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sales") as batch:
        batch.drop_column("profile_version")
    with op.batch_alter_table("store_settings") as batch:
        batch.drop_column("receipt_series")
        batch.drop_column("profile_version")
        batch.drop_column("header_lines")
        batch.drop_column("legal_name")
    with op.batch_alter_table("users") as batch:
        batch.drop_index(batch.f("ix_users_cloud_id"))
        batch.drop_column("updated_seq")
        batch.drop_column("cloud_id")
