"""Import official guide tables (standard layout xlsx/xls) into a workspace, through the one reader."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import KnownError
from catalog.guides.shipped import Guide
from catalog.progress import Progress
from catalog.stdtable.model import ReadResult, TableRefused
from catalog.township.service import TownshipCatalog


class TownshipCatalogFile(KnownError):
    """The file is one township's own catalog (its title or 公开主体 name a township), not a guide."""


class DomainMismatch(KnownError):
    """The chosen domain is not in the file; `found` are the domains recognised by sheet name or title."""

    def __init__(self, message: str, found: list[str]):
        self.found = found
        super().__init__(message)


# A named township ("胡桥镇", "城关街道") before its government or its catalog's title words; the generic
# "乡镇人民政府（街道办事处）", "乡（镇）" or "各镇" of a guide does not count.
_NAMED = re.compile(r"([\u4e00-\u9fa5]{1,10}?)(镇|乡|街道)"
                    r"(?=人民政府|政府|办事处|政务公开|基层政务公开|公开事项)")
_GENERIC = ("乡", "各", "本", "该", "所在", "相关", "县", "市")


def _named_township(text: str) -> str | None:
    for m in _NAMED.finditer(text or ""):
        name = m.group(1)
        if not name.endswith(_GENERIC) and not name.startswith(_GENERIC):
            return name + m.group(2)
    return None


def township_of_catalog(result: ReadResult) -> str | None:
    """The township a read table belongs to when it is a township's own catalog (title naming a
    township, or most rows' 公开主体 a named township government); None for a guide."""
    title = result.title or ""
    if "指引" not in title and (name := _named_township(title)):
        return name
    subjects = [r.text.subject for r in result.rows if r.text.subject]
    named = [n for n in map(_named_township, subjects) if n]
    if subjects and len(named) * 2 > len(subjects):
        return named[0]
    return None


@dataclass
class GuideImportResult:
    imported: list[Guide] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def import_guide_file(cat: TownshipCatalog, path: Path | str, *, domain: str | None = None, source: str = "",
                      progress: Progress | None = None) -> GuideImportResult:
    """Read `path` and store each domain's table as a new guide version.

    A file with cells the reader could not understand is refused whole (nothing stored): the
    problems name sheet, row and column so the clerk can fix the table and import again."""
    from catalog.stdtable import read_table
    path = Path(path)
    names = {str(g.no): g.domain for g in cat.guides}
    result = read_table(path, domains=names, progress=progress)
    if result.problems:
        raise TableRefused(path.name, result.problems)
    township = township_of_catalog(result)
    if township:
        raise TownshipCatalogFile(
            f"文件 {path.name} 是「{township}」的乡镇目录（标题“{result.title or '无'}”，公开主体为乡镇），"
            "不是上级下发的标准指引，未导入。要用它替换本乡镇的目录工作稿，请用命令行的 import 命令"
            f"（python main.py import {path.name}）；要导入指引，请选择省、市或县下发的标准目录表格。")
    present = result.domains()
    if domain:
        target = cat.guides.find(domain)
        rows = result.rows_of(target.domain)
        known = [d for d in present if _known(cat, d)]
        if not rows and known:
            found = "、".join(f"「{d}」" for d in known)
            raise DomainMismatch(f"文件 {path.name} 中没有「{target.domain}」领域的事项；"
                                 f"按工作表名称和标题识别到的领域是 {found}。", known)
        if not rows and len(present) == 1:
            rows = result.rows_of(present[0])     # a single-domain file whose sheet is named otherwise
        plan = [(target, rows)]
    else:
        plan = [(cat.guides.find(name), result.rows_of(name)) for name in present]
    if not plan:
        raise KnownError(f"文件 {path.name} 中没有读到任何领域的事项，未导入。")
    out = GuideImportResult()
    with cat.ws.atomic():          # all domains of the file, or none
        for guide, rows in plan:
            out.imported.append(cat.import_guide(guide.domain, [r.text for r in rows],
                                                 source=source or path.stem, file=str(path)))
    return out


def _known(cat: TownshipCatalog, name: str) -> bool:
    try:
        return bool(name) and cat.guides.find(name) is not None
    except KnownError:
        return False


def export_guide(guide: Guide, out: Path | str) -> Path:
    """Write a guide in the standard layout (same writer as the catalog export)."""
    from catalog.guides.layout import guide_to_export_doc
    from catalog.stdtable import write_xlsx
    out = Path(out)
    write_xlsx(guide_to_export_doc(guide), out)
    return out
