"""The statistical tables of the 政府信息公开工作年度报告 (国办公开办函〔2021〕30号 format), from the ledger.

Three tables: 二、主动公开政府信息情况 (第二十条 items, from ledger entries' stat_* fields), 三、收到和处理
政府信息公开申请情况 (from the register, one column per applicant category), 四、行政复议、行政诉讼.
cross_footing() lists every sum that does not add up; an export is refused while there is one.
上年结转 is what last year's exported report carried over (so the two years agree), else the register's count.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from catalog.ledger.appeals import KINDS, PENDING, RESULTS, Appeal
from catalog.ledger.model import STAT_DOCUMENT_ROWS, STAT_FEE_ROW, LedgerEntry
from catalog.ledger.outcomes import OUTCOMES, TOTAL_LABEL
from catalog.ledger.requests import CATEGORIES, InfoRequest

TOTAL = "总计"
COLUMNS = (*CATEGORIES, TOTAL)
NEW, CARRIED_IN, OUTCOME_TOTAL, CARRIED_OUT = "new", "carried_in", "total", "carried_out"
ROW_LABELS = {NEW: "一、本年新收政府信息公开申请数量", CARRIED_IN: "二、上年结转政府信息公开申请数量",
              OUTCOME_TOTAL: TOTAL_LABEL, CARRIED_OUT: "四、结转下年度继续办理"}
RESULTS_HEADING = "三、本年度办理结果"
CROSS_FOOTING_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
# 二、主动公开政府信息情况: (section, value headers, rows)
ACTIVE_SECTIONS = (
    ("第二十条第（一）项", ("本年制发件数", "本年废止件数", "现行有效件数"), ("规章", "行政规范性文件")),
    ("第二十条第（五）项", ("本年处理决定数量",), ("行政许可",)),
    ("第二十条第（六）项", ("本年处理决定数量",), ("行政处罚", "行政强制")),
    ("第二十条第（八）项", ("本年收费金额（单位：万元）",), ("行政事业性收费",)),
)
APPEAL_COLUMNS = (*RESULTS, PENDING, TOTAL)


@dataclass
class AnnualTables:
    year: int
    active: dict[str, dict[str, int | Decimal]]          # row → header → value
    requests: dict[str, dict[str, int]]                   # row key (new, outcome code, …) → column → n
    appeals: dict[str, dict[str, int]]                    # kind → result column → count
    carried_in_source: str = "register"                   # "register" | "report" (last year's export)
    register_carried_in: dict[str, int] = field(default_factory=dict)   # the register's count (messages)

    def request_rows(self) -> list[tuple[str, str, str]]:
        """(key, group, label) in table order: 一、二, the outcome rows, （七）总计, 四."""
        rows = [(NEW, "", ROW_LABELS[NEW]), (CARRIED_IN, "", ROW_LABELS[CARRIED_IN])]
        rows += [(o.code, o.group, o.label) for o in OUTCOMES]
        rows += [(OUTCOME_TOTAL, "", TOTAL_LABEL), (CARRIED_OUT, "", ROW_LABELS[CARRIED_OUT])]
        return rows

    def to_json(self) -> dict:
        return {
            "year": self.year,
            "active": [{"section": sec, "row": row, "values": {h: _num(self.active[row][h]) for h in heads}}
                       for sec, heads, rows in ACTIVE_SECTIONS for row in rows],
            "requests": {"columns": list(COLUMNS), "carried_in_source": self.carried_in_source,
                         "rows": [{"key": k, "group": g, "label": lab, "values": self.requests[k]}
                                  for k, g, lab in self.request_rows()]},
            "appeals": {"columns": list(APPEAL_COLUMNS),
                        "rows": [{"kind": k, "values": self.appeals[k]} for k in KINDS]},
        }

    def carried_out(self) -> dict[str, int]:
        return dict(self.requests[CARRIED_OUT])


def _num(v: int | Decimal) -> int | str:
    return str(v) if isinstance(v, Decimal) else v


def build_tables(year: int, *, entries: Sequence[LedgerEntry], requests: Sequence[InfoRequest],
                 appeals: Sequence[Appeal], previous: dict | None = None,
                 valid_counts: dict[str, int] | None = None) -> AnnualTables:
    """Fill the three tables for `year`.

    previous: the figures stored when last year's report was exported ({"carried_out": {column: n}});
    valid_counts: 现行有效件数 given by the clerk (row → n), overriding the ledger's running count.
    """
    first, last = date(year, 1, 1), date(year, 12, 31)
    rows, source, register_in = _requests(requests, first, last, previous)
    return AnnualTables(year, _active(entries, first, last, valid_counts or {}), rows,
                        _appeals(appeals, first, last),
                        carried_in_source=source, register_carried_in=register_in)


def _active(entries: Sequence[LedgerEntry], first: date, last: date,
            valid_counts: dict[str, int]) -> dict[str, dict[str, int | Decimal]]:
    out: dict[str, dict[str, int | Decimal]] = {}
    for _sec, heads, rows in ACTIVE_SECTIONS:
        for row in rows:
            out[row] = {h: (Decimal(0) if row == STAT_FEE_ROW else 0) for h in heads}
    for e in entries:
        if not e.stat_row or e.published is None or e.published > last:
            continue
        values = out[e.stat_row]
        this_year = e.published >= first
        if e.stat_row in STAT_DOCUMENT_ROWS:
            sign = 1 if e.stat_action != "废止" else -1
            values["现行有效件数"] += sign * e.stat_count
            if this_year:
                values["本年制发件数" if sign > 0 else "本年废止件数"] += e.stat_count
        elif this_year and e.stat_row == STAT_FEE_ROW:
            values["本年收费金额（单位：万元）"] += e.stat_amount or Decimal(0)
        elif this_year:
            values["本年处理决定数量"] += e.stat_count
    for row, n in valid_counts.items():
        out[row]["现行有效件数"] = n
    return out


def _requests(requests: Sequence[InfoRequest], first: date, last: date, previous: dict | None
              ) -> tuple[dict[str, dict[str, int]], str, dict[str, int]]:
    rows = {k: dict.fromkeys(COLUMNS, 0) for k in (NEW, CARRIED_IN, OUTCOME_TOTAL, CARRIED_OUT)}
    rows.update({o.code: dict.fromkeys(COLUMNS, 0) for o in OUTCOMES})
    register_in = dict.fromkeys(COLUMNS, 0)

    for r in requests:
        cat = r.category
        if first <= r.received <= last:
            rows[NEW][cat] += 1
        elif r.received < first and (r.reply_on is None or r.reply_on >= first):
            register_in[cat] += 1
        if r.received <= last and r.reply_on and first <= r.reply_on <= last:
            assert r.reply_type is not None          # validate_request: a reply always has its type
            rows[r.reply_type][cat] += 1
        if r.received <= last and (r.reply_on is None or r.reply_on > last):
            rows[CARRIED_OUT][cat] += 1
    source = "register"
    if previous and isinstance(previous.get("carried_out"), dict):
        rows[CARRIED_IN] = {c: int(previous["carried_out"].get(c, 0)) for c in COLUMNS}
        source = "report"
    else:
        rows[CARRIED_IN] = dict(register_in)
    for c in CATEGORIES:
        rows[OUTCOME_TOTAL][c] = sum(rows[o.code][c] for o in OUTCOMES)
    for key, values in rows.items():
        if not (key == CARRIED_IN and source == "report"):
            values[TOTAL] = sum(values[c] for c in CATEGORIES)
    register_in[TOTAL] = sum(register_in[c] for c in CATEGORIES)
    return rows, source, register_in


def _appeals(appeals: Sequence[Appeal], first: date, last: date) -> dict[str, dict[str, int]]:
    out = {k: dict.fromkeys(APPEAL_COLUMNS, 0) for k in KINDS}
    for a in appeals:
        if first <= a.filed <= last:
            out[a.kind][a.result_at(last)] += 1
            out[a.kind][TOTAL] += 1
    return out


def cross_footing(t: AnnualTables) -> list[str]:
    """Every sum of the tables that does not add up, in Chinese; [] when the tables may be exported."""
    problems = []
    rq = t.requests
    for key, _g, label in t.request_rows():
        values = rq[key]
        total = sum(values[c] for c in CATEGORIES)
        if values[TOTAL] != total:
            problems.append(f"「{_short(label)}」一行：各类申请人合计 {total}，但“总计”列是 {values[TOTAL]}")
    for c in COLUMNS:
        outcomes = sum(rq[o.code][c] for o in OUTCOMES)
        if rq[OUTCOME_TOTAL][c] != outcomes:
            problems.append(f"「{c}」列：办理结果各行合计 {outcomes}，"
                            f"但“（七）总计”是 {rq[OUTCOME_TOTAL][c]}")
        left = rq[NEW][c] + rq[CARRIED_IN][c]
        right = rq[OUTCOME_TOTAL][c] + rq[CARRIED_OUT][c]
        if left != right:
            msg = (f"「{c}」列：本年新收 {rq[NEW][c]} + 上年结转 {rq[CARRIED_IN][c]} = {left}，"
                   f"不等于办理结果总计 {rq[OUTCOME_TOTAL][c]} + 结转下年度 {rq[CARRIED_OUT][c]} = {right}")
            if t.carried_in_source == "report" and t.register_carried_in.get(c) != rq[CARRIED_IN][c]:
                msg += (f"（上年结转取自 {t.year - 1} 年已导出的年报：{rq[CARRIED_IN][c]} 件，"
                        f"而登记簿中上年未办结的是 {t.register_carried_in.get(c, 0)} 件）")
            problems.append(msg)
    for k in KINDS:
        v = t.appeals[k]
        if sum(v[r] for r in (*RESULTS, PENDING)) != v[TOTAL]:
            problems.append(f"行政复议、行政诉讼表「{k}」：各结果之和不等于总计 {v[TOTAL]}")
    for row in STAT_DOCUMENT_ROWS:
        if t.active[row]["现行有效件数"] < 0:
            problems.append(f"主动公开表「{row}」：现行有效件数为 {t.active[row]['现行有效件数']}（废止多于制"
                            "发），请核对台账中的制发/废止记录，或用 --valid 填写实际件数")
    return problems


def _short(label: str) -> str:
    return label.split("、", 1)[-1] if label.startswith(("一、", "二、", "四、")) else label
