"""back office sign-in: browser sessions, TOTP enrollment, recovery codes, managers' stores

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-07

Users that exist already got their TOTP secret when they were made (the admin CLI prints it,
the API answers it, the demo prints it), so they count as enrolled from their creation.
Existing stores are in WIB (Asia/Jakarta) with no opening hours.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _user_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["org_id", "user_id"],
        ["users.org_id", "users.user_id"],
        name=op.f(f"fk_{table}_org_id_user_id_users"),
    )


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("totp_confirmed_at", sa.DateTime(timezone=True), nullable=True))
    op.execute("UPDATE users SET totp_confirmed_at = created_at")
    with op.batch_alter_table("stores") as batch:
        batch.add_column(
            sa.Column(
                "timezone", sa.String(length=64), server_default="Asia/Jakarta", nullable=False
            )
        )
        batch.add_column(sa.Column("opening_hours", sa.JSON(), server_default="{}", nullable=False))
    op.create_table(
        "web_sessions",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("session_id", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("stage", sa.String(length=16), nullable=False),
        sa.Column("csrf_token", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=False),
        _user_fk("web_sessions"),
        sa.PrimaryKeyConstraint("org_id", "session_id", name=op.f("pk_web_sessions")),
    )
    op.create_index(
        op.f("ix_web_sessions_org_id_user_id"), "web_sessions", ["org_id", "user_id"], unique=False
    )
    op.create_table(
        "recovery_codes",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("code_id", sa.String(length=32), nullable=False),
        sa.Column("code_hash", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        _user_fk("recovery_codes"),
        sa.PrimaryKeyConstraint("org_id", "user_id", "code_id", name=op.f("pk_recovery_codes")),
    )
    op.create_table(
        "user_stores",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.String(length=32), nullable=False),
        _user_fk("user_stores"),
        sa.ForeignKeyConstraint(
            ["org_id", "store_id"],
            ["stores.org_id", "stores.store_id"],
            name=op.f("fk_user_stores_org_id_store_id_stores"),
        ),
        sa.PrimaryKeyConstraint("org_id", "user_id", "store_id", name=op.f("pk_user_stores")),
    )
    op.create_table(
        "user_invites",
        sa.Column("org_id", sa.String(length=32), nullable=False),
        sa.Column("invite_id", sa.String(length=80), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.String(length=32), nullable=False),
        sa.Column("created_by", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        _user_fk("user_invites"),
        sa.PrimaryKeyConstraint("org_id", "invite_id", name=op.f("pk_user_invites")),
    )


def downgrade() -> None:
    op.drop_table("user_invites")
    op.drop_table("user_stores")
    op.drop_table("recovery_codes")
    op.drop_index(op.f("ix_web_sessions_org_id_user_id"), table_name="web_sessions")
    op.drop_table("web_sessions")
    with op.batch_alter_table("stores") as batch:
        batch.drop_column("opening_hours")
        batch.drop_column("timezone")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("totp_confirmed_at")
