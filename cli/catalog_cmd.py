"""Township catalog commands: init, compile, show, domain, publish, diff, backup, restore."""
from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from catalog.errors import KnownError
from catalog.model import MARK_COLUMNS, mark_text
from catalog.township.items import STATUS_TEXT
from catalog.township.profile import Township, read_villages_file
from cli.context import db_path, open_catalog
from cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("init", help="新建工作区并填写乡镇信息")
    p.add_argument("--township", required=True, help="乡镇/街道名称，如 某镇")
    p.add_argument("--county", required=True, help="所属县（市、区），如 某县")
    p.add_argument("--code", required=True, help="12 位行政区划代码，如 420102001000")
    p.add_argument("--villages", metavar="FILE",
                   help="村/社区名单：每行 名称 或 名称,代码（UTF-8/GBK 文本或 xlsx）")
    p.add_argument("--phone", default="", help="办公电话")
    p.add_argument("--supervise-phone", default="", help="监督举报电话（印在公示上）")
    p.add_argument("--contact", default="", help="联系人")
    p.set_defaults(handler=run_init)

    p = sub.add_parser("compile", help="从标准指引编制（补充）目录；重复执行只补充新增事项，不覆盖修改")
    p.add_argument("--domains", help="只编制这些领域，逗号分隔，如 涉农补贴,社会救助")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_compile)

    p = sub.add_parser("show", help="显示当前目录")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_show)

    p = sub.add_parser("domain", help="标记某领域涉及/不涉及（不涉及须写原因）")
    p.add_argument("name", help="领域名，如 税收管理")
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--not-involved", metavar="REASON", help="标记为不涉及，并给出原因")
    g.add_argument("--involved", action="store_true", help="标记为涉及")
    p.set_defaults(handler=run_domain)

    p = sub.add_parser("publish", help="把当前目录发布为新的版本（发布后不可更改）")
    p.add_argument("--note", default="", help="版本说明")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_publish)

    p = sub.add_parser("versions", help="列出已发布的版本")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_versions)

    p = sub.add_parser("diff", help="比较两个版本（版本号，或 current 表示当前未发布的目录）")
    p.add_argument("v1")
    p.add_argument("v2")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=run_diff)

    p = sub.add_parser("backup", help="备份工作区")
    p.add_argument("out", nargs="?", help="备份文件路径（默认放在工作区旁的 .backups 文件夹）")
    p.set_defaults(handler=run_backup)

    p = sub.add_parser("restore", help="用备份文件恢复工作区（当前文件会另存）")
    p.add_argument("file", nargs="?", help="备份文件；不给出时列出可用备份")
    p.set_defaults(handler=run_restore)


def run_init(args: argparse.Namespace) -> int:
    villages = read_villages_file(args.villages) if args.villages else ()
    if villages:   # checked here so that every message names the file
        from catalog.township.profile import validate_villages
        villages = validate_villages(villages, township_code=args.code.strip(), file=Path(args.villages).name)
    draft = Township(args.township, args.county, args.code, args.contact, args.phone,
                     args.supervise_phone, villages)
    from catalog.township.profile import validate_township
    township = validate_township(draft)  # before the file is created: bad input writes nothing
    cat = open_catalog(args, create=True)
    try:
        cat.save_township(township)
    finally:
        cat.close()
    print(f"已创建工作区 {db_path(args)}：{township.county}{township.name}（{township.code}），"
          f"村/社区 {len(township.villages)} 个。下一步：compile")
    return 0


def run_compile(args: argparse.Namespace) -> int:
    cat = open_catalog(args)
    try:
        names = [n for n in (args.domains or "").replace("，", ",").split(",") if n.strip()]
        plan = cat.compile(names or None)
    finally:
        cat.close()
    result = {"added": len(plan.added), "pending_level": len(plan.pending), "already": plan.already,
              "county_only": len(plan.county_only),
              "added_ids": [i.uid for i in plan.added]}
    if args.json:
        print_json(result)
    else:
        print(f"新增 {result['added']} 项（其中 {result['pending_level']} 项标准指引未注明层级，"
              f"标为“层级待确认”，用 decide 查看建议并批量决定）；已有 {result['already']} 项保持不变；"
              f"{result['county_only']} 项仅为县级事项，未纳入。")
    return 0


