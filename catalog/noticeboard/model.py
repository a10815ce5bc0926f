"""The roster as the app holds it: rows with their text and parsed values, issues, exclusions."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from catalog.noticeboard.fields import LABELS

ERROR, WARNING = "error", "warning"
PERSON, TOTAL = "person", "total"


@dataclass(slots=True, eq=False)
class RosterRow:
    """One data line of the roster. `values` holds each mapped field's text as read (cleaned).

    kind TOTAL marks a 合计/小计 line of the file: never printed, only checked against the rows above.
    amount/quantity/standard and village are set by validation (None when missing or invalid).
    """
    no: int                      # 1-based position in the roster: the stable key of a row
    sheet: str
    line: int                    # row number in the spreadsheet (what the clerk sees)
    values: dict[str, str]
    kind: str = PERSON
    id_from_number: bool = False  # the ID cell was a number: Excel has dropped digits
    village: str = ""            # the township's village name this row belongs to ('' if unknown)
    amount: Decimal | None = None
    quantity: Decimal | None = None
    standard: Decimal | None = None

    def get(self, name: str) -> str:
        return self.values.get(name, "")

    @property
    def name(self) -> str:
        return self.values.get("name", "")

    @property
    def id_number(self) -> str:
        return self.values.get("id_number", "")

    @property
    def item(self) -> str:
        return self.values.get("item", "")

    @property
    def group(self) -> str:
        return self.values.get("group", "")

    def person_key(self) -> str:
        """Who this row pays: the ID when present, else name + village + group."""
        return self.id_number or f"{self.name}|{self.village or self.get('village')}|{self.group}"


@dataclass(frozen=True)
class Issue:
    """A finding on one row (no = 0 for the file as a whole). Errors block their villages' sheets."""
    no: int
    sheet: str
    line: int
    field: str
    level: str
    code: str
    message: str                 # Chinese, starting with the location (file, sheet, row, column)
    villages: tuple[str, ...] = ()

    @property
    def is_error(self) -> bool:
        return self.level == ERROR

    def as_dict(self) -> dict:
        return {"row": self.line, "sheet": self.sheet, "no": self.no, "field": self.field,
                "column": LABELS.get(self.field, ""), "level": self.level, "code": self.code,
                "message": self.message, "villages": list(self.villages)}


@dataclass
class Roster:
    """An imported roster. `mapping` is field → header text as found in the file."""
    file: str
    kind: str
    template_id: str
    township_villages: tuple[str, ...]
    mapping: dict[str, str]
    rows: list[RosterRow]
    issues: list[Issue] = field(default_factory=list)
    excluded: dict[int, str] = field(default_factory=dict)   # row no → reason
    notes: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    encoding: str = ""
    id: int | None = None        # set by the store

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.level == ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.level == WARNING]

    def person_rows(self, *, include_excluded: bool = False) -> list[RosterRow]:
        return [r for r in self.rows if r.kind == PERSON and (include_excluded or r.no not in self.excluded)]

    def row(self, no: int) -> RosterRow:
        return self.rows[no - 1]

    def villages(self) -> list[str]:
        """Villages with at least one row to print, in the township's order."""
        present = {r.village for r in self.person_rows() if r.village}
        return [v for v in self.township_villages if v in present]

    def blocked(self) -> dict[str, list[Issue]]:
        """village → the errors that stop its sheet from being printed (until fixed or excluded)."""
        known = set(self.township_villages)
        out: dict[str, list[Issue]] = {}
        for issue in self.errors:
            for v in issue.villages:
                if v in known:
                    out.setdefault(v, []).append(issue)
        return out

    def unplaced_errors(self) -> list[Issue]:
        """Errors tied to no village of the township (e.g. an unknown village name): shown, block nothing."""
        return [i for i in self.errors if not any(v in self.township_villages for v in i.villages)]

    def rows_of(self, village: str) -> list[RosterRow]:
        return self.by_village().get(village, [])

    def by_village(self) -> dict[str, list[RosterRow]]:
        """Printable candidates per village (person rows not excluded), in file order."""
        out: dict[str, list[RosterRow]] = {}
        for r in self.person_rows():
            if r.village:
                out.setdefault(r.village, []).append(r)
        return out

    def report(self) -> dict:
        """The validation report as plain data (the CLI's --json shape)."""
        blocked = self.blocked()
        groups = self.by_village()
        return {
            "roster_id": self.id, "file": self.file, "template": self.template_id,
            "rows": len(self.person_rows(include_excluded=True)), "excluded": len(self.excluded),
            "mapping": self.mapping, "errors": len(self.errors), "warnings": len(self.warnings),
            "villages": [{"village": v, "rows": len(groups.get(v, [])), "blocked": v in blocked,
                          "errors": len(blocked.get(v, []))} for v in self.villages()],
            "notes": list(self.notes), "issues": [i.as_dict() for i in self.issues],
        }
