"""Layering: the domain (catalog/) never imports Qt, the GUI or the CLI; gui/ and cli/ never import each
other; docs/ARCHITECTURE.md's module map names every package that exists, and nothing that does not."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("PySide6", "PySide2", "PyQt5", "PyQt6", "shiboken6", "gui", "cli")
DOMAIN_FILES = sorted((ROOT / "catalog").rglob("*.py"))
GUI_FILES = sorted((ROOT / "gui").rglob("*.py"))
CLI_FILES = sorted((ROOT / "cli").rglob("*.py"))


def imported_modules(path: Path, source: str | None = None) -> list[tuple[int, str]]:
    """(line, absolute-ish module name) of every import in the file, relative ones resolved."""
    text = path.read_text(encoding="utf-8") if source is None else source
    tree = ast.parse(text, filename=str(path))
    package = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1] if node.level <= len(package) else ()
                name = ".".join((*base, node.module or ""))
                found.append((node.lineno, name.strip(".") or "<above the repo>"))
            else:
                found.append((node.lineno, node.module or ""))
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def test_domain_files_are_found():
    assert len(DOMAIN_FILES) > 5


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalog_never_imports_qt_or_gui(path):
    bad = [f"line {line}: {name}" for line, name in imported_modules(path)
           if name.split(".")[0] in FORBIDDEN or name == "<above the repo>"]
    assert not bad, f"{path.relative_to(ROOT)} imports Qt/GUI code: {bad}"


def test_the_checker_sees_relative_and_lazy_imports():
    source = "from ...gui import app\nfrom .. import errors\ndef f():\n    import PySide6.QtCore\n" \
             "    importlib.import_module('gui.x')\n"
    names = [name for _, name in imported_modules(ROOT / "catalog" / "cli" / "probe.py", source)]
    assert names == ["gui", "catalog", "PySide6.QtCore", "gui.x"]


SPREADSHEET_OPENERS = ("CalamineWorkbook.from_path", "load_workbook(", "xlrd.open_workbook(")


@pytest.mark.parametrize("path", DOMAIN_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_spreadsheets_open_only_through_the_safety_gate(path):
    """Hostile xlsx (entity attacks, zip bombs, far cells that abort calamine) are refused in one
    place, catalog/xlsx_safety.py: nothing else in the domain may open a workbook directly."""
    if path.name == "xlsx_safety.py":
        return
    text = path.read_text(encoding="utf-8")
    assert not [o for o in SPREADSHEET_OPENERS if o in text], f"{path.name} opens a workbook directly"


@pytest.mark.parametrize("path", GUI_FILES + CLI_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_gui_and_cli_never_import_each_other(path):
    """Both are thin callers of the catalog/ services; what one needs from the other belongs in catalog/."""
    other = "cli" if path.relative_to(ROOT).parts[0] == "gui" else "gui"
    bad = [f"line {line}: {name}" for line, name in imported_modules(path) if name.split(".")[0] == other]
    assert not bad, f"{path.relative_to(ROOT)} imports {other}/: {bad}"


def _module_map() -> str:
    text = (ROOT / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
    return text.split("```", 2)[1]


def test_the_module_map_names_every_package():
    packages = sorted(str(d.parent.relative_to(ROOT)) + "/" for top in ("catalog", "cli", "gui")
                      for d in (ROOT / top).rglob("__init__.py") if "__pycache__" not in d.parts)
    listed = {line.split()[0] for line in _module_map().splitlines() if line and not line.startswith(" ")}
    # a package inside a listed one may be described by its parent's line (catalog/checks/rules/)
    missing = [p for p in packages if p not in listed and p.rsplit("/", 2)[0] + "/" not in listed]
    assert not missing, f"docs/ARCHITECTURE.md does not describe {missing}"


def test_every_path_in_the_module_map_exists():
    import re
    listed = {line.split()[0] for line in _module_map().splitlines() if line and not line.startswith(" ")}
    named = set(re.findall(r"\b(?:catalog|gui|cli|scripts|tests|bench)/[\w/]*\w(?:\.py|/)?", _module_map()))
    gone = [p for p in sorted(listed | named) if not (ROOT / p).exists()]
    assert not gone, f"docs/ARCHITECTURE.md names paths that do not exist: {gone}"
