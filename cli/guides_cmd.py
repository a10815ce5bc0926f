"""`guides`: list the 26 domains, or print one guide's items."""
from __future__ import annotations

import argparse

from catalog.errors import KnownError
from catalog.guides.shipped import Guide, GuideItem
from catalog.model import MARK_COLUMNS, mark_text
from cli.context import open_catalog, shipped_guides
from cli.output import print_json, print_table

ACTIONS = ("import", "diff", "accept", "export", "export-package", "versions")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "guides", help="标准指引：列出领域、显示事项、导入正式表格、比较与接受变化、导出",
        description="guides                       列出 26 个领域（带 --db 时显示工作区中生效的版本）\n"
                    "guides 涉农补贴               显示该领域的事项\n"
                    "guides import FILE [--domain 涉农补贴] [--source 湖北省2020年版]"
                    "   导入正式表格为新版本\n"
                    "guides diff 涉农补贴          新版指引相对本镇目录的新增/删除/修改\n"
                    "guides accept 涉农补贴 [--item 17-003 ...]   接受变化（不给 --item 则全部接受）\n"
                    "guides export 涉农补贴 OUT.xlsx   按标准格式导出指引\n"
                    "guides versions [涉农补贴]     列出导入的版本\n"
                    "guides export-package OUT.gkmlg [--domains 涉农补贴,社会救助] [--county 某县]\n"
                    "                             把生效的指引导出为一个指引包（县里下发给各乡镇）\n"
                    "guides import FILE.gkmlg      导入县里下发的指引包（全部领域一次导入）",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("args", nargs="*", metavar="ARG",
                   help="领域名，或 import/diff/accept/export/versions 及其参数")
    p.add_argument("--json", action="store_true", help="输出 JSON（UTF-8）")
    p.add_argument("--domain", help="import：把文件导入为这个领域")
    p.add_argument("--source", default="", help="import：来源说明，如 湖北省2020年版")
    p.add_argument("--item", action="append", default=[], help="accept：只接受这些事项的变化（可重复）")
    p.add_argument("--domains", default="", help="export-package：只导出这些领域，逗号分隔（默认全部）")
    p.add_argument("--county", default="", help="export-package：下发指引包的县（默认：工作区的所属县）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.args and args.args[0] in ACTIONS:
        from cli import guides_actions
        return guides_actions.run(args.args[0], args.args[1:], args)
    if len(args.args) > 1:
        raise KnownError(f"多余的参数：{' '.join(args.args[1:])}")
    args.domain_name = args.args[0] if args.args else None
    guides = _guides_for(args)
    if not args.domain_name:
        rows = [domain_summary(g) for g in guides]
        if args.json:
            print_json(rows)
        else:
            print_table(["序号", "领域", "事项数", "√ 未知", "乡级未知", "数据完整性"],
                        [[f"{r['no']:02d}", r["domain"], r["items"], r["unknown_marks"],
                          r["unknown_township"], r["completeness_text"]] for r in rows])
            print(f"\n共 {len(rows)} 个领域、{sum(r['items'] for r in rows)} 项事项。"
                  "提示：随软件提供的指引数据不完整，可用正式文件导入完整表格。")
        return 0
    guide = guides.find(args.domain_name)
    if args.json:
        print_json({**domain_summary(guide), "items": [item_json(it) for it in guide.active_items]})
        return 0
    print(f"{guide.title}（{guide.completeness.describe()}）")
    for it in guide.active_items:
        print_item(it)
    return 0


def _guides_for(args: argparse.Namespace):
    """The shipped guides, or with --db the guides in force in that workspace (imports applied)."""
    if getattr(args, "db", None):
        cat = open_catalog(args)
        try:
            return cat.guides
        finally:
            cat.close()
    return shipped_guides()


def domain_summary(g: Guide) -> dict:
    """Existing keys unchanged; `known_items`, `unknown_marks`, `unknown_township` and `source` (who the
    data comes from: shipped, or imported from whom and when) make completeness visible per domain."""
    from catalog.guides.completeness import completeness_of
    c = g.completeness
    return {"no": g.no, "domain": g.domain, "slug": g.slug, "title": g.title, "items": len(g.active_items),
            "completeness": c.status, "completeness_text": c.describe(), "version": g.version,
            **completeness_of(g).as_json()}


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
