"""Neutral data for the standard-layout table: what the writers take and what the reader gives back.

Decoupled from catalog storage: callers turn guides or township catalogs into an ExportDoc, and turn
a ReadResult's TableRows into guide versions or catalog items.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from catalog.errors import KnownError, where
from catalog.model import ItemText

# The two named extra sheets a standard workbook carries besides the domain sheets.
TOC_SHEET = "总目录"
NOT_INVOLVED_SHEET = "未涉及领域事项说明"


@dataclass(frozen=True)
class ExportRow:
    """One printed row: its 序号, its text, and an optional 备注 (e.g. "不适用：原因", "本地自定事项")."""
    seq: int
    text: ItemText
    note: str = ""


@dataclass(frozen=True)
class ExportDomain:
    """One domain's rows (one sheet in Excel, one section in PDF)."""
    name: str
    rows: tuple[ExportRow, ...] | list[ExportRow] = ()
    domain_code: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "rows", tuple(self.rows))


@dataclass(frozen=True)
class ExportDoc:
    """A whole standard-layout document: title row text, a subtitle line, domains, 未涉及领域 with reasons."""
    title: str
    subtitle: str = ""
    domains: tuple[ExportDomain, ...] | list[ExportDomain] = ()
    not_involved: tuple[tuple[str, str], ...] | list[tuple[str, str]] = ()

    def __post_init__(self) -> None:
        # lists are accepted for convenience; tuples make docs comparable and hashable
        object.__setattr__(self, "domains", tuple(self.domains))
        object.__setattr__(self, "not_involved", tuple((d, r) for d, r in self.not_involved))

    @property
    def has_notes(self) -> bool:
        """Whether any row has a 备注 (then the tables get a 备注 column)."""
        return any(r.note for d in self.domains for r in d.rows)

    @property
    def row_count(self) -> int:
        return sum(len(d.rows) for d in self.domains)


@dataclass(frozen=True)
class TableRow:
    """One data row read from a standard table, with where it came from (1-based worksheet row)."""
    domain: str
    seq: int                      # position within its domain, 1-based, in table order
    text: ItemText
    sheet: str
    row: int
    note: str = ""
    domain_code: str | None = None
    village: bool | None = None   # the extra 村级 column some counties add (None: no such column)
    city: bool | None = None      # the extra 市级 column of cities without counties (kept, not mapped)


@dataclass(frozen=True)
class CellProblem:
    """A cell (or header) the reader could not understand; nothing was guessed for it."""
    sheet: str
    row: int | None
    column: str | None            # Excel column letter, e.g. "H"
    message: str
    header: str = ""              # the column's header text, e.g. "公开渠道和载体"

    def describe(self, file: str | None = None) -> str:
        """'文件 x.xlsx，工作表「涉农补贴」，第 7 行，列「H 公开渠道和载体」：…'"""
        col = f"{self.column} {self.header}".strip() if self.column else (self.header or None)
        return where(file=file, sheet=self.sheet, row=self.row, column=col) + self.message


class TableRefused(KnownError):
    """A table refused whole because of cells the reader could not understand. `problems` are the
    CellProblems (sheet, row, column, header, message) as data, so a GUI can list them without
    reading the file again; str(err) is the full Chinese text (summary line, then one line each)."""

    def __init__(self, file: str, problems: list[CellProblem] | tuple[CellProblem, ...]):
        self.file = file
        self.problems: tuple[CellProblem, ...] = tuple(problems)
        self.summary = f"文件 {file} 中有 {len(self.problems)} 处无法识别，未导入任何内容："
        super().__init__("\n".join([self.summary, *(p.describe(file) for p in self.problems)]))


@dataclass(frozen=True)
class SheetInfo:
    """What the reader made of one sheet: its domain (if one), header rows, data rows, or why skipped."""
    name: str
    domain: str = ""
    header_rows: tuple[int, ...] = ()
    data_rows: int = 0
    skipped: str = ""             # reason when the sheet held no table (e.g. "总目录")


@dataclass
class ReadResult:
    """Everything read from one file. `problems` lists every cell not understood."""
    file: str
    rows: list[TableRow] = field(default_factory=list)
    title: str = ""
    subtitle: str = ""
    problems: list[CellProblem] = field(default_factory=list)
    not_involved: list[tuple[str, str]] = field(default_factory=list)
    sheets: list[SheetInfo] = field(default_factory=list)

    def domains(self) -> list[str]:
        """Domain names in first-seen order."""
        return list(dict.fromkeys(r.domain for r in self.rows))

    def rows_of(self, domain: str) -> list[TableRow]:
        return [r for r in self.rows if r.domain == domain]

    def problem_lines(self) -> list[str]:
        """Every problem as a full Chinese sentence with file, sheet, row and column."""
        return [p.describe(self.file) for p in self.problems]

    def to_export_doc(self) -> ExportDoc:
        """The same content as an ExportDoc (export → read → to_export_doc gives back the original)."""
        domains = []
        for name in self.domains():
            rows = self.rows_of(name)
            domains.append(ExportDomain(name, tuple(ExportRow(r.seq, r.text, r.note) for r in rows),
                                        rows[0].domain_code))
        return ExportDoc(self.title, self.subtitle, tuple(domains), tuple(self.not_involved))
