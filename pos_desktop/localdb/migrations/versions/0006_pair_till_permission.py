"""pair_till permission: who may pair the till with the cloud is a row of the permission table

Revision ID: 0006
Revises: 0005
Created: 2026-12-07

Until now the pairing dialog let managers and supervisors in by a role list of its own, outside
the table a shop edits. The table learns ``pair_till``, granted to exactly those two roles, so
every till keeps who may pair it until the shop changes that on the permissions screen. The
names are frozen here, not imported from ``domain.permissions``.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PERMISSION = "pair_till"
ROLES = ("supervisor", "manager")


def upgrade() -> None:
    permissions = sa.table("permissions", sa.column("role"), sa.column("permission"))
    op.bulk_insert(permissions, [{"role": role, "permission": PERMISSION} for role in ROLES])


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM permissions WHERE permission = :p").bindparams(p=PERMISSION))
