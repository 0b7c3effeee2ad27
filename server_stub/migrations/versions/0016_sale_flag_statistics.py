"""sales: planner statistics on the number of flags, so "flagged sales" reads its partial index

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-08

PostgreSQL only. The alerts count (the back office menu's badge, on every page) asks for sales
with ``json_array_length(flags) > 0``; without statistics on that expression the planner guesses
a third of all sales match and reads the whole table (3 to 7 s on 7.3 million sales) instead of
the partial index ``ix_sales_flagged`` that holds only the flagged ones (0.1 ms). Expression
statistics (PostgreSQL 14 and later) give it the real share; an older server keeps its guess.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    bind = op.get_bind()
    version = bind.dialect.server_version_info or (0,)
    if bind.dialect.name != "postgresql" or version < (14,):
        return
    op.execute(
        "CREATE STATISTICS IF NOT EXISTS st_sales_flag_count "
        "ON (json_array_length(flags)) FROM sales"
    )
    op.execute("ANALYZE sales")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP STATISTICS IF EXISTS st_sales_flag_count")
