"""Cell text of the standard table: √ marks, ■/□ channel lists, multi-line content, both directions."""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from typing import Any

from catalog.channels import OTHER, STANDARD_CHANNELS, normalize_channels, standard_base

# √ cells. Wingdings 2 shows "R" as a ticked box and "£" as an empty one; sites that export with that
# font leave those letters in the cell text.
TRUE_MARKS = frozenset({"√", "✓", "✔", "☑", "■", "是", "R", "●"})
FALSE_MARKS = frozenset({"", "□", "☐", "£", "否", "×", "✗", "✘", "/", "／", "-", "—", "无"})
UNKNOWN_MARKS = frozenset({"?", "？"})
MARK_TRUE, MARK_FALSE, MARK_UNKNOWN = "√", "", "？"

CHECKED, UNCHECKED = "\u25a0", "\u25a1"         # ■ □
_BOX_MARKS = "■□☑☐✓✔√"
_BOX_CHECKED = "■☑✓✔√"
UNKNOWN_TEXT = "？"


def cell_text(value: Any) -> str:
    """Any cell value (str, float, int, date, bool, None) as trimmed text with \\n line breaks."""
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    elif isinstance(value, bool):
        text = "是" if value else "否"
    elif isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, _dt.datetime):
        text = value.date().isoformat() if value.time() == _dt.time() else value.isoformat(sep=" ")
    elif isinstance(value, _dt.date):
        text = value.isoformat()
    else:
        text = str(value)
    if "\r" in text or "\xa0" in text or "_x000D_" in text:
        text = text.replace("_x000D_", "").replace("\r\n", "\n").replace("\r", "\n").replace("\xa0", " ")
    return text.strip()


def parse_mark(text: str) -> tuple[bool | None, bool]:
    """(value, understood) for a √ cell: √ ✓ 是 ■ R → True; blank □ £ 否 × → False; ？ → None."""
    t = text.strip()
    if t in TRUE_MARKS:
        return True, True
    if t in FALSE_MARKS:
        return False, True
    if t in UNKNOWN_MARKS:
        return None, True
    return None, False


def format_mark(value: bool | None) -> str:
    """√, blank, or ？ (unknown stays visible on paper)."""
    return MARK_TRUE if value else (MARK_FALSE if value is False else MARK_UNKNOWN)


# "1." "1、" "（1）" "①" at the start of the text or after a separator.
_ENUM = re.compile(r"(?:^|(?<=[\n；;。，,\s]))\s*(?:(\d{1,2})\s*[.．、](?!\d)|[（(](\d{1,2})[)）]|([①-⑳]))")


def split_items(text: str) -> tuple[str, ...]:
    """Split a content/basis cell into its elements: by line, or by a 1. 2. 3. numbering if present."""
    text = text.strip()
    if not text:
        return ()
    picks: list[re.Match] = []
    expected = 1
    for m in _ENUM.finditer(text):
        num = int(m.group(1) or m.group(2)) if (m.group(1) or m.group(2)) else ord(m.group(3)) - ord("①") + 1
        if num == expected and (picks or text[:m.start()].strip() == ""):
            picks.append(m)
            expected += 1
    if len(picks) >= 2:
        bounds = [m.end() for m in picks]
        ends = [m.start() for m in picks[1:]] + [len(text)]
        pieces = ["".join(line.strip() for line in text[b:e].split("\n"))
                  for b, e in zip(bounds, ends, strict=True)]
        pieces = [p.strip().rstrip("；;，,").strip() for p in pieces]
    else:
        pieces = [line.strip() for line in text.split("\n")]
    return tuple(p for p in pieces if p)


def join_items(items: Iterable[str]) -> str:
    """Elements one per line, the inverse of split_items."""
    return "\n".join(items)


def format_channels(channels: tuple[str, ...] | None) -> str:
    """The ■/□ list: all 13 standard channels in order (■ when used), then domain-specific ones (■).

    None (unknown) is written as ？ so it is not mistaken for "no channel".
    """
    if channels is None:
        return UNKNOWN_TEXT
    channels = normalize_channels(channels)
    chosen = set(channels)
    parts: list[str] = []
    for std in STANDARD_CHANNELS:
        if std == OTHER:
            others = [CHECKED + c for c in channels if standard_base(c) == OTHER]
            parts.extend(others or [UNCHECKED + OTHER])
        else:
            parts.append((CHECKED if std in chosen else UNCHECKED) + std)
    parts.extend(CHECKED + c for c in channels if standard_base(c) is None)
    return " ".join(parts)


_SEPARATORS = "、，,；;\n"
_OPEN, _CLOSE = "(（《[【", ")）》]】"
# Standard names that themselves contain a separator in some tables.
_JOINED = [(re.compile(p), name) for p, name in (
    (r"社区[、，,]\s*企事业单位[、，,]\s*村公示栏", "社区/企事业单位/村公示栏"),
    (r"发布会[、，,]\s*听证会", "发布会/听证会"),
    (r"广播[、，,]\s*电视", "广播电视"),
    (r"入户[、，,]\s*现场", "入户/现场"),
    (r"其[他它]\s*[:：]\s*", "其他:"),
)]


def parse_channels(text: str) -> tuple[tuple[str, ...] | None, list[str]]:
    """(channels, problems) for a 公开渠道和载体 cell: a ■/□ list (also ☑/☐, √, Wingdings R/£) or a plain
    list separated by 、，；/line breaks. Blank or ？ → None (unknown). Problems name text not understood."""
    t = text.strip()
    if not t or t in UNKNOWN_MARKS:
        return None, []
    problems: list[str] = []
    if any(ch in t for ch in _BOX_MARKS):
        chosen = _parse_marked(t, _BOX_MARKS, _BOX_CHECKED, problems)
    elif re.match(r"^[R£](?=[^\sA-Za-z0-9])", t):
        chosen = _parse_marked(t, "R£", "R", problems, boundary=True)
    else:
        for rx, name in _JOINED:
            t = rx.sub(name, t)
        chosen = _split_top_level(t)
    return normalize_channels(chosen), problems


def _parse_marked(t: str, marks: str, checked: str, problems: list[str], *,
                  boundary: bool = False) -> list[str]:
    cls = re.escape(marks)
    pattern = rf"(?:^|(?<=[\s、，,；;]))([{cls}])" if boundary else rf"([{cls}])"
    parts = re.split(pattern, t)
    lead = parts[0].strip(" 　" + _SEPARATORS)
    if lead:
        problems.append(f"无法理解「{lead}」：它前面没有 ■ 或 □")
    chosen = []
    for mark, name in zip(parts[1::2], parts[2::2], strict=True):
        name = name.strip(" 　" + _SEPARATORS).rstrip("_＿ ")
        if mark in checked:
            if name:
                chosen.append(name)
            else:
                problems.append(f"「{mark}」后面没有渠道名称")
    return chosen


def _split_top_level(t: str) -> list[str]:
    """Split on separators and spaces outside brackets, so 平台（含A、B） stays one channel."""
    out: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in t:
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        if depth == 0 and (ch in _SEPARATORS or ch.isspace()):
            out.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    out.append("".join(buf))
    return [s.strip() for s in out if s.strip()]
