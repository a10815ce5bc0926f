"""`guides import|diff|accept|export|versions`: guides as living data (imported official tables)."""
from __future__ import annotations

import argparse

from catalog.errors import KnownError
from cli.context import open_catalog, shipped_guides
from cli.output import print_json, print_table


def run(action: str, rest: list[str], args: argparse.Namespace) -> int:
    return {"import": _import, "diff": _diff, "accept": _accept, "export": _export,
            "export-package": _export_package, "versions": _versions}[action](rest, args)


def _need(rest: list[str], count: int, usage: str) -> list[str]:
    if len(rest) != count:
        raise KnownError(f"用法：python main.py --db 工作区 guides {usage}")
    return rest


def _import(rest: list[str], args: argparse.Namespace) -> int:
    from catalog.guides.importer import import_guide_file
    (file,) = _need(rest, 1, "import FILE [--domain 领域] [--source 来源]")
    from catalog.guides.package import sniff_guide_package
    if sniff_guide_package(file):
        return _import_package(file, args)
    cat = open_catalog(args)
    try:
        result = import_guide_file(cat, file, domain=args.domain, source=args.source)
    finally:
        cat.close()
    rows = [{"no": g.no, "domain": g.domain, "version": g.version, "items": len(g.active_items),
             "withdrawn": len(g.items) - len(g.active_items)} for g in result.imported]
    if args.json:
        print_json({"imported": rows})
    else:
        for r in rows:
            print(f"已导入「{r['domain']}」第 {r['version']} 版：{r['items']} 项"
                  + (f"（{r['withdrawn']} 项在新表中已删除，保留为“已撤销”）" if r["withdrawn"] else ""))
        print("下一步：guides diff 领域名 查看新版指引对本镇目录的影响。")
    return 0


def _import_package(file: str, args: argparse.Namespace) -> int:
    """A county's .gkmlg: every domain that differs becomes the next guide version, all or nothing."""
    from catalog.guides.completeness import completeness_of
    from catalog.guides.package import import_guide_package
    cat = open_catalog(args)
    try:
        pkg, imported, unchanged = import_guide_package(cat, file)
    finally:
        cat.close()
    rows = [{"no": g.no, "domain": g.domain, "version": g.version, "items": len(g.active_items),
             "withdrawn": len(g.items) - len(g.active_items), **completeness_of(g).as_json()}
            for g in imported]
    if args.json:
        print_json({"imported": rows,
                    "package": {"county": pkg.county, "issued": pkg.issued, "file": pkg.file},
                    "unchanged": [g.domain for g in unchanged]})
    else:
        print(f"已导入{pkg.county}下发的指引包（{pkg.issued}）：{len(rows)} 个领域有新版本，"
              f"{len(unchanged)} 个领域与现有指引相同。")
        for r in rows:
            print(f"  「{r['domain']}」第 {r['version']} 版：{r['items']} 项，√ 未知 {r['unknown_marks']} 项")
        print("下一步：guides diff 领域名 查看新版指引对本镇目录的影响；没有目录时用 compile 编制。")
    return 0


def _export_package(rest: list[str], args: argparse.Namespace) -> int:
    from catalog.guides.package import write_guide_package
    (out,) = _need(rest, 1, "export-package OUT.gkmlg [--domains 领域,…] [--county 某县]")
    names = [n for n in args.domains.replace("，", ",").split(",") if n.strip()]
    county = args.county.strip()
    if getattr(args, "db", None):
        cat = open_catalog(args)
        try:
            guides = cat.guides
            t = cat.township()
            county = county or (t.county if t else "")
        finally:
            cat.close()
    else:
        guides = shipped_guides()
    chosen = guides.resolve(names) if names else list(guides)
    path = write_guide_package(chosen, out, county=county)
    if args.json:
        print_json({"file": str(path), "county": county, "domains": [g.domain for g in chosen]})
    else:
        print(f"已导出 {len(chosen)} 个领域的指引到 {path}（{county}）。各乡镇用 guides import 导入，"
              "或在新建目录向导第 1 步选择“从县里下发的指引包开始”。")
    return 0


def _diff(rest: list[str], args: argparse.Namespace) -> int:
    (domain,) = _need(rest, 1, "diff 领域名")
    cat = open_catalog(args)
    try:
        changes = cat.guide_changes(domain)
        guide = cat.guides.find(domain)
    finally:
        cat.close()
    if args.json:
        print_json({"domain": guide.domain, "version": guide.version,
                    "changes": [c.to_json() for c in changes]})
    elif not changes:
        print(f"「{guide.domain}」：本镇目录与生效的指引（第 {guide.version} 版）一致。")
    else:
        for c in changes:
            print("\n".join(c.describe()))
    return 0


def _accept(rest: list[str], args: argparse.Namespace) -> int:
    (domain,) = _need(rest, 1, "accept 领域名 [--item 编号 ...]")
    cat = open_catalog(args)
    try:
        changes = cat.guide_changes(domain)
        wanted = set(args.item)
        unknown = wanted - {c.uid for c in changes}
        if unknown:
            raise KnownError(f"这些事项没有待接受的变化：{'、'.join(sorted(unknown))}")
        chosen = [c for c in changes if not wanted or c.uid in wanted]
        with cat.ws.atomic():
            for c in chosen:
                cat.accept_guide_change(domain, c)
    finally:
        cat.close()
    print(f"已接受 {len(chosen)} 项变化。")
    return 0


def _export(rest: list[str], args: argparse.Namespace) -> int:
    from catalog.guides.importer import export_guide
    domain, out = _need(rest, 2, "export 领域名 OUT.xlsx")
    if getattr(args, "db", None):
        cat = open_catalog(args)
        try:
            guide = cat.guides.find(domain)
        finally:
            cat.close()
    else:
        guide = shipped_guides().find(domain)
    export_guide(guide, out)
    print(f"已导出「{guide.domain}」标准指引到 {out}")
    return 0


def _versions(rest: list[str], args: argparse.Namespace) -> int:
    cat = open_catalog(args)
    try:
        no = cat.guides.find(rest[0]).no if rest else None
        rows = cat.guide_versions(no)
        names = {g.no: g.domain for g in cat.guides}
    finally:
        cat.close()
    if args.json:
        print_json([{**r, "domain": names.get(r["domain_no"], "")} for r in rows])
    else:
        print_table(["领域", "版本", "导入时间", "来源", "文件"],
                    [[names.get(r["domain_no"], ""), r["version"], r["imported_at"], r["source"], r["file"]]
                     for r in rows])
    return 0
