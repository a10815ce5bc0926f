"""The domain's exception family; every message is Chinese text a clerk can act on.

KnownError: the user's environment or input is at fault (bad file, locked file, invalid code) and
the message says how to fix it. Anything else escaping the domain is a bug.
"""
from __future__ import annotations


class KnownError(Exception):
    """A problem the user can fix; str(err) is the full Chinese message."""


# The operating system's English reasons (err.strerror) in Chinese, for messages a clerk reads.
OS_REASONS = {
    "Read-only file system": "只读的磁盘或文件夹，不能写入",
    "Permission denied": "没有权限",
    "Operation not permitted": "不允许的操作（没有权限）",
    "No space left on device": "磁盘空间已满",
    "Disk quota exceeded": "磁盘配额已用完",
    "No such file or directory": "文件或文件夹不存在",
    "File exists": "文件已存在",
    "Is a directory": "这是一个文件夹",
    "Not a directory": "不是文件夹",
    "Device or resource busy": "文件正被占用",
    "Resource busy": "文件正被占用",
    "Text file busy": "文件正被占用",
    "Input/output error": "磁盘读写错误",
    "File name too long": "文件名太长",
    "Too many open files": "打开的文件太多",
    "Invalid argument": "参数无效（文件名可能含有系统不允许的字符）",
    "Invalid cross-device link": "不能跨磁盘移动",
    "Directory not empty": "文件夹不是空的",
    "Broken pipe": "连接已断开",
    "The process cannot access the file because it is being used by another process":
        "文件正被其他程序占用",
    "Access is denied": "拒绝访问（没有权限）",
    "The system cannot find the path specified": "找不到指定的路径",
    "The system cannot find the file specified": "找不到指定的文件",
    "There is not enough space on the disk": "磁盘空间不足",
}


def os_reason(err: BaseException) -> str:
    """The Chinese reason of an OSError (its English strerror translated), for 「…（原因）」."""
    text = getattr(err, "strerror", None) or str(err)
    return chinese_os_text(text)


def chinese_os_text(text: str) -> str:
    """text with the operating system's English reasons (and "[Errno 30]" prefixes) in Chinese."""
    import re
    text = re.sub(r"\[(?:Errno|WinError) \d+\] ?", "", text)
    for english, chinese in OS_REASONS.items():
        if english.lower() in text.lower():
            text = re.sub(re.escape(english) + r"\.?", chinese, text, flags=re.IGNORECASE)
    return text


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
