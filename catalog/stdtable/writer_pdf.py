"""Standard-layout PDF export (reportlab): A4 or A3 landscape, embedded shipped CJK font, header repeated on
every page, "第 x 页 共 y 页" footer; a 总目录 first and 未涉及领域事项说明 last, as in the Excel export.
The ■/□ of the channels column are drawn as squares at the height of the text (the font's are half)."""
from __future__ import annotations

import os
import re
from typing import Any
from xml.sax.saxutils import escape

from catalog.progress import Progress, report
from catalog.resources import font_path
from catalog.stdtable.layout import Col, columns, domain_line, header_cells, row_texts
from catalog.stdtable.model import NOT_INVOLVED_SHEET, TOC_SHEET, ExportDoc
from catalog.stdtable.output import atomic_output

FONT = "GKMLSans"
MARGIN_MM = 12
BODY_SIZE, HEAD_SIZE, TITLE_SIZE = 8.5, 9, 16
# paper → (body, header, title) sizes in points: A4 landscape keeps the body readable (≥ 7 pt, wrapped).
PAPERS = {"A3": (8.5, 9.0, 16.0), "A4": (7.5, 8.0, 14.0)}
PAPER_TEXT = {"A3": "A3 横向", "A4": "A4 横向"}


def register_font() -> str:
    """Register the shipped WenQuanYi Micro Hei (TrueType outlines, embedded as a subset) once."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(font_path()), subfontIndex=0))
    return FONT


def write_pdf(doc: ExportDoc, path: str | os.PathLike, *, paper: str = "A3",
              progress: Progress | None = None) -> None:
    """Write the document as an A3- or A4-landscape PDF (atomically: the old file stays if anything fails)."""
    from reportlab.lib.pagesizes import A3, A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, SimpleDocTemplate

    if paper not in PAPERS:
        from catalog.errors import KnownError
        raise KnownError(f"未知的纸张「{paper}」，可用：{'、'.join(PAPERS)}")
    register_font()
    body, head, title = PAPERS[paper]
    st = _styles(body, head, title)
    page = landscape(A3 if paper == "A3" else A4)
    width = page[0] - 2 * MARGIN_MM * mm
    cols = columns(doc.has_notes)
    total = max(doc.row_count, 1) * 2    # first half: building the tables, second half: laying out pages
    # A one-domain document (a guide handed out by the county) needs neither 总目录 nor 未涉及 pages.
    whole_catalog = len(doc.domains) != 1 or bool(doc.not_involved)
    story: list[Any] = _toc(doc, st, width) if whole_catalog else []
    prepared = 0
    for domain in doc.domains:
        if story:
            story.append(PageBreak())
        story += _heading(doc.title, domain_line(domain), doc.subtitle, st, width)
        rows = [row_texts(r, cols) for r in domain.rows]
        story.append(_table(rows, cols, width, st, body))
        prepared += len(rows)
        report(progress, prepared, total)
    if whole_catalog:
        story.append(PageBreak())
        story += _not_involved(doc, st, width)
    drawn = [0]

    def after_flowable(flowable: Any) -> None:
        if getattr(flowable, "_gkml_data", False):
            drawn[0] += max(0, len(flowable._cellvalues) - 2)
            report(progress, min(total, doc.row_count + drawn[0]), total)

    with atomic_output(path) as tmp:
        template = SimpleDocTemplate(
            str(tmp), pagesize=page, leftMargin=MARGIN_MM * mm, rightMargin=MARGIN_MM * mm,
            topMargin=MARGIN_MM * mm, bottomMargin=(MARGIN_MM + 4) * mm, title=doc.title,
            author="公开目录助手", creator="公开目录助手 (GKML Desk)")
        template.afterFlowable = after_flowable
        template.build(story, canvasmaker=_numbered_canvas(doc.title))
    report(progress, total, total)


def _styles(body: float = BODY_SIZE, head: float = HEAD_SIZE, title: float = TITLE_SIZE) -> dict[str, Any]:
    from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    base = ParagraphStyle("body", fontName=FONT, fontSize=body, leading=body * 1.3, wordWrap="CJK",
                          alignment=TA_LEFT)
    return {
        "body": base,
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "head": ParagraphStyle("head", parent=base, fontSize=head, leading=head * 1.3,
                               alignment=TA_CENTER),
        "title": ParagraphStyle("title", parent=base, fontSize=title, leading=title * 1.4,
                                alignment=TA_CENTER, spaceAfter=4),
        "line": ParagraphStyle("line", parent=base, fontSize=10, leading=13),
        "right": ParagraphStyle("right", parent=base, fontSize=10, leading=13, alignment=TA_RIGHT),
    }


def _para(text: str, style: Any) -> Any:
    from reportlab.platypus import Paragraph
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def _heading(title: str, left: str, right: str, st: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Table, TableStyle

    line = Table([[_para(left, st["line"]), _para(right, st["right"])]], colWidths=[width * .5, width * .5],
                 hAlign="LEFT")
    line.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    return [_para(title, st["title"]), line]


def _grid_style(header_rows: int) -> list[tuple]:
    from reportlab.lib import colors
    return [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, header_rows - 1), colors.HexColor("#E7E6E6")),
        ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ("VALIGN", (0, header_rows), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), _PAD), ("RIGHTPADDING", (0, 0), (-1, -1), _PAD),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]


def _table(rows: list[list[str]], cols: tuple[Col, ...], width: float, st: dict[str, Any],
           size: float = BODY_SIZE) -> Any:
    from reportlab.platypus import LongTable, TableStyle

    scale = width / sum(c.width for c in cols)
    widths = [c.width * scale for c in cols]
    head: list[list[Any]] = [[""] * len(cols), [""] * len(cols)]
    spans = []
    for r0, c0, r1, c1, text in header_cells(cols):
        head[r0][c0] = _para(text, st["head"])
        if (r0, c0) != (r1, c1):
            spans.append(("SPAN", (c0, r0), (c1, r1)))
    # Body cells are pre-wrapped plain strings: Paragraph's CJK line breaking was 80% of the time.
    inner = [w - 2 * _PAD for w in widths]
    wrappers = [wrap_words if c.field == "channels" else wrap_text for c in cols]
    body: list[list[Any]] = []
    boxes = [i for i, c in enumerate(cols) if c.field == "channels"]
    for row in rows:
        for cells in _chunk_row([wrap(t, w, size) for t, w, wrap in zip(row, inner, wrappers, strict=True)]):
            body.append([boxed_text(t, size) if i in boxes and ("■" in t or "□" in t) else t
                         for i, t in enumerate(cells)])
    table = LongTable(head + body, colWidths=widths, repeatRows=2)
    body_style: list[tuple] = [("FONT", (0, 2), (-1, -1), FONT, size, size * 1.3)]   # TableStyle commands
    body_style += [("ALIGN", (i, 2), (i, -1), "CENTER") for i, c in enumerate(cols) if c.center]
    table.setStyle(TableStyle(_grid_style(2) + spans + body_style))
    table._gkml_data = True
    return table


_PAD = 3
BOXES = "■□"


def _boxed_text_class() -> type:
    from reportlab.platypus import Flowable

    class _BoxedText(Flowable):
        """Pre-wrapped lines whose ■/□ are squares as tall as the text (the font's glyphs are half)."""

        def __init__(self, text: str, size: float):
            super().__init__()
            self.lines, self.size, self.leading = text.split("\n"), size, size * 1.3

        def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
            return avail_width, len(self.lines) * self.leading

        def draw(self) -> None:
            from reportlab.pdfbase.pdfmetrics import stringWidth
            c, size = self.canv, self.size
            side = size * 0.78
            c.setLineWidth(0.5)
            y = len(self.lines) * self.leading - size
            for line in self.lines:
                # The text keeps its ■/□ (invisible: copy and search still see them); squares are drawn over.
                text = c.beginText(0, y)
                text.setFont(FONT, size)
                x = 0.0
                for run in re.split(f"([{BOXES}])", line):
                    if run in BOXES and run:
                        # invisible, stretched to 1 em (as text_width measures it): one line of text
                        text.setTextRenderMode(3)
                        text.setHorizScale(100 / stringWidth(run, FONT, 1))
                        text.textOut(run)
                        text.setHorizScale(100)
                        text.setTextRenderMode(0)
                        c.rect(x + size * 0.06, y - size * 0.08, side, side, stroke=1, fill=int(run == "■"))
                        x += size
                    elif run:
                        text.textOut(run)
                        x += stringWidth(run, FONT, size)
                c.drawText(text)
                y -= self.leading

    return _BoxedText


def boxed_text(text: str, size: float) -> Any:
    """A table cell of pre-wrapped lines with ■/□ drawn at text height (a reportlab Flowable)."""
    global _BOXED
    if _BOXED is None:
        _BOXED = _boxed_text_class()
    return _BOXED(text, size)


_BOXED: type | None = None
MAX_ROW_LINES = 55     # a taller row is continued in a following row marked 续 (a page holds ~60 lines)


def _chunk_row(cells: list[str]) -> list[list[str]]:
    """Split a row taller than a page into rows of at most MAX_ROW_LINES lines (reportlab's own
    in-row splitting misjudges the height of pre-wrapped text and runs past the page bottom)."""
    lines = [c.split("\n") for c in cells]
    if max(len(x) for x in lines) <= MAX_ROW_LINES:
        return [cells]
    out = []
    for start in range(0, max(len(x) for x in lines), MAX_ROW_LINES):
        out.append(["\n".join(x[start:start + MAX_ROW_LINES]) for x in lines])
        if start:
            out[-1][0] = "续"
    return out
_WIDTHS: dict[str, float] = dict.fromkeys(BOXES, 1.0)     # per character at 1 pt
# Characters that must not start a line (Chinese typesetting rule 避头点).
_NO_LINE_END = set("■□（《“‘([")
_NO_LINE_START = set("，。、；：？！）》」』】〕’”,.;:?!)]}%")


def text_width(text: str, size: float) -> float:
    """Width of text in points at size, as drawn here (a ■/□ box is 1 em; the font's glyph is 0.6)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    total = 0.0
    for ch in text:
        w = _WIDTHS.get(ch)
        if w is None:
            w = _WIDTHS[ch] = stringWidth(ch, FONT, 1)
        total += w
    return total * size


def wrap_words(text: str, width: float, size: float) -> str:
    """Like wrap_text, but keeps space-separated words (■政府网站) whole unless one is wider than a line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    space = stringWidth(" ", FONT, size)
    for para in text.split("\n"):
        line, used = "", 0.0
        for word in para.split(" "):
            w = text_width(word, size)
            if line and used + space + w <= width:
                line, used = f"{line} {word}", used + space + w
                continue
            if line:
                out.append(line)
            if w > width:
                *full, line = wrap_text(word, width, size).split("\n")
                out.extend(full)
                used = text_width(line, size)
            else:
                line, used = word, w
        out.append(line)
    return "\n".join(out)


def wrap_text(text: str, width: float, size: float) -> str:
    """Break text into lines that fit `width` points at `size` (character-level, as CJK text wraps);
    closing punctuation never starts a line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    out: list[str] = []
    limit = width / size
    for para in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for ch in para:
            w = _WIDTHS.get(ch)
            if w is None:
                w = _WIDTHS[ch] = stringWidth(ch, FONT, 1)
            if line and used + w > limit:
                carry: list[str] = []
                if ch == " ":          # a break at a space: the space disappears
                    out.append("".join(line))
                    line, used = [], 0.0
                    continue
                if line[-1] in _NO_LINE_END and len(line) > 1:
                    carry = [line.pop()]
                elif ch in _NO_LINE_START and len(line) > 1:
                    carry = [line.pop()]
                elif ch.isascii() and ch.isalnum():   # keep a number or word like 2017 whole
                    run = 0
                    while run < len(line) and line[-1 - run].isascii() and line[-1 - run].isalnum():
                        run += 1
                    if 0 < run < min(12, len(line)):
                        carry, line = line[-run:], line[:-run]
                out.append("".join(line))
                line, used = carry, sum(_WIDTHS[c] for c in carry)
            line.append(ch)
            used += w
        out.append("".join(line))
    return "\n".join(out)


def _simple_table(head: list[str], rows: list[list[str]], widths: list[float], st: dict[str, Any],
                  centered: set[int]) -> Any:
    from reportlab.platypus import LongTable, TableStyle

    data = [[_para(h, st["head"]) for h in head]]
    data += [[_para(t, st["center"] if i in centered else st["body"]) for i, t in enumerate(r)] for r in rows]
    table = LongTable(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(TableStyle(_grid_style(1)))
    return table


def _toc(doc: ExportDoc, st: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Spacer

    rows = [[str(i), d.name, d.domain_code or "", str(len(d.rows))]
            for i, d in enumerate(doc.domains, start=1)]
    rows.append(["", "合计", "", str(doc.row_count)])
    if doc.not_involved:
        rows.append(["", f"未涉及领域 {len(doc.not_involved)} 个，见文末“{NOT_INVOLVED_SHEET}”", "", ""])
    w = min(width, 600)
    table = _simple_table(["序号", "公开领域", "领域编码", "事项数"], rows,
                          [w * .1, w * .6, w * .15, w * .15], st, {0, 2, 3})
    return [*_heading(doc.title, TOC_SHEET, doc.subtitle, st, width), Spacer(1, 6), table]


def _not_involved(doc: ExportDoc, st: dict[str, Any], width: float) -> list[Any]:
    from reportlab.platypus import Spacer

    note = (f"以下 {len(doc.not_involved)} 个领域本地不涉及，未编入目录。" if doc.not_involved
            else "无未涉及的领域。")
    rows = [[str(i), d, "不涉及", reason] for i, (d, reason) in enumerate(doc.not_involved, start=1)]
    w = min(width, 900)
    table = _simple_table(["序号", "公开领域", "是否涉及", "不涉及原因"], rows,
                          [w * .06, w * .2, w * .1, w * .64], st, {0, 2})
    return [*_heading(NOT_INVOLVED_SHEET, note, "", st, width), Spacer(1, 6), table]


def _numbered_canvas(title: str) -> type:
    """A canvas that holds pages back until the end so each footer can say how many pages there are."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for i, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                width, _ = self._pagesize
                self.setFont(FONT, 9)
                self.drawCentredString(width / 2, (MARGIN_MM - 2) * mm, f"第 {i} 页 共 {total} 页")
                self.setFont(FONT, 7.5)
                self.drawRightString(width - MARGIN_MM * mm, (MARGIN_MM - 2) * mm, title)
                super().showPage()
            super().save()

    return NumberedCanvas
