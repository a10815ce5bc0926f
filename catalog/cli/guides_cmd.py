"""`guides`: list the 26 domains, or print one guide's items."""
from __future__ import annotations

import argparse

from ..guides import Guide, GuideItem
from ..model import MARK_COLUMNS, mark_text
from .context import shipped_guides
from .output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("guides", help="标准指引：列出 26 个领域，或显示某领域的事项",
                       description="不带参数列出 26 个试点领域；给出领域名（如 涉农补贴）显示该领域的事项。")
    p.add_argument("domain", nargs="?", help="领域名、序号或拼音（如 涉农补贴、17、shenong_butie）")
    p.add_argument("--json", action="store_true", help="输出 JSON（UTF-8）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    guides = shipped_guides()
    if not args.domain:
        rows = [domain_summary(g) for g in guides]
        if args.json:
            print_json(rows)
        else:
            print_table(["序号", "领域", "事项数", "数据完整性"],
                        [[f"{r['no']:02d}", r["domain"], r["items"], r["completeness_text"]] for r in rows])
            print(f"\n共 {len(rows)} 个领域、{sum(r['items'] for r in rows)} 项事项。"
                  "提示：随软件提供的指引数据不完整，可用正式文件导入完整表格。")
        return 0
    guide = guides.find(args.domain)
    if args.json:
        print_json({**domain_summary(guide), "items": [item_json(it) for it in guide.active_items]})
        return 0
    print(f"{guide.title}（{guide.completeness.describe()}）")
    for it in guide.active_items:
        print_item(it)
    return 0


def domain_summary(g: Guide) -> dict:
    c = g.completeness
    return {"no": g.no, "domain": g.domain, "slug": g.slug, "title": g.title, "items": len(g.active_items),
            "completeness": c.status, "completeness_text": c.describe(), "version": g.version}


def item_json(it: GuideItem) -> dict:
    t = it.text
    return {"id": it.id, "seq": it.seq, "level1": t.level1, "level2": t.level2, "content": list(t.content),
            "basis": list(t.basis), "time_limit": t.time_limit, "subject": t.subject,
            "channels": None if t.channels is None else list(t.channels), **t.marks.as_dict(),
            "confidence": it.confidence, "remark": it.remark}


def print_item(it: GuideItem) -> None:
    t = it.text
    unknown = "（未知）"
    print(f"\n[{it.id}] {t.title}")
    print(f"  公开内容：{'；'.join(t.content) or unknown}")
    print(f"  公开依据：{'；'.join(t.basis) or unknown}")
    print(f"  公开时限：{t.time_limit or unknown}")
    print(f"  公开主体：{t.subject or unknown}")
    print(f"  公开渠道：{'、'.join(t.channels) if t.channels is not None else unknown}")
    marks = t.marks.as_dict()
    print("  " + "  ".join(f"{label}:{mark_text(marks[name])}" for name, _, label in MARK_COLUMNS)
          + "   （? 表示来源未显示）")
