"""Convert the gathered reference guides (../shared/reference/guides) into standards/guides.

Run by a developer when the reference data changes; the app itself only reads standards/.
Adds the stable item IDs (NN-SSS) and the completeness marker; values are copied as they are,
unknown (null) stays unknown.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT.parent / "shared" / "reference" / "guides"
DST = ROOT / "standards" / "guides"

ITEM_KEYS = ("seq", "level1", "level2", "content", "basis", "time_limit", "subject", "channels",
             "audience", "mode", "level", "confidence", "remark")


def convert(doc: dict) -> dict:
    no = doc["no"]
    items = []
    for it in doc["items"]:
        item = {"id": f"{no:02d}-{it['seq']:03d}"}
        item.update({k: it.get(k) for k in ITEM_KEYS})
        if item["remark"] is None:
            item["remark"] = ""
        items.append(item)
    return {
        "format": 1,
        "no": no,
        "slug": doc["slug"],
        "domain": doc["domain"],
        "guide_title": doc["guide_title"],
        "issuer": doc["issuer"],
        "issued": doc["issued"],
        # Every shipped guide comes from partial public copies: say so, with the sources.
        "completeness": {
            "status": "partial",
            "known_items": len(items),
            "source": "公开网络副本整理（国家指引副本及各地县级目录），仅含可核实的前若干行",
        },
        "sources": doc["sources"],
        "notes": doc["notes"],
        "items": items,
    }


def id_problems(old: dict, new: dict) -> list[str]:
    """IDs are stable: every ID already shipped must still be there and name the same (一级, 二级) item."""
    names = {it["id"]: (it["level1"], it["level2"]) for it in new["items"]}
    out = []
    for it in old.get("items", []):
        if it["id"] not in names:
            out.append(f"{it['id']} {it['level1']}／{it['level2']} disappeared")
        elif names[it["id"]] != (it["level1"], it["level2"]):
            out.append(f"{it['id']} was {it['level1']}／{it['level2']}, now {'／'.join(names[it['id']])}")
    return out


def main() -> int:
    DST.mkdir(parents=True, exist_ok=True)
    converted = {}
    problems = []
    for path in sorted(SRC.glob("[0-9][0-9]_*.json")):
        out = convert(json.loads(path.read_text(encoding="utf-8")))
        target = DST / path.name
        if target.exists():
            shipped = json.loads(target.read_text(encoding="utf-8"))
            problems += [f"{path.name}: {p}" for p in id_problems(shipped, out)]
        converted[target] = out
    if problems:      # a renumbered reference file would silently re-point catalogs' items: refuse
        print("IDs would change; nothing written:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 1
    for target, out in converted.items():
        target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"converted {len(list(DST.glob('*.json')))} guides into {DST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
