"""Fixed-height table drawing on a reportlab canvas: page geometry, column widths, fitting cells, grid."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from catalog.noticeboard.pdftext import TextWriter

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

PAD = 3.0
MIN_SHRINK = 0.72      # below this a cell's text goes onto two lines


@dataclass(frozen=True)
class Geometry:
    """Page and type sizes, in points. large_print is for boards read from a step away."""
    width: float
    height: float
    margin_x: float
    margin_top: float
    margin_bottom: float
    size: float          # table text
    row_h: float
    head_h: float
    title_size: float
    text_size: float     # intro, 公示期, signature
    lead: float

    @property
    def inner_width(self) -> float:
        return self.width - 2 * self.margin_x


def geometry(*, landscape: bool = False, large_print: bool = False) -> Geometry:
    from reportlab.lib.pagesizes import A4
    w, h = (A4[1], A4[0]) if landscape else A4
    if large_print:
        return Geometry(w, h, 34, 34, 40, size=14, row_h=25, head_h=28, title_size=22, text_size=14, lead=21)
    return Geometry(w, h, 36, 36, 40, size=9.5, row_h=17, head_h=20, title_size=16, text_size=10.5, lead=16)


@dataclass
class Row:
    """A table row: cells (one per column, or per span), how many columns each cell spans, height."""
    cells: Sequence[str]
    spans: Sequence[int] | None = None
    height: float = 0.0
    shade: bool = False


def column_widths(tw: TextWriter, headers: Sequence[str], rows: Sequence[Sequence[str]], *, size: float,
                  total: float, minimum: Sequence[float] | None = None,
                  flexible: Sequence[bool] | None = None) -> list[float]:
    """Widths that fit the content, stretched or squeezed to exactly `total`."""
    natural = [tw.width(h, size) + 2 * PAD + 4 for h in headers]
    for i in range(len(headers)):
        distinct = {cells[i] for cells in rows}
        if distinct:
            natural[i] = max(natural[i], max(tw.width(t, size) for t in distinct) + 2 * PAD)
    if minimum:
        natural = [max(n, m) for n, m in zip(natural, minimum, strict=True)]
    # A long 备注 or 地址 must not squeeze the other columns: it wraps in its own cell instead.
    caps = [total * (0.18 if flexible and flexible[i] else 0.35) for i in range(len(natural))]
    natural = [min(n, c) for n, c in zip(natural, caps, strict=True)]
    factor = total / sum(natural)
    return [n * factor for n in natural]


def draw_cell(tw: TextWriter, text: str, x: float, y_bottom: float, w: float, h: float, size: float,
              align: str) -> None:
    """Draw text inside a cell: shrink to fit, else two lines (at an explicit \\n first), else cut with …"""
    if not text:
        return
    avail = w - 2 * PAD
    lines = text.split("\n") if "\n" in text else None
    if lines is None:
        width = tw.width(text, size)
        if width <= avail:
            _line(tw, text, x, y_bottom + h / 2 - size * 0.36, w, size, align)
            return
        s = _step(size * avail / width)
        # numbers and masked IDs shrink further rather than break (a split ID is hard to read)
        if s >= size * (MIN_SHRINK if not text.isascii() else 0.5):
            _line(tw, text, x, y_bottom + h / 2 - s * 0.36, w, s, align)
            return
        lines = _halve(tw, text, size)
    s = _step(min([size] + [size * avail / max(tw.width(t, size), 0.01) for t in lines]))
    s = max(s, min(size * 0.55, h / (len(lines) * 1.15)))
    lead = min(s * 1.15, h / len(lines))
    top = y_bottom + h / 2 + lead * len(lines) / 2
    for i, t in enumerate(lines):
        while t and tw.width(t, s) > avail:
            t = t[:-2] + "…" if len(t) > 2 else t[:-1]
        _line(tw, t, x, top - lead * (i + 1) + (lead - s) / 2 + s * 0.14, w, s, align)


def _line(tw: TextWriter, text: str, x: float, y: float, w: float, size: float, align: str) -> None:
    if align == "right":
        tw.text_right(x + w - PAD, y, text, size)
    elif align == "center":
        tw.text_center(x + w / 2, y, text, size)
    else:
        tw.text(x + PAD, y, text, size)


def _step(s: float) -> float:
    """Round a shrunk size down to 0.25 pt so repeated cells hit the text cache."""
    return int(s * 4) / 4


def _halve(tw: TextWriter, text: str, size: float) -> list[str]:
    half = tw.width(text, size) / 2
    acc = 0.0
    for i, ch in enumerate(text):
        acc += tw.width(ch, size)
        if acc >= half:
            return [text[: i + 1], text[i + 1:]]
    return [text]


class TableDrawer:
    """Draws rows of one table layout (fixed column widths) page after page, caching each placed cell."""

    def __init__(self, canvas: Canvas, tw: TextWriter, *, x0: float, widths: Sequence[float],
                 aligns: Sequence[str], size: float) -> None:
        self.canvas, self.tw, self.x0, self.aligns, self.size = canvas, tw, x0, list(aligns), size
        edges = [x0]
        for w in widths:
            edges.append(edges[-1] + w)
        self.edges = tuple(edges)
        # per column: text → ("1 0 0 1 x ", " Tm ops") for plain cells that fit; None when they do not.
        self._placed: list[dict[str, tuple[str, str] | None]] = [{} for _ in widths]

    def draw(self, rows: Sequence[Row], y_top: float) -> float:
        """Draw rows downwards from y_top with a full grid; returns the y below the last row."""
        edges, x0, size, tw = self.edges, self.x0, self.size, self.tw
        x_end_all = edges[-1]
        y = y_top
        grid = [f"{x0:.2f} {y:.2f} m {x_end_all:.2f} {y:.2f} l"]
        run_top, run_bounds = y, edges
        placed, parts = self._placed, tw._parts
        for row in rows:
            y_bottom = y - row.height
            bounds = self._bounds(row.spans) if row.spans else edges
            if bounds != run_bounds:
                grid.extend(_verticals(run_bounds, run_top, y))
                run_top, run_bounds = y, bounds
            if row.shade or row.spans:
                self._draw_special(row, bounds, y_bottom)
            else:
                ystr = f"{y_bottom + row.height / 2 - size * 0.36:.2f}"
                for i, text in enumerate(row.cells):
                    if not text:
                        continue
                    hit: tuple[str, str] | Literal[False] | None = placed[i].get(text, False)
                    if hit is False:
                        hit = placed[i][text] = self._place(i, text)
                    if hit is None:
                        draw_cell(tw, text, edges[i], y_bottom, edges[i + 1] - edges[i], row.height, size,
                                  self.aligns[i])
                    else:
                        parts.append(hit[0] + ystr + hit[1])
            y = y_bottom
            grid.append(f"{x0:.2f} {y:.2f} m {x_end_all:.2f} {y:.2f} l")
        grid.extend(_verticals(run_bounds, run_top, y))
        self.canvas.addLiteral("q 0.6 w 0 G\n" + "\n".join(grid) + "\nS Q")
        return y

    def _bounds(self, spans: Sequence[int]) -> tuple[float, ...]:
        bounds = [self.x0]
        col = 0
        for span in spans:
            col += span
            bounds.append(self.edges[col])
        return tuple(bounds)

    def _place(self, i: int, text: str) -> tuple[str, str] | None:
        x, x_end = self.edges[i], self.edges[i + 1]
        w, ops = self.tw.fitted(text, self.size)
        if w > x_end - x - 2 * PAD or "\n" in text:
            return None
        align = self.aligns[i]
        tx = x_end - PAD - w if align == "right" else (x + x_end - w) / 2 if align == "center" else x + PAD
        return f"1 0 0 1 {tx:.2f} ", f" Tm {ops}"

    def _draw_special(self, row: Row, bounds: Sequence[float], y_bottom: float) -> None:
        if row.shade:
            self.canvas.setFillGray(0.9)
            self.canvas.rect(self.x0, y_bottom, self.edges[-1] - self.x0, row.height, stroke=0, fill=1)
            self.canvas.setFillGray(0)
        col = 0
        for i, text in enumerate(row.cells):
            span = row.spans[i] if row.spans else 1
            align = "center" if row.shade else ("left" if span > 1 else self.aligns[col])
            draw_cell(self.tw, text, bounds[i], y_bottom, bounds[i + 1] - bounds[i], row.height, self.size,
                      align)
            col += span


def _verticals(bounds: Sequence[float], y_top: float, y_bottom: float) -> list[str]:
    if y_top == y_bottom:
        return []
    return [f"{x:.2f} {y_top:.2f} m {x:.2f} {y_bottom:.2f} l" for x in bounds]
