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


def main() -> int:
    DST.mkdir(parents=True, exist_ok=True)
    for path in sorted(SRC.glob("[0-9][0-9]_*.json")):
        out = convert(json.loads(path.read_text(encoding="utf-8")))
        (DST / path.name).write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"converted {len(list(DST.glob('*.json')))} guides into {DST}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
