"""HTML for the 标准指引 detail pane and banner: every column of an item, and a guide's provenance."""
from __future__ import annotations

from html import escape

from catalog.guides.completeness import completeness_of
from catalog.guides.shipped import COMPLETENESS_TEXT, Guide, GuideItem, GuideSet
from catalog.model import MARK_COLUMNS
from gui.style import ACCENT, TEXT_MUTED

CONFIDENCE_TEXT = {"high": "高（多个来源一致）", "medium": "中（有来源，个别栏目待核实）",
                   "low": "低（来源不足，请核对正式文件）"}
UNKNOWN = f'<span style="color:{TEXT_MUTED}">?（来源未显示）</span>'


def _row(label: str, value_html: str) -> str:
    return (f'<tr><td width="84" valign="top" style="color:{TEXT_MUTED}">{escape(label)}</td>'
            f'<td valign="top">{value_html}</td></tr>')


def _text(value: str | None) -> str:
    return UNKNOWN if value is None else (escape(value) or "—")


def _list(values: tuple[str, ...] | None, *, numbered: bool = True) -> str:
    if values is None:
        return UNKNOWN
    if not values:
        return "—"
    if len(values) == 1:
        return escape(values[0])
    tag = "ol" if numbered else "ul"
    items = "".join(f"<li>{escape(v)}</li>" for v in values)
    return f'<{tag} style="margin:0; -qt-list-indent:1">{items}</{tag}>'


def _mark(value: bool | None) -> str:
    if value is None:
        return UNKNOWN
    return f'<b style="color:{ACCENT}">√</b>' if value else "否"


def _marks(item: GuideItem) -> list[str]:
    marks = item.marks.as_dict()
    groups: dict[str, list[str]] = {}
    for name, group, label in MARK_COLUMNS:
        groups.setdefault(group, []).append(f"{escape(label)}：{_mark(marks[name])}")
    # A small table per group: Qt's rich text collapses runs of spaces between the two marks.
    return [_row(group, '<table cellspacing="0" cellpadding="0"><tr>'
                        + "".join(f'<td width="130">{p}</td>' for p in parts) + "</tr></table>")
            for group, parts in groups.items()]


def item_html(item: GuideItem, guide: Guide) -> str:
    """All columns of one item, its remark and confidence, then the guide's sources and notes."""
    t = item.text
    rows = [
        _row("一级事项", _text(t.level1)), _row("二级事项", _text(t.level2)),
        _row("公开内容", _list(t.content)), _row("公开依据", _list(t.basis)),
        _row("公开时限", _text(t.time_limit)), _row("公开主体", _text(t.subject)),
        _row("公开渠道", UNKNOWN if t.channels is None else escape("、".join(t.channels)) or "—"),
        *_marks(item),
        _row("可信度", escape(CONFIDENCE_TEXT.get(item.confidence, item.confidence))),
    ]
    if item.remark:
        rows.append(_row("备注", escape(item.remark)))
    head = (f'<p style="margin:0"><span style="font-size:large; font-weight:bold">'
            f'<span style="color:{ACCENT}">{escape(item.id)}</span>　{escape(t.title)}</span></p>'
            f'<p style="color:{TEXT_MUTED}; margin-top:2px">{escape(guide.title)} · 第 {item.seq} 项</p>')
    table = f'<table cellspacing="0" cellpadding="4" width="100%">{"".join(rows)}</table>'
    return head + table + guide_provenance_html(guide)


# The research notes in the guides' issuer field are English (standards/guides/*.json, re-converted by
# scripts/convert_reference.py): shown in Chinese here, longest phrases first.
ISSUER_NOTES = (
    (r"issuer not stated in any retrieved source; unverified", "所见来源均未写明发文单位，未经核实"),
    (r"not confirmed by a source seen in this search", "未经所见来源证实"),
    (r"not stated in the retrieved sources", "所见来源未写明"),
    (r"inferred from the subject matter; not stated by any source retrieved",
     "据事项内容推断，所见来源未写明"),
    (r"not stated by any source retrieved", "所见来源未写明"),
    (r"issuing document number not found", "未找到发文字号"),
    (r"as cited by a local copy", "据地方转载文本引用"),
    (r"as cited by an? ([^,;)]+?) (?:implementation )?(?:notice|text)", r"据\1实施文件引用"),
    (r"as cited by the ([^,;)]+?) (?:implementation )?notice ?([^,;)]*)", r"据\1通知\2引用"),
    (r"as cited by ([^,;)]+)", r"据\1引用"),
    (r"per ([^,;)]+?) notice:", r"据\1通知："),
    (r"([^\s(（]+) text refers to the", r"\1文本提到"),
    (r"inferred: the uniform subject", "推断依据：统一的公开主体"),
    (r"and the (\S+) family of catalogs", r"以及\1系列目录"),
    (r"unverified", "未经核实"),
)


