"""Row validation: every rule yields an Issue whose message names the file, sheet, row and column."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from operator import mul

from catalog.errors import where
from catalog.noticeboard.cells import format_amount, format_number, parse_decimal
from catalog.noticeboard.fields import LABELS
from catalog.noticeboard.model import ERROR, PERSON, TOTAL, WARNING, Issue, Roster, RosterRow
from catalog.noticeboard.template import NoticeTemplate, resolve_template
from catalog.privacy.pii import id_problem
from catalog.progress import Progress, report

CENT = Decimal("0.01")
_ID_SHAPE = re.compile(r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dX]")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_SUFFIXES = ("村民委员会", "居民委员会", "社区居委会", "村委会", "居委会", "社区", "村")


def village_key(name: str) -> str:
    """'红星村委会' and '红星村' and '红 星' compare equal: no spaces, no 村/社区/委员会 suffix."""
    t = re.sub(r"\s", "", unicodedata.normalize("NFKC", name))
    for s in _SUFFIXES:
        if t.endswith(s) and len(t) > len(s):
            return t[: -len(s)]
    return t


class VillageMatcher:
    """Resolves a roster's village text to the township's village name (exact first, then by key)."""

    def __init__(self, villages: Iterable[str]):
        self.names = list(villages)
        self.exact = set(self.names)
        keys: dict[str, list[str]] = {}
        for v in self.names:
            keys.setdefault(village_key(v), []).append(v)
        self.by_key = {k: vs[0] for k, vs in keys.items() if len(vs) == 1}   # ambiguous keys never match
        self.cache: dict[str, str] = {}

    def resolve(self, text: str) -> str:
        if text in self.exact:
            return text
        hit = self.cache.get(text)
        if hit is None:
            hit = self.by_key.get(village_key(text), "")
            self.cache[text] = hit
        return hit


def validate(roster: Roster, *, template: NoticeTemplate | str | None = None,
             progress: Progress | None = None) -> list[Issue]:
    """Parse amounts, resolve villages and check every rule; sets roster.issues and returns it.

    Excluded rows are skipped entirely (they will not be printed, so they neither block nor count).
    """
    tpl = resolve_template(template or roster.template_id)
    check = _Checker(roster, tpl)
    rows = roster.rows
    for i, row in enumerate(rows):
        if i % 2000 == 0:
            report(progress, i, len(rows))
        if row.no in roster.excluded:
            continue
        if row.kind == PERSON:
            check.person(row)
    check.duplicates()
    check.totals()
    if not check.id_wanted:
        check.issues.append(Issue(0, "", 0, "id_number", WARNING, "no_id_column", where(file=roster.file) +
                                  "名册没有身份证号列：本模板的公示不需要身份证号，已按姓名、村、组核对重复；"
                                  "同名同组的人请在备注中区分"))
    report(progress, len(rows), len(rows))
    roster.issues = sorted(check.issues, key=lambda x: (x.no, x.level != ERROR))
    return roster.issues


class _Checker:
    def __init__(self, roster: Roster, tpl: NoticeTemplate):
        self.roster, self.tpl = roster, tpl
        self.matcher = VillageMatcher(roster.township_villages)
        self.issues: list[Issue] = []
        self.bad_ids: set[int] = set()
        self.show_sheet = roster.kind != "csv"
        self.id_wanted = "id_number" in roster.mapping or "id_number" in tpl.required
        self.item_wanted = "item" in tpl.required

    def add(self, row: RosterRow, field: str, level: str, code: str, problem: str,
            villages: tuple[str, ...] | None = None) -> None:
        header = self.roster.mapping.get(field) or LABELS.get(field) if field else None
        loc = where(file=self.roster.file, sheet=row.sheet if self.show_sheet else None, row=row.line,
                    column=header)
        if villages is None:
            villages = (row.village or row.get("village") or "",)
        self.issues.append(Issue(row.no, row.sheet, row.line, field, level, code, loc + problem, villages))

    def person(self, row: RosterRow) -> None:
        v = row.values
        raw_village = v.get("village", "")
        row.village = self.matcher.resolve(raw_village) if raw_village else ""
        if not v.get("name"):
            self.add(row, "name", ERROR, "name_missing", "姓名为空")
        if not raw_village:
            self.add(row, "village", ERROR, "village_missing", "村名为空，无法确定在哪个村公示")
        elif not row.village:
            names = self.roster.township_villages
            known = "、".join(names[:8]) + ("等" if len(names) > 8 else "")
            self.add(row, "village", ERROR, "village_unknown",
                     f"村「{raw_village}」不在本乡镇的村（社区）名单中（{known or '名单为空'}）。"
                     "请核对村名，或先在乡镇信息中补充该村")
        self.check_id(row)
        if self.item_wanted and not v.get("item"):
            self.add(row, "item", ERROR, "item_missing", f"{self.tpl.item_label}为空")
        self.check_amount(row)
        row.quantity = self.number(row, "quantity")
        row.standard = self.number(row, "standard")
        if row.amount is not None and row.quantity is not None and row.standard is not None:
            expected = (row.quantity * row.standard).quantize(CENT, rounding=ROUND_HALF_UP)
            if abs(expected - row.amount) > CENT:
                self.add(row, "amount", WARNING, "amount_calc",
                         f"金额 {format_amount(row.amount)} 与 数量×标准（{format_number(row.quantity)}×"
                         f"{format_number(row.standard)}={format_amount(expected)}）不一致，请核对")

    def check_id(self, row: RosterRow) -> None:
        text = row.values.get("id_number", "")
        if not self.id_wanted:
            return
        if not text:
            # A template printing the ID when the roster has the column wants it on every row then.
            wanted = "id_number" in self.tpl.required or "id_number" in self.tpl.optional
            level = ERROR if wanted else WARNING
            self.add(row, "id_number", level, "id_missing", "身份证号为空")
            return
        if row.id_from_number:
            self.bad_ids.add(row.no)
            self.add(row, "id_number", ERROR, "id_numeric",
                     "身份证号在 Excel 里存成了数字（显示为 4.20102E+17 这类科学计数法，或末几位变成 0）。"
                     "Excel 只保留 15 位有效数字，后几位已经丢失，无法恢复。请从原系统重新导出，"
                     "导出前把身份证号列设置为“文本”格式（或在号码前加英文单引号 '）")
            return
        problem = None if _id_ok(text) else id_problem(text)
        if problem:
            self.bad_ids.add(row.no)
            code = ("id_sci" if "科学计数法" in problem
                    else "id_truncated" if "截断" in problem else "id_invalid")
            if len(text) == 15 and text.isdigit():
                problem = "这是 15 位的旧身份证号，请换成 18 位的身份证号"
            self.add(row, "id_number", ERROR, code, problem)

    def check_amount(self, row: RosterRow) -> None:
        text = row.values.get("amount", "")
        row.amount = None
        if not text:
            self.add(row, "amount", ERROR, "amount_missing", "金额为空")
            return
        d = parse_decimal(text)
        if d is None:
            self.add(row, "amount", ERROR, "amount_invalid", f"金额「{text}」不是数字")
            return
        q = d.quantize(CENT, rounding=ROUND_HALF_UP)
        if q < 0:
            self.add(row, "amount", ERROR, "amount_negative", f"金额 {text} 是负数")
            return
        if q == 0:
            self.add(row, "amount", ERROR, "amount_zero", "金额为 0：未发放的人员不应出现在发放结果公示中")
            return
        if q != d:
            self.add(row, "amount", WARNING, "amount_precision",
                     f"金额 {text} 超过两位小数，已按四舍五入取到分：{format_amount(q)}")
        row.amount = q

    def number(self, row: RosterRow, field: str) -> Decimal | None:
        text = row.values.get(field, "")
        if not text:
            return None
        d = parse_decimal(text, lenient=True)
        if d is None:
            self.add(row, field, WARNING, f"{field}_invalid",
                     f"{LABELS[field]}「{text}」不是数字，将按原文打印")
        return d

    def duplicates(self) -> None:
        seen: dict[tuple[str, str], RosterRow] = {}
        for row in self.roster.person_rows():
            if not row.name and not row.id_number:
                continue
            # A broken ID (digits lost by Excel) may be shared by different people: use the name then.
            who = row.id_number if row.id_number and row.no not in self.bad_ids else \
                f"{row.name}|{row.village or row.get('village')}|{row.group}"
            key = (who, row.item)
            first = seen.get(key)
            if first is None:
                seen[key] = row
                continue
            where_first = (f"第 {first.line} 行" if first.sheet == row.sheet
                           else f"工作表「{first.sheet}」第 {first.line} 行")
            self.add(row, "id_number" if row.id_number else "name", ERROR, "duplicate",
                     f"与{where_first}重复：同一人（{row.name}）同一{self.tpl.item_label}"
                     f"（{row.item or '未写'}）出现两次。请删除重复行或将其排除")

    def totals(self) -> None:
        """合计/小计 lines: the sum of the person rows they cover must equal the stated figure."""
        since_sheet: list[RosterRow] = []
        since_total: list[RosterRow] = []
        sheet = None
        for row in self.roster.rows:
            if row.sheet != sheet:
                sheet, since_sheet, since_total = row.sheet, [], []
            if row.kind == PERSON:
                if row.no not in self.roster.excluded:
                    since_sheet.append(row)
                    since_total.append(row)
                continue
            if row.kind != TOTAL:
                continue
            covered = since_sheet if row.get("scope") == "all" else since_total
            since_total = []
            if row.no in self.roster.excluded:
                continue
            self.check_total(row, covered)

    def check_total(self, row: RosterRow, covered: list[RosterRow]) -> None:
        stated = parse_decimal(row.get("amount"))
        if stated is None:
            return
        actual = sum((r.amount for r in covered if r.amount is not None), Decimal(0))
        villages = tuple(dict.fromkeys(r.village for r in covered if r.village))
        row.amount = stated
        if stated.quantize(CENT, rounding=ROUND_HALF_UP) != actual:
            label = row.get("label") or "合计"
            bad = sum(1 for r in covered if r.amount is None)
            extra = f"（其中 {bad} 行金额有误未计入）" if bad else ""
            self.add(row, "amount", ERROR, "total_mismatch",
                     f"表中「{label}」为 {format_amount(stated)} 元，但上方 {len(covered)} 行金额相加为 "
                     f"{format_amount(actual)} 元{extra}，相差 {format_amount(stated - actual)} 元。"
                     "请核对名册（可能漏行、重复或金额录错）；确认无误后也可把这一合计行排除",
                     villages=villages)


def _id_ok(v: str) -> bool:
    """Fast path for the common valid ID (pii.id_problem explains the others)."""
    if not _ID_SHAPE.fullmatch(v):
        return False
    try:
        date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    return "10X98765432"[sum(map(mul, map(int, v[:17]), _ID_WEIGHTS)) % 11] == v[17]
