"""Text an xlsx holds outside its cells: shared strings no cell uses, comments, document properties, names.

Excel and WPS keep every string in xl/sharedStrings.xml; a masked copy that only rewrites cells leaves the
originals there, and a reader that only follows cells (calamine) never sees them. This module finds and
rewrites such text in every XML part of the zip, so scan and masked copy look at the whole file.
"""
from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from catalog.privacy.pii import find_pii, mask_matches

# Rich-text containers whose runs make one string (a number split across runs is still one number).
_CONTAINER_RE = re.compile(r"<((?:\w+:)?(?:si|is|text))\b([^>]*)>(.*?)</\1>", re.S)
_T_RE = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
_PHONETIC_RE = re.compile(r"<(?:\w+:)?rPh\b.*?</(?:\w+:)?rPh>", re.S)
_NODE_RE = re.compile(r">([^<]{10,})<")
_ATTR_RE = re.compile(r'(\s[\w:]+=")([^"]{10,})(")')
_SHEET_RE = re.compile(r"xl/worksheets/[^/]+\.xml")
_SHEET_DATA_RE = re.compile(r"<(?:\w+:)?sheetData\b[^>]*/>|<(?:\w+:)?sheetData\b.*?</(?:\w+:)?sheetData>",
                            re.S)
DIGIT_RUN_RE = re.compile(r"\d(?:[ -]?\d){9,}")
# Ten digits, allowing separators and XML tags between them (a number split over rich-text runs): text
# without such a run holds no personal number, so it is skipped without being decoded (fast path).
_MAYBE_NUMBER = re.compile(r"[0-9\uff10-\uff19](?:(?:<[^<>]{0,200}>|[\s._\-\uff0d\u2010-\u2014])*"
                           r"[0-9\uff10-\uff19]){9,}")
TEXT_PARTS = (".xml", ".vml", ".rels")
MaskText = Callable[[str], "str | None"]


def default_mask(text: str) -> str | None:
    """The text with every personal number masked, or None when it holds none."""
    matches = find_pii(text)
    return mask_matches(text, matches)[0] if matches else None


def container_text(inner: str) -> str:
    """The string a <si>/<is>/<text> element shows: its <t> runs joined, phonetic hints left out."""
    return html.unescape("".join(_T_RE.findall(_PHONETIC_RE.sub("", inner))))


def part_texts(name: str, xml: str) -> Iterator[tuple[str, str]]:
    """(what, text) for each piece of text in one XML part that could hold a personal number.

    Worksheets: only what lies outside <sheetData> (headers/footers, hyperlinks, validations); the cells
    are read by the sheet reader.
    """
    if _SHEET_RE.fullmatch(name):
        xml = _SHEET_DATA_RE.sub("", xml)
    for i, m in enumerate(_CONTAINER_RE.finditer(xml), start=1):
        yield f"第 {i} 条", container_text(m.group(3))
    rest = _CONTAINER_RE.sub("", xml)
    for m in _NODE_RE.finditer(rest):
        yield "文字", html.unescape(m.group(1))
    for m in _ATTR_RE.finditer(rest):
        yield "属性", html.unescape(m.group(2))


def scrub_xml(name: str, xml: str, mask: MaskText) -> str:
    """The part with every text that mask() changes replaced by its masked form (cells excluded)."""
    if _SHEET_RE.fullmatch(name):
        pieces, pos = [], 0
        for m in _SHEET_DATA_RE.finditer(xml):
            pieces += [_scrub(xml[pos:m.start()], mask), m.group(0)]
            pos = m.end()
        return "".join(pieces) + _scrub(xml[pos:], mask)
    return _scrub(xml, mask)


def _scrub(xml: str, mask: MaskText) -> str:
    def container(m: re.Match) -> str:
        if not _MAYBE_NUMBER.search(m.group(3)):
            return m.group(0)
        masked = mask(container_text(m.group(3)))
        if masked is None:
            return m.group(0)
        tag, attrs = m.group(1), m.group(2)
        prefix = tag[:tag.index(":") + 1] if ":" in tag else ""
        return (f'<{tag}{attrs}><{prefix}t xml:space="preserve">{html.escape(masked, quote=False)}'
                f"</{prefix}t></{tag}>")

    def node(m: re.Match) -> str:
        masked = mask(html.unescape(m.group(1)))
        return m.group(0) if masked is None else f">{html.escape(masked, quote=False)}<"

    def attr(m: re.Match) -> str:
        masked = mask(html.unescape(m.group(2)))
        return m.group(0) if masked is None else m.group(1) + html.escape(masked, quote=True) + m.group(3)

    xml = _CONTAINER_RE.sub(container, xml)
    return _ATTR_RE.sub(attr, _NODE_RE.sub(node, xml))


def digit_runs(text: str) -> set[str]:
    """The runs of 10+ digits in text, spaces and hyphens between digits removed."""
    return {re.sub(r"[ -]", "", m.group(0)) for m in DIGIT_RUN_RE.finditer(text)}


def read_parts(zf: zipfile.ZipFile, limit: int) -> Iterator[tuple[str, str]]:
    """(name, text) of every XML-like part, each read at most `limit` bytes (decoded leniently)."""
    for info in zf.infolist():
        if info.filename.lower().endswith(TEXT_PARTS):
            with zf.open(info) as fh:
                data = fh.read(limit + 1)
            if len(data) <= limit:
                yield info.filename, data.decode("utf-8", "replace")


def leaked_parts(path: Path, originals: set[str], limit: int) -> list[str]:
    """Parts of the zip at path that still hold one of the original numbers or any detectable one."""
    out = []
    with zipfile.ZipFile(path) as zf:
        for name, xml in read_parts(zf, limit):
            if not _MAYBE_NUMBER.search(_SHEET_DATA_RE.sub("", xml) if _SHEET_RE.fullmatch(name) else xml):
                continue
            if any(find_pii(t) or digit_runs(t) & originals for _, t in part_texts(name, xml)):
                out.append(name)
    return out


def _star(run: str, originals: set[str]) -> str:
    return "*" * len(run) if re.sub(r"[ -]", "", run) in originals else run


def originals_mask(originals: set[str]) -> MaskText:
    """default_mask, and any run of digits that was masked in a cell is masked wherever else it stands."""
    def mask(text: str) -> str | None:
        masked = default_mask(text)
        if originals:
            current = masked if masked is not None else text
            fixed = DIGIT_RUN_RE.sub(lambda m: _star(m.group(0), originals), current)
            if fixed != current:
                return fixed
        return masked
    return mask
