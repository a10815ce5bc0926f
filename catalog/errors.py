"""The domain's exception family; every message is Chinese text a clerk can act on.

KnownError: the user's environment or input is at fault (bad file, locked file, invalid code) and
the message says how to fix it. Anything else escaping the domain is a bug.
"""
from __future__ import annotations


class KnownError(Exception):
    """A problem the user can fix; str(err) is the full Chinese message."""


class Cancelled(Exception):
    """The user pressed 取消 and the work stopped having written nothing. Not a KnownError: nothing
    went wrong, so the GUI stays quiet (tasks.py) and the CLI says so and exits 2 (cli/__init__.py)."""

    def __init__(self) -> None:
        super().__init__("操作已取消，未写入任何内容。")


class GuideDataError(KnownError):
    """A guide data file is broken: names the file and the field."""

    def __init__(self, file: str, field: str, problem: str):
        self.file, self.field, self.problem = file, field, problem
        super().__init__(f"标准指引数据文件有误：{file}，字段 {field}：{problem}")


class InputError(KnownError):
    """Bad user input (a value typed in or a cell in a file). Location parts are optional."""

    def __init__(self, problem: str, *, file: str | None = None, sheet: str | None = None,
                 row: int | None = None, column: str | None = None):
        self.problem, self.file, self.sheet, self.row, self.column = problem, file, sheet, row, column
        super().__init__(where(file=file, sheet=sheet, row=row, column=column) + problem)


class WorkspaceError(KnownError):
    """The workspace database cannot be opened or used."""


def where(*, file: str | None = None, sheet: str | None = None, row: int | None = None,
          column: str | None = None) -> str:
    """'文件 a.xlsx，工作表 Sheet1，第 3 行，列「姓名」：' — the location prefix used by every message."""
    parts = []
    if file:
        parts.append(f"文件 {file}")
    if sheet:
        parts.append(f"工作表「{sheet}」")
    if row is not None:
        parts.append(f"第 {row} 行")
    if column:
        parts.append(f"列「{column}」")
    return ("，".join(parts) + "：") if parts else ""


def column_letter(index: int) -> str:
    """0-based column index → Excel letters (0 → A, 25 → Z, 26 → AA), for locations in messages."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
