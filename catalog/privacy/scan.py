"""Offline privacy scan of a file before it is published: full 身份证号, bank card numbers, mobile numbers.

Website monitoring finds such leaks after publication; this finds them before. Each hit has its location
(sheet/row/column, page/line, or docx part/paragraph/table) and a masked excerpt — never the full number.
Masked copies of xlsx/csv: catalog/privacy/mask.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from catalog.errors import InputError
from catalog.privacy.pii import ID_RE, KIND_LABELS, PiiMatch, find_pii, is_valid_id, mask_match, mask_matches
from catalog.privacy.readers import Location, Segment, read_csv, read_pdf, read_txt, read_xlsx
from catalog.privacy.scan_docx import read_docx
from catalog.progress import Progress

KINDS = tuple(KIND_LABELS)                  # id_number, bank_card, mobile
TABLE_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv", ".pdf", ".docx", ".txt")
_EXCERPT_WIDTH = 12
_LONG_DIGITS_RE = re.compile(r"(?<!\d)\d(?:[ -]?\d){9,24}(?!\d)")
TRUNCATED_NOTE = "（以数字格式保存，末几位已丢失，但仍暴露地区和出生日期）"


@dataclass(slots=True)
class Hit:
    """One personal number found: its kind, where it is, and a masked excerpt."""
    kind: str                 # id_number | bank_card | mobile
    location: Location
    excerpt: str              # masked

    @property
    def label(self) -> str:
        """身份证号 / 银行卡号 / 手机号."""
        return KIND_LABELS[self.kind]

    def to_json(self) -> dict:
        """{kind, location, excerpt}: the CLI's stable shape."""
        return {"kind": self.kind, "location": self.location.text(), "excerpt": self.excerpt}


@dataclass
class ScanResult:
    """All hits of one file, and notes on what could not be checked."""
    file: str
    hits: list[Hit] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)   # what could not be checked (scanned pages …)

    def summary(self) -> dict[str, int]:
        """Count per kind; every kind is present (0 when none), so scripts can rely on the keys."""
        out = {k: 0 for k in KINDS}
        for h in self.hits:
            out[h.kind] += 1
        return out

    def summary_text(self) -> str:
        """'身份证号 2 处，手机号 1 处'."""
        s = self.summary()
        return "，".join(f"{KIND_LABELS[k]} {n} 处" for k, n in s.items() if n)

    def to_json(self) -> dict:
        """{file, hits, summary, notes}: the CLI's stable shape."""
        return {"file": self.file, "hits": [h.to_json() for h in self.hits], "summary": self.summary(),
                "notes": list(self.notes)}


def detect(text: str, *, bank_column: bool = False, numeric: bool = False) -> list[PiiMatch]:
    """The personal numbers in one cell, line or paragraph.

    bank_column: the cell is under a 银行卡号/账号 header, so any 10–25 digit number is an account.
    numeric: the cell was a number in Excel; an 18-digit ID stored that way has lost its last digits
    (and so its check digit) but still shows region and birth date, so its ID pattern is enough.
    """
    found = find_pii(text)
    whole = len(found) == 1 and found[0].start == 0 and found[0].end == len(text)
    if bank_column and not whole:
        taken = [(m.start, m.end) for m in found]
        for m in _LONG_DIGITS_RE.finditer(text):
            if not any(a < m.end() and m.start() < b for a, b in taken):
                found.append(PiiMatch("bank_card", m.start(), m.end(), m.group(0)))
        found.sort(key=lambda m: m.start)
    if numeric and not found and ID_RE.fullmatch(text):
        found = [PiiMatch("id_number", 0, len(text), text)]
    return found


def excerpt(text: str, matches: list[PiiMatch], index: int, width: int = _EXCERPT_WIDTH) -> str:
    """A short window of text around matches[index], with every match in it masked."""
    masked, spans = mask_matches(text, matches)
    s, e = spans[index]
    a, b = max(0, s - width), min(len(masked), e + width)
    out = masked[a:b].replace("\r", " ").replace("\n", " ")
    return ("…" if a > 0 else "") + out + ("…" if b < len(masked) else "")


def segment_hits(seg: Segment) -> list[Hit]:
    """The hits of one segment, each with its masked excerpt."""
    text = seg.text
    if seg.bank_column or seg.numeric:
        matches = detect(text, bank_column=seg.bank_column, numeric=seg.numeric)
    else:
        matches = find_pii(text)
    if not matches:
        return []
    hits = []
    for i, m in enumerate(matches):
        # A cell that is just the number (most roster cells): the excerpt is the masked number itself.
        ex = mask_match(m) if m.end - m.start == len(text) else excerpt(text, matches, i)
        if seg.numeric and m.kind == "id_number" and not is_valid_id(m.value):
            ex += TRUNCATED_NOTE
        hits.append(Hit(m.kind, seg.location, ex))
    return hits


def unchecked_parts(path: Path) -> list[str]:
    """Notes for what an Office file holds beyond text: pictures (a photo of an ID card)."""
    suffix = path.suffix.lower()
    if suffix not in (".xlsx", ".xlsm", ".docx"):
        return []
    import zipfile
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
    media = sum(1 for n in names if re.match(r"(xl|word)/media/", n))
    notes = []
    if media:
        notes.append(f"文件中有 {media} 个图片等嵌入对象，图片里的文字无法自动检查（例如身份证照片），"
                     "请人工核对。")
    return notes


def check_path(path: Path | str, suffixes: tuple[str, ...] = SUFFIXES) -> Path:
    """The path as a Path when it is an existing file of a supported type; InputError otherwise."""
    path = Path(path)
    if not path.exists():
        raise InputError("找不到文件", file=str(path))
    if not path.is_file():
        raise InputError("这是一个文件夹，不是文件", file=str(path))
    if path.suffix.lower() not in suffixes:
        raise InputError(f"不支持的文件类型「{path.suffix or '无扩展名'}」，可检查：{'、'.join(suffixes)}",
                         file=path.name)
    return path


def scan_file(path: Path | str, *, progress: Progress | None = None) -> ScanResult:
    """Scan one file (xlsx/xlsm/xls, csv, pdf, docx, txt) for personal numbers; nothing is written.

    Raises InputError for a missing, unsupported, encrypted or broken file; Cancelled when progress says stop.
    """
    path = check_path(path)
    suffix = path.suffix.lower()
    result = ScanResult(str(path))
    image_pages: list[int] = []
    try:
        if suffix in (".xlsx", ".xlsm", ".xls"):
            segments = read_xlsx(path, progress)
        elif suffix == ".csv":
            segments = read_csv(path, progress)
        elif suffix == ".pdf":
            segments = read_pdf(path, progress, image_pages=image_pages)
        elif suffix == ".docx":
            segments = read_docx(path, progress)
        else:
            segments = read_txt(path, progress)
        for seg in segments:
            result.hits.extend(segment_hits(seg))
    except PermissionError:
        raise InputError("没有权限读取该文件（可能正被其他程序占用）", file=path.name) from None
    except MemoryError:
        raise InputError("文件太大，内存不足，无法检查", file=path.name) from None
    result.notes.extend(unchecked_parts(path))
    if image_pages:
        pages = "、".join(str(p) for p in image_pages[:20]) + ("等" if len(image_pages) > 20 else "")
        result.notes.append(f"第 {pages} 页没有可提取的文字（可能是扫描的图片），这些页无法自动检查，"
                            "请人工核对。")
    return result
