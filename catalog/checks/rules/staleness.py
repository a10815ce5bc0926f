"""Staleness of the published catalog: never published, or the last version older than 12 months."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from catalog.checks.context import CheckContext
from catalog.checks.engine import CATALOG, WARNING, Hit, rule

MAX_AGE_MONTHS = 12


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has no such day: 3-31 → 2-28)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    m += 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(y, m, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def published_on(version: dict) -> date | None:
    raw = str(version.get("published_at") or "")[:10]
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


@rule("S001", WARNING, "目录从未发布过", population=CATALOG)
def never_published(ctx: CheckContext) -> Iterator[Hit]:
    if not ctx.versions:
        yield Hit("目录还没有发布过任何版本", "检查无误后发布版本"
                                  "（文件 › 发布版本…；命令行用 publish 命令），并在政府网站和公开栏公开",
                  field="versions")


@rule("S002", WARNING, "最近一次发布已超过12个月", population=CATALOG)
def published_long_ago(ctx: CheckContext) -> Iterator[Hit]:
    dated = [(d, v) for d, v in ((published_on(v), v) for v in ctx.versions) if d is not None]
    if not dated:
        return
    last, version = max(dated, key=lambda dv: dv[0])
    if last < months_before(ctx.today, MAX_AGE_MONTHS):
        yield Hit(f"目录最近一次发布是 {last.isoformat()}（第 {version.get('no')} 版），已超过 "
                  f"{MAX_AGE_MONTHS} 个月",
                  "按标准指引和本镇变化更新目录，检查后重新发布", field="versions")
