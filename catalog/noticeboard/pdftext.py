"""Fast text on a reportlab canvas: each distinct (text, size) is encoded once, a page is one text block.

canvas.drawString costs ~25 µs a call (text object, subset split, escaping); a 50,000-row sheet set
has 400,000 cells, most of them repeats (項目, 组, standards, amounts). We keep the PDF operators of
each distinct string and emit a page's text as a single BT…ET block through canvas.addLiteral.
"""
from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

FONT_NAME = "GKMLSans"
MISSING_MARK = "□"


@lru_cache(maxsize=1)
def register_font() -> str:
    """Register the shipped CJK font with reportlab once; returns its name."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from catalog.resources import font_path
    pdfmetrics.registerFont(TTFont(FONT_NAME, str(font_path()), subfontIndex=0))
    return FONT_NAME


class TextWriter:
    """Writes text for one canvas. Call begin_page() before and end_page() after each page's text."""

    def __init__(self, canvas: Canvas) -> None:
        from reportlab.lib.rl_accel import escapePDF
        from reportlab.pdfbase import pdfmetrics
        self.canvas = canvas
        self.font = pdfmetrics.getFont(register_font())
        self._escape = escapePDF
        self._glyphs = self.font.face.charToGlyph
        self._widths: dict[str, float] = {}
        self._ops: dict[tuple[str, float], str] = {}
        self._parts: list[str] = []
        self._color = "0 g"
        self._state = None                      # reportlab's subset state for this document, once known
        self._subset_names: dict[int, str] = {}

    # -- measuring ------------------------------------------------------------------------------
    def width(self, text: str, size: float) -> float:
        w = self._widths.get(text)
        if w is None:
            w = self._widths[text] = self.font.stringWidth(text, 1.0)
        return w * size

    def printable(self, text: str) -> str:
        """text with characters the font lacks (rare 生僻字) shown as □ so the gap is visible."""
        glyphs = self._glyphs
        if all(ord(c) in glyphs or c == " " for c in text):
            return text
        return "".join(c if ord(c) in glyphs or c == " " else MISSING_MARK for c in text)

    def missing_chars(self, texts: Iterable[str]) -> str:
        """The characters of texts that the font cannot draw (in first-seen order)."""
        chars = set("".join(texts))
        return "".join(sorted(c for c in chars if ord(c) not in self._glyphs and c not in " \n"))

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        """Break text into lines no wider than width (character by character: Chinese has no spaces)."""
        lines, cur, cur_w = [], "", 0.0
        for ch in text:
            if ch == "\n":
                lines.append(cur)
                cur, cur_w = "", 0.0
                continue
            w = self.width(ch, size)
            if cur and cur_w + w > width:
                lines.append(cur)
                cur, cur_w = "", 0.0
            cur += ch
            cur_w += w
        if cur:
            lines.append(cur)
        return lines

    # -- writing --------------------------------------------------------------------------------
    def begin_page(self) -> None:
        self._parts = ["q BT"]
        self._color = "0 g"

    def gray(self, level: float) -> None:
        color = f"{level:.2f} g"
        if color != self._color:
            self._parts.append(color)
            self._color = color

    def text(self, x: float, y: float, text: str, size: float) -> None:
        if not text:
            return
        ops = self._ops.get((text, size))
        if ops is None:
            ops = self._encode(text, size)
        self._parts.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm {ops}")

    def fitted(self, text: str, size: float) -> tuple[float, str]:
        """(width, PDF operators) of text at size, both cached: the hot path of table rows."""
        key = (text, size)
        ops = self._ops.get(key)
        if ops is None:
            ops = self._encode(text, size)
        return self.width(text, size), ops

    def raw(self, x: float, y: float, ops: str) -> None:
        """Place text already encoded by fitted()."""
        self._parts.append(f"1 0 0 1 {x:.2f} {y:.2f} Tm {ops}")

    def text_right(self, x_right: float, y: float, text: str, size: float) -> None:
        self.text(x_right - self.width(text, size), y, text, size)

    def text_center(self, x_mid: float, y: float, text: str, size: float) -> None:
        self.text(x_mid - self.width(text, size) / 2, y, text, size)

    def texts(self) -> set[str]:
        """Every distinct text drawn on this canvas so far (for the privacy check of the output)."""
        return {t for t, _ in self._ops}

    def end_page(self) -> None:
        self._parts.append("ET Q")
        self.canvas.addLiteral("\n".join(self._parts))
        self._parts = []

    def _encode(self, text: str, size: float) -> str:
        if len(text) > 8:
            # Long unique strings (masked IDs: 42*************23X) share their head: encode the head
            # and the last 4 characters separately, each cached; consecutive Tj continue on the line.
            joined = self._cached(text[:-4], size) + " " + self._cached(text[-4:], size)
            self._ops[(text, size)] = joined
            return joined
        out = self._encode_known(text, size)
        if out is None:
            doc = self.canvas._doc   # the font's subset state is kept per document
            font = self.font
            out = " ".join(f"{self._subset_name(subset)} {size:g} Tf ({self._escape(chunk)}) Tj"
                           for subset, chunk in font.splitString(self.printable(text), doc))
            self._state = font.state.get(doc)
        self._ops[(text, size)] = out
        return out

    def _cached(self, text: str, size: float) -> str:
        return self._ops.get((text, size)) or self._encode(text, size)

    def _encode_known(self, text: str, size: float) -> str | None:
        """Fast path: every character already has a code in one subset (most names and masked IDs)."""
        if self._state is None:
            return None
        assignments = self._state.assignments
        try:
            codes = [assignments[ord(c)] for c in text]
        except KeyError:
            return None
        subset = codes[0] >> 8
        if any(c >> 8 != subset for c in codes):
            return None
        return f"{self._subset_name(subset)} {size:g} Tf ({self._escape(bytes(c & 0xFF for c in codes))}) Tj"

    def _subset_name(self, subset: int) -> str:
        name = self._subset_names.get(subset)
        if name is None:
            name = self._subset_names[subset] = self.font.getSubsetInternalName(subset, self.canvas._doc)
        return name
