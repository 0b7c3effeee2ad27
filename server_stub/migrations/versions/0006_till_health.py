"""till heartbeats: version, last contact, unsent sales, clock difference, printer state

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07

One new table, one row per till, written by ``POST /v1/devices/me/heartbeat``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "till_health",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("device_id", sa.String(length=80), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("app_version", sa.String(length=32), nullable=False),
        sa.Column("unsent_sales", sa.Integer(), nullable=False),
        sa.Column("oldest_unsent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("needs_attention", sa.Integer(), nullable=False),
        sa.Column("clock_skew_s", sa.Integer(), nullable=True),
        sa.Column("printer", sa.String(length=32), nullable=False),
        sa.Column("last_sync_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["org_id", "device_id"],
            ["devices.org_id", "devices.device_id"],
            name=op.f("fk_till_health_org_id_device_id_devices"),
        ),
        sa.PrimaryKeyConstraint("org_id", "device_id", name=op.f("pk_till_health")),
    )


def downgrade() -> None:
    op.drop_table("till_health")