def issuer_text(issuer: str | None) -> str | None:
    """A guide's issuer with its English research note in Chinese (a note still not Chinese is
    replaced by a plain 未经核实 remark rather than shown in English)."""
    import re
    if not issuer:
        return issuer
    text = issuer
    for english, chinese in ISSUER_NOTES:
        text = re.sub(english, chinese, text)
    text = re.sub(r"\s*\(([^()]*)\)\s*$", r"（\1）", text)
    text = text.replace("; ", "；").replace(", ", "，").replace("'", "“", 1).replace("'", "”", 1)
    text = re.sub(r"\s*“\s*", "“", re.sub(r"\s*”\s*", "”", text))
    if re.search(r"[A-Za-z]{3,}", text):
        name = re.split(r"\s*[（(]", text, maxsplit=1)[0]
        return f"{name}（发文单位未经正式文件核实）"
    return text


def guide_provenance_html(guide: Guide) -> str:
    """Where this guide's data came from and what is known to be missing."""
    c = guide.completeness
    issued = "，".join(x for x in (issuer_text(guide.issuer), guide.issued) if x) or None
    sources = "".join(
        f'<li>{escape(s.get("what", ""))}<br>'
        f'<span style="color:{TEXT_MUTED}">{escape(s.get("url", ""))}</span></li>'
        for s in guide.sources)
    rows = [
        _row("指引", escape(guide.title)), _row("发布", _text(issued)),
        _row("数据", escape(c.describe())),
        _row("来源", f'<ol style="margin:0; -qt-list-indent:1">{sources}</ol>' if sources else "—"),
        _row("整理记录", escape(guide.notes) or "—"),
    ]
    return (f'<hr><p style="margin-bottom:2px"><b>本领域指引数据</b>'
            f'<span style="color:{TEXT_MUTED}">（来源与整理记录保留资料整理时的原文）</span></p>'
            f'<table cellspacing="0" cellpadding="4" width="100%">{"".join(rows)}</table>')


def banner_html(guides: GuideSet, guide: Guide | None) -> str:
    """The notice above the table: how complete the shown data is (items known, unknown √, source)."""
    if guide is None:
        parts = [_all_banner(guides), _totals_html(guides)]
    else:
        parts = [_domain_banner(guide), f"<b>完整程度：</b>{escape(completeness_of(guide).describe())}"]
    return "<br>".join(p for p in parts if p)


def _totals_html(guides: GuideSet) -> str:
    stats = [completeness_of(g) for g in guides]
    imported = sum(1 for c in stats if c.kind != "shipped")
    text = (f"共 {sum(c.known_items for c in stats)} 项；√ 未知 {sum(c.unknown_marks for c in stats)} 项"
            f"（乡级未知 {sum(c.unknown_township for c in stats)} 项，编制后为「层级待确认」）；"
            f"导入的领域 {imported} 个，其余随软件提供。")
    return f"<b>完整程度：</b>{escape(text)}"


def _all_banner(guides: GuideSet) -> str:
    partial = [g for g in guides if g.completeness.status == "partial"]
    imported = [g for g in guides if g.completeness.status == "imported"]
    note = f"已导入正式表格的领域 {len(imported)} 个。" if imported else ""
    if not partial:
        return f"<b>指引数据：</b>{note}全部领域的数据完整。" if imported else ""
    total = sum(len(g.active_items) for g in partial)
    return (f"<b>数据不完整：</b>随软件提供的 {len(partial)} 个领域指引只含已核实的 {total} 项，"
            f"正式指引的事项更多。{note}编制目录时请以正式文件为准；可用「导入正式表格…」导入完整的表格，"
            "或导入县里下发的指引包（.gkmlg）。")


def _domain_banner(guide: Guide) -> str:
    c = guide.completeness
    if c.status == "imported":
        when = f"，导入于 {escape(c.imported_at.replace('T', ' '))}" if c.imported_at else ""
        return (f"<b>已导入正式表格：</b>本领域使用第 {guide.version} 版指引（{len(guide.active_items)} 项；"
                f"来源：{escape(c.source)}；文件 {escape(c.file or '')}{when}）。随软件提供的版本保留不动；"
                "与本镇目录的差别见「指引变化」。")
    if c.status != "partial":
        return ""
    return (f"<b>数据{COMPLETENESS_TEXT['partial']}：</b>本领域只含已核实的 {len(guide.active_items)} 项"
            f"（来源：{escape(c.source)}）。正式指引的事项更多，请以正式文件为准，或导入完整的正式表格；"
            "每项的来源与整理说明见下方详情。")
