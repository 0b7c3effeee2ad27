"""Contract migrations: schema changes the previous version cannot read wait for a good start.

A till migration that only adds (a table, a nullable column) leaves a database the previous
version still works with once its revision is put back; one that removes or renames what the
previous version reads (a *contract* migration) would make a rollback lose data. Such a
migration says so with a module-level ``contract = True``; while a switch to a new version has
not reached the login screen (``pending-start``), the database is upgraded only to the revision
before the first pending contract migration, and the rest follows at the first start after the
new version was confirmed. ``store.open_local_store(revision=...)`` takes the result.
"""

from __future__ import annotations

import ast
import logging
from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory

log = logging.getLogger(__name__)


def is_contract(path: str | None) -> bool:
    """Whether the migration file at ``path`` declares ``contract = True``."""
    if path is None:
        return False
    tree = ast.parse(Path(path).read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        if any(isinstance(t, ast.Name) and t.id == "contract" for t in targets):
            return isinstance(value, ast.Constant) and value.value is True
    return False


def gated_revision(migrations_dir: Path, current: str | None, *, confirmed: bool) -> str:
    """The revision to upgrade to now: ``head`` once confirmed, else the last before the first
    contract migration above ``current`` (``current`` itself when the next one is contract)."""
    if confirmed or current is None:  # a new database has no older version to protect
        return "head"
    config = Config()
    config.set_main_option("script_location", str(migrations_dir))
    script = ScriptDirectory.from_config(config)
    head = script.get_current_head()
    if head is None:
        return "head"
    # walk_revisions goes from head down to current; keep the oldest run of plain ones.
    chain = list(script.walk_revisions(base=current, head=head))
    chain.reverse()
    reached = current
    for revision in chain:
        if revision.revision == current:
            continue
        if is_contract(revision.path):
            log.info("contract migration %s waits for a confirmed start", revision.revision)
            return reached or current
        reached = revision.revision
    return "head"
