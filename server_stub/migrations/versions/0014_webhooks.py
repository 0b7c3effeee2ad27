"""webhooks: endpoints, the outbox of events, and their deliveries

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-09

Only additions, all empty at first. The deliveries' partial indexes hold the rows still to be
sent (``status IN ('pending', 'failed')``) and the events' the rows not yet turned into
deliveries, so the delivery worker reads a few rows however long the history grows.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UNSENT = "status IN ('pending', 'failed')"
UNDISPATCHED = "dispatched_at IS NULL"


def _when(name: str, nullable: bool = False) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "webhook_endpoints",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("endpoint_id", sa.String(length=32), nullable=False),
        sa.Column("url", sa.String(length=2048), nullable=False),
        sa.Column("description", sa.String(length=200), nullable=False),
        sa.Column("event_types", sa.JSON(), nullable=False),
        sa.Column("secret", sa.String(length=100), nullable=False),
        sa.Column("previous_secret", sa.String(length=100), nullable=True),
        _when("previous_secret_expires_at", nullable=True),
        sa.Column("allow_lan", sa.Boolean(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        _when("disabled_at", nullable=True),
        sa.Column("disabled_reason", sa.String(length=300), nullable=True),
        _when("created_at"),
        _when("updated_at"),
        sa.ForeignKeyConstraint(
            ["org_id"],
            ["organizations.org_id"],
            name=op.f("fk_webhook_endpoints_org_id_organizations"),
        ),
        sa.PrimaryKeyConstraint("org_id", "endpoint_id", name=op.f("pk_webhook_endpoints")),
    )
    op.create_table(
        "webhook_events",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("event_type", sa.String(length=40), nullable=False),
        sa.Column("resource", sa.String(length=160), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        _when("created_at"),
        _when("dispatched_at", nullable=True),
        sa.Column("endpoint_id", sa.String(length=32), nullable=True),
        sa.PrimaryKeyConstraint("org_id", "event_id", name=op.f("pk_webhook_events")),
    )
    op.create_index(
        op.f("ix_webhook_events_org_id_created_at"), "webhook_events", ["org_id", "created_at"]
    )
    op.create_index(
        "ix_webhook_events_undispatched",
        "webhook_events",
        ["org_id", "event_id"],
        sqlite_where=sa.text(UNDISPATCHED),
        postgresql_where=sa.text(UNDISPATCHED),
    )
    op.create_table(
        "webhook_deliveries",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("endpoint_id", sa.String(length=32), nullable=False),
        sa.Column("event_id", sa.String(length=40), nullable=False),
        sa.Column("resource", sa.String(length=160), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _when("next_attempt_at"),
        _when("give_up_at"),
        sa.Column("lease_token", sa.String(length=32), nullable=True),
        _when("last_attempt_at", nullable=True),
        sa.Column("last_status_code", sa.Integer(), nullable=True),
        sa.Column("last_latency_ms", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=300), nullable=True),
        sa.Column("response_excerpt", sa.Text(), nullable=True),
        _when("delivered_at", nullable=True),
        _when("created_at"),
        sa.ForeignKeyConstraint(
            ["org_id", "endpoint_id"],
            ["webhook_endpoints.org_id", "webhook_endpoints.endpoint_id"],
            name=op.f("fk_webhook_deliveries_org_id_endpoint_id_webhook_endpoints"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["org_id", "event_id"],
            ["webhook_events.org_id", "webhook_events.event_id"],
            name=op.f("fk_webhook_deliveries_org_id_event_id_webhook_events"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint(
            "org_id", "endpoint_id", "event_id", name=op.f("pk_webhook_deliveries")
        ),
    )
    op.create_index(
        op.f("ix_webhook_deliveries_org_id_event_id"), "webhook_deliveries", ["org_id", "event_id"]
    )
    op.create_index(
        "ix_webhook_deliveries_due",
        "webhook_deliveries",
        ["org_id", "next_attempt_at"],
        sqlite_where=sa.text(UNSENT),
        postgresql_where=sa.text(UNSENT),
    )
    op.create_index(
        "ix_webhook_deliveries_order",
        "webhook_deliveries",
        ["org_id", "endpoint_id", "resource", "event_id"],
        sqlite_where=sa.text(UNSENT),
        postgresql_where=sa.text(UNSENT),
    )


def downgrade() -> None:
    op.drop_table("webhook_deliveries")
    op.drop_index("ix_webhook_events_undispatched", table_name="webhook_events")
    op.drop_index(op.f("ix_webhook_events_org_id_created_at"), table_name="webhook_events")
    op.drop_table("webhook_events")
    op.drop_table("webhook_endpoints")
