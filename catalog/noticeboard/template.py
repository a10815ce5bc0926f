"""公示 templates (resources/templates/notice/*.json): title wording, columns and masking of one list kind."""
from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

from catalog.errors import KnownError
from catalog.noticeboard.fields import DERIVED, FIELDS, NEVER_PRINTED
from catalog.privacy.pii import ID_MAX_HEAD, ID_MAX_TAIL
from catalog.resources import resource_path

DEFAULT_TEMPLATE = "huimin_butie"
_ALIGNS = ("left", "center", "right")
# Placeholders a title/intro may use.
_PLACEHOLDERS = {"village": "某村", "year": "2026", "township": "某镇", "government": "某镇人民政府"}


class TemplateError(KnownError):
    """A template file is broken: names the file and the problem."""

    def __init__(self, file: str, problem: str):
        super().__init__(f"公示模板文件有误：{file}：{problem}")


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    align: str = "left"


@dataclass(frozen=True)
class PeriodRule:
    """The template's minimum 公示期: days, counted as calendar days or as working days (工作日)."""
    days: int = 7
    workdays: bool = False

    def text(self) -> str:
        """'7 个工作日' or '7 天'."""
        return f"{self.days} 个工作日" if self.workdays else f"{self.days} 天"


@dataclass(frozen=True)
class Masking:
    id_head: int = 2
    id_tail: int = 3
    mask_names: bool = False


@dataclass(frozen=True)
class NoticeTemplate:
    id: str
    name: str
    title: str                  # pattern: {village} {year} {township} {government}
    intro: str
    columns: tuple[Column, ...]
    required: tuple[str, ...]   # fields an import must map, or the file is refused
    masking: Masking
    item_label: str = "补贴项目"
    count_unit: str = "户"
    summary_title: str = "{township}{year}年度分村汇总表"
    period: PeriodRule = PeriodRule()
    optional: tuple[str, ...] = ()   # columns printed only when the roster has the field (e.g. 发放日期)

    def column_fields(self) -> list[str]:
        return [c.field for c in self.columns]

    def for_fields(self, present: Collection[str]) -> NoticeTemplate:
        """This template without the optional columns a roster does not have (e.g. no 发放日期 column)."""
        drop = {f for f in self.optional if f not in present}
        if not drop:
            return self
        return replace(self, columns=tuple(c for c in self.columns if c.field not in drop))

    def format_title(self, **values: str) -> str:
        return self.title.format(**values)

    def format_intro(self, **values: str) -> str:
        return self.intro.format(**values)


def templates_dir() -> Path:
    return resource_path("templates", "notice")


@cache
def load_template(template_id: str = DEFAULT_TEMPLATE) -> NoticeTemplate:
    """A shipped template by id (the JSON file's stem); KnownError listing the ids when unknown."""
    path = templates_dir() / f"{template_id}.json"
    if not path.is_file():
        known = "、".join(t.id for t in list_templates()) or "（无）"
        raise KnownError(f"没有名为「{template_id}」的公示模板。可用的模板：{known}")
    return parse_template(json.loads(path.read_text(encoding="utf-8")), file=path.name)


def list_templates() -> list[NoticeTemplate]:
    """All shipped templates, sorted by id."""
    out = []
    for p in sorted(templates_dir().glob("*.json")):
        out.append(parse_template(json.loads(p.read_text(encoding="utf-8")), file=p.name))
    return out


def resolve_template(template: NoticeTemplate | str | None) -> NoticeTemplate:
    if isinstance(template, NoticeTemplate):
        return template
    return load_template(template or DEFAULT_TEMPLATE)


def parse_template(data: dict, *, file: str = "<模板>") -> NoticeTemplate:
    """Validate a template dict: known fields, masking within the privacy floor, no bank column."""
    for key in ("id", "name", "title", "columns"):
        if not data.get(key):
            raise TemplateError(file, f"缺少「{key}」")
    columns = _columns(data["columns"], file)
    m = data.get("masking", {})
    head, tail = int(m.get("id_head", 2)), int(m.get("id_tail", 3))
    if not (0 <= head <= ID_MAX_HEAD and 0 <= tail <= ID_MAX_TAIL):
        raise TemplateError(file, f"身份证号最多只能显示前 {ID_MAX_HEAD} 位和后 {ID_MAX_TAIL} 位"
                                  f"（模板要求前 {head} 位、后 {tail} 位）")
    required = tuple(data.get("required", ("name", "village", "amount")))
    for f in required:
        if f not in FIELDS:
            raise TemplateError(file, f"必需字段「{f}」未知")
    _check_placeholders(data, file)
    return NoticeTemplate(
        id=str(data["id"]), name=str(data["name"]), title=str(data["title"]),
        intro=str(data.get("intro", "")),
        columns=tuple(columns), required=required,
        masking=Masking(head, tail, bool(m.get("mask_names", False))),
        item_label=str(data.get("item_label", "补贴项目")), count_unit=str(data.get("count_unit", "户")),
        summary_title=str(data.get("summary_title", "{township}{year}年度分村汇总表")),
        period=_period_rule(data.get("period"), file), optional=_optional(data, columns, file),
    )


def _columns(specs: list[dict], file: str) -> list[Column]:
    """The printed columns: known fields, a valid alignment, never a bank account, always the amount."""
    columns = []
    for c in specs:
        f = c.get("field")
        if f in NEVER_PRINTED:
            raise TemplateError(file, f"列「{c.get('header', f)}」是银行账号/卡号，依法不得公示")
        if f not in FIELDS and f not in DERIVED:
            raise TemplateError(file, f"未知的列字段「{f}」")
        align = c.get("align", "left")
        if align not in _ALIGNS:
            raise TemplateError(file, f"列「{f}」的对齐方式「{align}」无效")
        columns.append(Column(f, c.get("header") or DERIVED.get(f) or FIELDS[f][0], align))
    if "amount" not in {c.field for c in columns}:
        raise TemplateError(file, "必须包含金额列（amount）")
    return columns


def _check_placeholders(data: dict, file: str) -> None:
    """title, intro and summary_title use only the placeholders the renderer fills in."""
    values = dict(_PLACEHOLDERS)
    for key in ("title", "intro", "summary_title"):
        try:
            str(data.get(key, "")).format(**values)
        except (KeyError, IndexError, ValueError) as err:
            raise TemplateError(file, f"「{key}」中的占位符有误：{err}") from None


def _optional(data: dict, columns: list[Column], file: str) -> tuple[str, ...]:
    """Columns printed only when the roster has them: template columns, never required ones."""
    optional = tuple(data.get("optional", ()))
    for f in optional:
        if f not in {c.field for c in columns} or f in data.get("required", ()):
            raise TemplateError(file, f"可选列「{f}」必须是模板中的列，且不能同时是必需字段")
    return optional


def _period_rule(data: object, file: str) -> PeriodRule:
    """{"days": 7, "unit": "workdays" | "calendar"}; absent: 7 calendar days."""
    if data is None:
        return PeriodRule()
    if not isinstance(data, dict):
        raise TemplateError(file, '公示期「period」应为 {"days": 7, "unit": "workdays" 或 "calendar"}')
    days, unit = data.get("days", 7), data.get("unit", "calendar")
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 60:
        raise TemplateError(file, f"公示期天数「{days}」无效（1～60）")
    if unit not in ("calendar", "workdays"):
        raise TemplateError(file, f"公示期单位「{unit}」无效，应为 calendar（自然日）或 workdays（工作日）")
    return PeriodRule(days, unit == "workdays")
