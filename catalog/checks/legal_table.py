"""The table of repealed, expired and superseded documents (standards/legal/repealed.json), and matching."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from catalog.errors import GuideDataError
from catalog.resources import standards_dir
from catalog.schema import load_validated_json

# 废止/失效 mean the cited text is no longer law: an error. 修订 means an old version is cited: also an error
# (the clerk cites a text that no longer applies). 被取代: replaced in substance without a formal repeal we
# could find: a warning.
ERROR_STATUSES = frozenset({"废止", "失效", "修订"})
# A plan whose period has ended (“十三五”, “十四五”): only a 提示 — parts may still be carried out.
PLAN_ENDED = "规划期满"


@dataclass(frozen=True)
class RepealedDoc:
    id: str
    document: str
    pattern: re.Pattern
    unless: re.Pattern | None
    status: str
    replaced_by: str | None
    effective: str
    sources: tuple[dict, ...]
    note: str = ""
    examples: tuple[str, ...] = ()
    not_examples: tuple[str, ...] = ()

    def matches(self, basis: str) -> bool:
        text = normalize(basis)
        return bool(self.pattern.search(text)) and not (self.unless and self.unless.search(text))


def normalize(text: str) -> str:
    """NFKC (full-width brackets and digits → ASCII) without whitespace: the form patterns are written for."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


class RepealedTable:
    """The rows in file order; the first row that matches a 公开依据 entry wins."""

    def __init__(self, rows: list[RepealedDoc], *, file: str = "", updated: str = ""):
        self.rows = rows
        self.file = file
        self.updated = updated
        self._memo: dict[str, RepealedDoc | None] = {}

    def match(self, basis: str) -> RepealedDoc | None:
        """The row a 公开依据 entry cites, or None when it cites nothing known to be out of force."""
        if basis not in self._memo:
            self._memo[basis] = next((r for r in self.rows if r.matches(basis)), None)
        return self._memo[basis]

    def __len__(self) -> int:
        return len(self.rows)


def table_path() -> Path:
    return standards_dir() / "legal" / "repealed.json"


def load_schema() -> dict:
    return json.loads((standards_dir() / "legal" / "repealed.schema.json").read_text(encoding="utf-8"))


_CACHE: dict[tuple[str, int], RepealedTable] = {}


def load_repealed(path: Path | None = None) -> RepealedTable:
    """Load and validate the table (cached per file and modification time); GuideDataError names the field."""
    path = path or table_path()
    try:
        key = (str(path), path.stat().st_mtime_ns)
    except FileNotFoundError:
        raise GuideDataError(path.name, "(整个文件)", "文件不存在") from None
    if key not in _CACHE:
        _CACHE[key] = _load(path)
    return _CACHE[key]


def _load(path: Path) -> RepealedTable:
    data = load_validated_json(path, load_schema())
    rows, seen = [], set()
    for i, raw in enumerate(data["rows"]):
        if raw["id"] in seen:
            raise GuideDataError(path.name, f"rows[{i}].id", f"编号 {raw['id']} 重复")
        seen.add(raw["id"])
        rows.append(RepealedDoc(
            id=raw["id"], document=raw["document"], pattern=_compile(path, i, "pattern", raw["pattern"]),
            unless=_compile(path, i, "unless", raw["unless"]) if raw.get("unless") else None,
            status=raw["status"], replaced_by=raw.get("replaced_by"), effective=raw["effective"],
            sources=tuple(raw["source"]), note=raw.get("note", ""), examples=tuple(raw.get("examples", ())),
            not_examples=tuple(raw.get("not_examples", ())),
        ))
    return RepealedTable(rows, file=path.name, updated=data["updated"])


def _compile(path: Path, i: int, name: str, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise GuideDataError(path.name, f"rows[{i}].{name}", f"正则表达式有误：{err}") from None