def item_json(cat, item) -> dict:
    t = item.text
    return {"uid": item.uid, "domain_no": item.domain_no, "domain": cat.guide_name(item.domain_no),
            "guide_item_id": item.guide_item_id, "local": item.local, "status": item.status,
            "status_text": STATUS_TEXT[item.status], "na_reason": item.na_reason,
            "level1": t.level1, "level2": t.level2, "content": list(t.content), "basis": list(t.basis),
            "time_limit": t.time_limit, "subject": t.subject, "origin_subject": item.origin_subject,
            "channels": None if t.channels is None else list(t.channels), **t.marks.as_dict()}


def run_show(args: argparse.Namespace) -> int:
    cat = open_catalog(args)
    try:
        township = cat.require_township()
        items = cat.items()
        choices = cat.domain_choices()
        if args.json:
            print_json({
                "township": {"name": township.name, "county": township.county, "code": township.code,
                             "villages": [{"name": v.name, "code": v.code} for v in township.villages]},
                "domains": [{"no": g.no, "domain": g.domain, "applies": choices.get(g.no, (True, ""))[0],
                             "reason": choices.get(g.no, (True, ""))[1]} for g in cat.guides],
                "items": [item_json(cat, i) for i in items],
            })
            return 0
        print(f"{township.county}{township.name}政务公开事项标准目录（当前工作稿，{len(items)} 项）")
        rows = []
        for i in items:
            marks = i.text.marks.as_dict()
            rows.append([i.uid, cat.guide_name(i.domain_no), i.title, STATUS_TEXT[i.status],
                         "".join(mark_text(marks[n]) or "·" for n, _, _ in MARK_COLUMNS)])
        print_table(["编号", "领域", "事项", "状态", "对象/方式/层级"], rows)
    finally:
        cat.close()
    return 0


def run_domain(args: argparse.Namespace) -> int:
    from catalog.township.commands import SetDomain
    cat = open_catalog(args)
    try:
        guide = cat.guides.find(args.name)
        cat.do(SetDomain(guide.no, bool(args.involved), args.not_involved or ""))
        print(f"{guide.domain}：{'涉及' if args.involved else '不涉及（' + args.not_involved + '）'}")
    finally:
        cat.close()
    return 0


def run_publish(args: argparse.Namespace) -> int:
    cat = open_catalog(args)
    try:
        no = cat.publish(args.note)
        v = cat.versions()[-1]
    finally:
        cat.close()
    if args.json:
        print_json(v)
    else:
        print(f"已发布第 {no} 版（{v['published_at']}）。")
    return 0


def run_versions(args: argparse.Namespace) -> int:
    cat = open_catalog(args)
    try:
        versions = cat.versions()
    finally:
        cat.close()
    if args.json:
        print_json(versions)
    else:
        print_table(["版本", "发布时间", "说明"], [[v["no"], v["published_at"], v["note"]] for v in versions])
    return 0


def run_diff(args: argparse.Namespace) -> int:
    cat = open_catalog(args)
    try:
        d = cat.diff(args.v1, args.v2)
    finally:
        cat.close()
    if args.json:
        print_json(d.to_json())
    else:
        print("\n".join(d.lines()))
    return 0


def run_backup(args: argparse.Namespace) -> int:
    from catalog.storage.workspace import backup_dir
    path = db_path(args)
    cat = open_catalog(args)
    try:
        default = backup_dir(path) / f"manual-{datetime.now():%Y%m%d-%H%M%S}.db"
        target = Path(args.out) if args.out else default
        cat.ws.backup_to(target)
    finally:
        cat.close()
    print(f"已备份到 {target}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from catalog.storage import list_backups, restore
    path = db_path(args)
    if not args.file:
        backups = list_backups(path)
        if not backups:
            raise KnownError(f"没有找到 {path} 的备份。")
        print("可用的备份（最新在前）：")
        for b in backups:
            print(f"  {b}")
        return 0
    restore(path, args.file)
    print(f"已用 {args.file} 恢复工作区 {path}（原文件已另存为 .before-restore-…）。")
    return 0
