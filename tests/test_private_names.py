"""No private name (``_x``) is imported across modules: what another module needs is public.

Ruff's import-private-name (PLC2701) cannot hold this rule here: it leaves alone imports within
one top-level package, and every import that could break the rule is one (``pos_desktop.ui``
from ``pos_desktop.receipts``, a test from another test).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("pos_desktop", "server_stub", "bench", "tests")


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def imported_from(node: ast.ImportFrom, package: str) -> str:
    """The absolute module a ``from ... import`` reads, ``package`` being the importer's."""
    if not node.level:
        return node.module or ""
    base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
    return f"{base}.{node.module}" if node.module else base


def private_imports(source: str, package: str) -> Iterator[str]:
    """``line: module.name`` for each private name of the project that ``source`` imports;
    ``package`` is the package the importing module is in (for relative imports)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = imported_from(node, package)
            if module.split(".")[0] not in PACKAGES:
                continue
            for alias in node.names:
                if is_private(alias.name) or any(map(is_private, module.split("."))):
                    yield f"{node.lineno}: {module}.{alias.name}"
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] in PACKAGES and any(map(is_private, parts)):
                    yield f"{node.lineno}: {alias.name}"


def package_of(path: Path) -> str:
    parts = path.relative_to(ROOT).parts
    return ".".join(parts[:-1])


def test_a_private_name_imported_from_another_module_is_found() -> None:
    source = (
        "from pos_desktop.receipts.escpos_render import _wrap, render\n"
        "from pos_desktop import __version__\n"
        "from os import _exit\n"
        "from ._layout import columns\n"
        "import pos_desktop.receipts._layout\n"
        "from .. import _cache\n"
    )
    assert list(private_imports(source, "pos_desktop.receipts")) == [
        "1: pos_desktop.receipts.escpos_render._wrap",
        "4: pos_desktop.receipts._layout.columns",
        "5: pos_desktop.receipts._layout",
        "6: pos_desktop._cache",
    ]


def test_no_module_imports_a_private_name_of_another() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{hit}"
        for top in PACKAGES
        for path in sorted((ROOT / top).rglob("*.py"))
        for hit in private_imports(path.read_text(encoding="utf-8"), package_of(path))
    ]
    assert found == [], "make these public, or move them to where they are used"
