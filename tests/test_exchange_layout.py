"""catalog/exchange: export and package share exchange/source.py and never import each other at module
level (issue 16 item 4) — the modules of the package form no import cycle."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "catalog" / "exchange"


def module_imports(path: Path) -> set[str]:
    """catalog.exchange modules imported at module level (imports inside functions are lazy)."""
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("catalog.exchange."):
            found.add(node.module.rsplit(".", 1)[1])
    return found


def test_exchange_modules_form_no_import_cycle():
    graph = {p.stem: module_imports(p) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    assert "export" not in graph["package"] and "package" not in graph["export"]
    assert {"source"} <= graph["package"] and {"source"} <= graph["export"]
    done: set[str] = set()

    def visit(name: str, path: tuple[str, ...]) -> None:
        assert name not in path, " → ".join((*path, name))
        if name in done:
            return
        for dep in graph.get(name, ()):
            visit(dep, (*path, name))
        done.add(name)
    for name in graph:
        visit(name, ())
