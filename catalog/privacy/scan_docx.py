"""Text of a .docx for the privacy scan: body paragraphs and tables, headers, footers, notes, comments.

The zip is size-checked first and each part is read with a hard cap; XML is parsed with defusedxml
(no DTDs, no entity expansion). Word splits numbers across runs, so text is joined per paragraph.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from catalog.errors import InputError
from catalog.privacy.readers import MAX_MEMBER, Location, Segment, check_zip
from catalog.progress import Progress

if TYPE_CHECKING:
    from xml.etree.ElementTree import Element

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = (
    (re.compile(r"word/document\.xml"), "正文"),
    (re.compile(r"word/header\d*\.xml"), "页眉"),
    (re.compile(r"word/footer\d*\.xml"), "页脚"),
    (re.compile(r"word/footnotes\.xml"), "脚注"),
    (re.compile(r"word/endnotes\.xml"), "尾注"),
    (re.compile(r"word/comments\.xml"), "批注"),
)


def read_docx(path: Path, progress: Progress | None = None) -> Iterator[Segment]:
    """Paragraphs and table cells of every text part, in order; InputError for a broken or unsafe file."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import ElementTree as DET
    from defusedxml.common import DefusedXmlException

    zf = check_zip(path)
    with zf:
        names = zf.namelist()
        if "word/document.xml" not in names:
            raise InputError("不是有效的 Word 文档（缺少 word/document.xml）；旧版 .doc 请先另存为 .docx",
                             file=path.name)
        for rx, label in _PARTS:
            for name in sorted(n for n in names if rx.fullmatch(n)):
                with zf.open(name) as fh:
                    data = fh.read(MAX_MEMBER + 1)
                if len(data) > MAX_MEMBER:
                    raise InputError("文件解压后异常巨大（可能是“压缩炸弹”），为安全起见不予打开",
                                     file=path.name)
                try:
                    root = DET.fromstring(data)
                except (ParseError, DefusedXmlException) as err:
                    raise InputError(f"Word 文档内容损坏（{name}：{err}）", file=path.name) from None
                yield from _blocks(root, label, [0], [0])


def _blocks(node: Element, part: str, para: list[int], table: list[int]) -> Iterator[Segment]:
    """Paragraphs and tables in document order; other containers (sdt, footnote, comment) are walked into."""
    for child in node:
        if child.tag == W + "p":
            para[0] += 1
            text = paragraph_text(child)
            if text.strip():
                yield Segment(Location(part=part, paragraph=para[0]), text)
        elif child.tag == W + "tbl":
            table[0] += 1
            t = table[0]
            for r, tr in enumerate(child.iter(W + "tr"), start=1):
                for c, tc in enumerate(tr.findall(W + "tc"), start=1):
                    text = "\n".join(paragraph_text(p) for p in tc.iter(W + "p"))
                    if text.strip():
                        yield Segment(Location(part=part, table=t, row=r, column=str(c)), text)
        else:
            yield from _blocks(child, part, para, table)


def paragraph_text(p: Element) -> str:
    """The text of a w:p element, runs joined, tabs and breaks kept."""
    out = []
    for el in p.iter():
        tag = el.tag
        if tag == W + "t" and el.text:
            out.append(el.text)
        elif tag == W + "tab":
            out.append("\t")
        elif tag in (W + "br", W + "cr"):
            out.append("\n")
        elif tag == W + "noBreakHyphen":
            out.append("-")
    return "".join(out)
