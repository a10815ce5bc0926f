"""Header recognition for standard tables: synonyms, the (two-row, merged) header, and domain names."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

# Field name → header wordings seen in county and township tables (compared after hnorm()).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "seq": ("序号", "编号", "序"),
    "level1": ("一级事项", "一级", "事项类别", "一级目录", "事项大类"),
    "level2": ("二级事项", "二级", "二级目录", "事项小类", "具体事项"),
    "content": ("公开内容(要素)", "公开内容", "公开要素", "公开内容要素", "内容"),
    "basis": ("公开依据", "依据"),
    "time_limit": ("公开时限", "时限"),
    "subject": ("公开主体", "主体", "责任主体", "公开责任主体"),
    "channels": ("公开渠道和载体", "公开渠道及载体", "公开渠道与载体", "公开渠道", "公开载体", "渠道和载体",
                 "渠道"),
    "public": ("全社会", "社会公众", "公众", "不特定群体"),
    "specific": ("特定群体", "特定群众", "特定对象", "特定人群"),
    "active": ("主动", "主动公开"),
    "on_request": ("依申请", "依申请公开"),
    "county": ("县级", "县(市、区)级", "县(市区)级", "县区级", "县(区)级", "县(市)级", "区县级", "区级"),
    "township": ("乡级", "镇级", "乡镇级", "乡(镇)级", "乡(镇、街道)级", "乡镇(街道)级", "乡(镇)", "乡镇",
                 "镇(街)级", "镇街级", "镇街(园区)级", "镇(街道)级", "乡(镇、街)级", "乡镇(街)级", "街道级"),
    "village": ("村级", "村(社区)级", "村(居)级", "村(社区)", "村"),
    "city": ("市级", "市(州)级", "地市级"),
    "domain": ("公开领域", "领域", "所属领域", "领域名称", "领域编码", "公开领域编码", "领域代码", "重点领域",
               "26个重点领域"),
    "note": ("备注", "说明"),
}
GROUPS = ("公开事项", "公开对象", "公开方式", "公开层级")
FIELD_HEADERS = {  # the wording the writer uses (and the reader reports)
    "seq": "序号", "level1": "一级事项", "level2": "二级事项", "content": "公开内容（要素）",
    "basis": "公开依据", "time_limit": "公开时限", "subject": "公开主体", "channels": "公开渠道和载体",
    "public": "全社会",
    "specific": "特定群体", "active": "主动", "on_request": "依申请", "county": "县级", "township": "乡级",
    "village": "村级", "city": "市级", "domain": "公开领域", "note": "备注", "audience_text": "公开对象",
    "mode_text": "公开方式", "level_text": "公开层级",
}
_LOOKUP = {}
_SUB_FIELDS = {"level1", "level2", "public", "specific", "active", "on_request", "county", "township",
               "village", "city"}
# A group heading with no columns under it holds text ("全社会", "主动、依申请", "县级、乡级").
GROUP_TEXT_FIELDS = {"公开事项": "level1", "公开对象": "audience_text", "公开方式": "mode_text",
                     "公开层级": "level_text"}


def hnorm(text: str) -> str:
    """Header comparison form: NFKC (（）→()), no whitespace or stars."""
    return re.sub(r"[\s*★※]+", "", unicodedata.normalize("NFKC", text))


for _f, _words in SYNONYMS.items():
    for _w in _words:
        _LOOKUP[hnorm(_w)] = _f


@lru_cache(maxsize=4096)
def match_field(label: str) -> str | None:
    """The field a header text names, or None: exact synonym, then without a group prefix or a
    trailing (…) remark (公开依据（文件名称及文号） → basis)."""
    h = hnorm(label)
    if not h:
        return None
    if h in _LOOKUP:
        return _LOOKUP[h]
    for g in GROUPS:
        if h.startswith(g) and len(h) > len(g):
            rest = h[len(g):].strip("-—_:()")
            if rest in _LOOKUP:
                return _LOOKUP[rest]
    bare = re.sub(r"\([^()]*\)$", "", h)
    if bare != h and bare in _LOOKUP:
        return _LOOKUP[bare]
    return None


@lru_cache(maxsize=4096)
def is_group(label: str) -> bool:
    return hnorm(label) in GROUPS


def header_score(texts: Iterable[str]) -> tuple[int, set[str]]:
    """How many cells of a row read as header words, and which fields they name."""
    n, found = 0, set()
    for t in texts:
        f = match_field(t) if t else None
        if f:
            n += 1
            found.add(f)
        elif t and is_group(t):
            n += 1
            found.add(hnorm(t))
    return n, found


@dataclass
class Header:
    """Where the header is and which column holds which field (0-based rows/columns)."""
    rows: tuple[int, ...]
    columns: dict[str, int] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)        # column → header text shown
    unknown: list[tuple[int, int, str]] = field(default_factory=list)  # (row, col, text) not understood
    duplicate: list[tuple[int, int, str]] = field(default_factory=list)

    @property
    def last_row(self) -> int:
        return self.rows[-1]


def find_header(value: Callable[[int, int], str], height: int, width: int, *,
                scan: int = 30) -> Header | None:
    """Find the header rows (one or two) in the first `scan` rows and map columns to fields."""
    for r in range(min(scan, height)):
        n, found = header_score(value(r, c) for c in range(width))
        if n < 3 or not (found & {"level1", "content", "公开事项", "level2"}):
            continue
        rows: tuple[int, ...] = (r,)
        if r + 1 < height:
            # only cells that differ from the row above: a vertically merged 序号 repeats it
            texts = [t for t in (_differs(value, r + 1, c, r) for c in range(width)) if t]
            n2, found2 = header_score(texts)
            # a first data row can hold 特定群众/主动 too: a sub-header has (almost) only header words
            if (n2 >= 2 and found2 & _SUB_FIELDS and len(texts) - n2 <= 1
                    and not any(t.isdigit() for t in texts)):
                rows = (r, r + 1)
        return _map_columns(value, rows, width)
    return None


def _differs(value: Callable[[int, int], str], r: int, c: int, top: int) -> str:
    text = value(r, c)
    return "" if text == value(top, c) else text


def _map_columns(value: Callable[[int, int], str], rows: tuple[int, ...], width: int) -> Header:
    head = Header(rows)
    top_row, sub_row = rows[0], rows[-1]
    for c in range(width):
        top = value(top_row, c)
        sub = value(sub_row, c) if len(rows) == 2 else ""
        label = sub if sub and sub != top else top
        f = match_field(label)
        if f is None and sub and top and sub != top:
            f = match_field(top + sub)
        if f is None and not sub:
            f = GROUP_TEXT_FIELDS.get(hnorm(label))
        if f is None:
            if label and not is_group(label):
                head.unknown.append((sub_row if sub else top_row, c, label))
            continue
        if f in head.columns:
            head.duplicate.append((sub_row if sub else top_row, c, label))
            continue
        head.columns[f] = c
        head.labels[c] = label
    return head


# ---- domain names -------------------------------------------------------------------------------
_PREFIX = re.compile(r"^(?:[（(][一二三四五六七八九十百]+[)）]|[一二三四五六七八九十百]+[、.．]|\d{1,3}[、"
                     r".．]|第[一二三四五六七八九十百\d]+(?:部分|章|节|类))\s*")
_SUFFIXES = ("领域基层政务公开标准目录", "基层政务公开标准目录", "政务公开事项标准目录", "政务公开标准目录",
             "基层政务公开事项标准目录", "标准目录", "事项目录", "事项清单", "目录", "领域")
_CODED = [re.compile(p) for p in (
    r"^(?P<name>.+?)\s*[（(](?:编码|代码|编号)?[:：]?\s*(?P<code>[0-9A-Za-z][0-9A-Za-z.\-]*)[)）]$",
    r"^(?P<code>\d{1,6}(?:[.\-]\d+)*)\s*[、.．\-\s]?\s*(?P<name>\D.*)$",
    r"^(?P<code>\d{1,6}(?:[.\-]\d+)*)$",
)]
GENERIC_SHEET = re.compile(r"^(sheet|工作表|表|页)\s*\d*$", re.I)


def split_domain(text: str, known: Iterable[str] = ()) -> tuple[str, str | None]:
    """(domain name, code) from a 公开领域 cell, section row, title or sheet name.

    Strips numbering and 领域/标准目录 suffixes; with `known` names, a text containing one gives it.
    A bare code gives ("", code).
    """
    t = text.strip()
    code = None
    for rx in _CODED:
        m = rx.match(t)
        if m:
            code, t = m.group("code"), (m.groupdict().get("name") or "")
            break
    t = _PREFIX.sub("", t.strip())
    changed = True
    while changed:
        changed = False
        for s in _SUFFIXES:
            if t.endswith(s) and len(t) > len(s):
                t, changed = t[: -len(s)].strip(), True
    known = list(known)
    if known and t not in known:
        hits = [k for k in known if k and k in text]
        if hits:
            t = max(hits, key=len)
    return t, code
