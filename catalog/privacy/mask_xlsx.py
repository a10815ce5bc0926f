"""Masked copy of an xlsx by editing its sheet XML in place: only masked cells change, the rest is
byte-for-byte.

Far faster than loading the workbook into openpyxl and saving it again (a 50,000-row roster: seconds,
not a minute), and images, charts, styles and formulas survive. A masked cell becomes an inline
string (its formula, if any, is dropped, and so is xl/calcChain.xml, which Excel rebuilds). Workbooks
this module does not understand (prefixed XML, cells without references) return None: the caller then
falls back to openpyxl.
"""
from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from catalog.errors import InputError
from catalog.privacy.readers import BANK_HEADER_RE, MAX_MEMBER, check_zip, find_headers
from catalog.progress import Progress, report

_CELL_RE = re.compile(r"<c(?=[\s>/])([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ATTR_RE = re.compile(r'\b(r|s|t)="([^"]*)"')
_V_RE = re.compile(r"<v(?:\s[^>]*)?>(.*?)</v>", re.S)
_T_RE = re.compile(r"<t(?:\s[^>]*)?>(.*?)</t>", re.S)
_REF_RE = re.compile(r"([A-Z]{1,3})(\d+)")
_PREFIXED_RE = re.compile(r"<\w+:(?:sheetData|worksheet)\b")
_HEADER_ROWS = 10
MaskCell = Callable[..., "str | None"]


class _Unsupported(Exception):
    """This workbook's XML is not in the shape handled here; use openpyxl instead."""


def column_index(letters: str) -> int:
    """A → 0, Z → 25, AA → 26."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def mask_xlsx(src: Path, tmp: Path, mask_cell: MaskCell, progress: Progress | None = None) -> int | None:
    """Write tmp as src with detected numbers masked; the number of cells changed, or None if unsupported.

    mask_cell(text, bank_column=..., numeric=...) returns the masked text, or None to keep the cell.
    """
    zf = check_zip(src)
    with zf:
        names = zf.namelist()
        try:
            sst = _shared_strings(zf) if "xl/sharedStrings.xml" in names else []
            sheets = [n for n in names if re.fullmatch(r"xl/worksheets/[^/]+\.xml", n)]
            changed, new_parts, formulas_dropped = 0, {}, False
            for i, name in enumerate(sheets):
                report(progress, i, len(sheets))
                xml = _read(zf, name).decode("utf-8")
                count, new_xml, dropped = _mask_sheet(xml, sst, mask_cell)
                if count:
                    changed += count
                    new_parts[name] = new_xml.encode("utf-8")
                    formulas_dropped |= dropped
        except _Unsupported:
            return None
        drop = set()
        if formulas_dropped and "xl/calcChain.xml" in names:
            drop.add("xl/calcChain.xml")
            for part, rx in (("[Content_Types].xml", r'<Override[^>]*PartName="/xl/calcChain\.xml"[^>]*/>'),
                             ("xl/_rels/workbook.xml.rels",
                              r'<Relationship[^>]*Target="[^"]*calcChain\.xml"[^>]*/>')):
                if part in names:
                    new_parts[part] = re.sub(rx, "", _read(zf, part).decode("utf-8")).encode("utf-8")
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for info in zf.infolist():
                if info.filename in drop:
                    continue
                data = new_parts.get(info.filename)
                if data is None:
                    data = _read(zf, info.filename)
                out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return changed


def _read(zf: zipfile.ZipFile, name: str) -> bytes:
    with zf.open(name) as fh:
        data = fh.read(MAX_MEMBER + 1)
    if len(data) > MAX_MEMBER:
        raise InputError("文件解压后异常巨大（可能是“压缩炸弹”），为安全起见不予打开", file=name)
    return data


def _shared_strings(zf: zipfile.ZipFile) -> list[str]:
    from xml.etree.ElementTree import ParseError

    from defusedxml import ElementTree as DET
    from defusedxml.common import DefusedXmlException
    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    try:
        root = DET.fromstring(_read(zf, "xl/sharedStrings.xml"))
    except (ParseError, DefusedXmlException):
        raise _Unsupported() from None
    out = []
    for si in root.iter(ns + "si"):
        # Direct <t> or rich-text runs <r><t>; phonetic hints (<rPh>) are not cell text.
        parts = [t.text or "" for t in (*si.findall(ns + "t"), *si.findall(f"{ns}r/{ns}t"))]
        out.append("".join(parts))
    return out


def _cell(attrs: dict[str, str], inner: str | None, sst: list[str]) -> tuple[str, bool] | None:
    """(text, came from a number) of one cell, or None for empty, boolean, error and date cells."""
    if not inner:
        return None
    t = attrs.get("t", "n")
    if t == "inlineStr":
        return html.unescape("".join(_T_RE.findall(inner))), False
    m = _V_RE.search(inner)
    if m is None:
        return None
    v = m.group(1)
    if t == "s":
        try:
            return sst[int(v)], False
        except (ValueError, IndexError):
            return None
    if t == "str":
        return html.unescape(v), False
    if t != "n":
        return None
    v = v.strip()
    try:
        # Read as a float, as Excel and the scan (python-calamine) do, so copy and report agree.
        f = float(v)
    except ValueError:
        return None
    if f.is_integer() and abs(f) < 1e21:
        return str(int(f)), 1e17 <= abs(f) < 1e18
    return v, False


def _mask_sheet(xml: str, sst: list[str], mask_cell: MaskCell) -> tuple[int, str, bool]:
    if _PREFIXED_RE.search(xml):
        raise _Unsupported()
    head: dict[int, dict[int, str]] = {}
    for m in _CELL_RE.finditer(xml):
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        ref = _REF_RE.fullmatch(attrs.get("r", ""))
        if ref is None:
            raise _Unsupported()
        row = int(ref.group(2))
        if row > _HEADER_ROWS:
            break
        got = _cell(attrs, m.group(2), sst)
        if got:
            head.setdefault(row, {})[column_index(ref.group(1))] = got[0]
    rows = [[cells.get(c, "") for c in range(max(cells) + 1)] if cells else []
            for cells in (head.get(r, {}) for r in range(1, _HEADER_ROWS + 1))]
    bank = {c for c, h in find_headers(rows)[1].items() if BANK_HEADER_RE.search(h)}
    state = {"count": 0, "formula": False}

    def replace(m: re.Match) -> str:
        inner = m.group(2)
        if not inner:
            return m.group(0)
        attrs = dict(_ATTR_RE.findall(m.group(1)))
        got = _cell(attrs, inner, sst)
        if got is None or len(got[0]) < 10:
            return m.group(0)
        ref = _REF_RE.fullmatch(attrs.get("r", ""))
        if ref is None:
            raise _Unsupported()
        masked = mask_cell(got[0], bank_column=column_index(ref.group(1)) in bank, numeric=got[1])
        if masked is None:
            return m.group(0)
        state["count"] += 1
        state["formula"] |= "<f" in inner
        style = f' s="{attrs["s"]}"' if "s" in attrs else ""
        return (f'<c r="{attrs["r"]}"{style} t="inlineStr"><is><t xml:space="preserve">'
                f"{html.escape(masked, quote=False)}</t></is></c>")

    new = _CELL_RE.sub(replace, xml)
    return state["count"], new, bool(state["formula"])
