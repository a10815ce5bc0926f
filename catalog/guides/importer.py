"""Import official guide tables (standard layout xlsx/xls) into a workspace, through the one reader."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import KnownError
from catalog.guides.shipped import Guide
from catalog.progress import Progress
from catalog.township.service import TownshipCatalog


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
        raise KnownError(f"文件 {path.name} 中有 {len(result.problems)} 处无法识别，未导入任何内容：\n"
                         + "\n".join(result.problem_lines()))
    present = result.domains()
    if domain:
        target = cat.guides.find(domain)
        rows = result.rows_of(target.domain)
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


def export_guide(guide: Guide, out: Path | str) -> Path:
    """Write a guide in the standard layout (same writer as the catalog export)."""
    from catalog.stdtable import write_xlsx
    from catalog.stdtable.convert import guide_to_export_doc
    out = Path(out)
    write_xlsx(guide_to_export_doc(guide), out)
    return out
