"""A township catalog that uses every feature an export must carry (shared by the export/package/county
tests)."""
from __future__ import annotations

from pathlib import Path

from helpers import TOWNSHIP, new_catalog

from catalog.model import ItemText, Marks
from catalog.township.commands import AddLocalItem, EditItem, SetDomain, mark_not_applicable
from catalog.township.items import comparable
from catalog.township.profile import Township
from catalog.township.service import TownshipCatalog

LOCAL_TEXT = ItemText(
    level1="=本地事项", level2="+村级议事", content=("议事时间", "议事结果", "-参会人员"),
    basis=("@《村民委员会组织法》",), time_limit="会后5个工作日内", subject="某镇人民政府",
    channels=("社区/企事业单位/村公示栏(电子屏)", "其他:镇微信群", "镇广播站"),
    marks=Marks(public=True, specific=False, active=True, on_request=None, county=False, township=True),
)


def rich_catalog(tmp_path: Path, township: Township = TOWNSHIP) -> TownshipCatalog:
    """Compiled catalog with: a 不涉及 domain, a 不适用 item, an edited item with tri-state marks and a
    domain-specific channel, a local item whose text starts with = + - @, pending items left as compiled."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    cat = new_catalog(tmp_path, township=township)
    tax = cat.guides.find("税收管理")
    cat.do(SetDomain(tax.no, False, "本镇不设税务机构，税收事项由县税务局负责"))
    farm = cat.items(cat.guides.find("涉农补贴").no)
    cat.do(mark_not_applicable(farm[-1].uid, "本镇无此项补贴"))
    cat.do(EditItem(farm[0].uid, {"public": None, "specific": True, "on_request": False,
                                  "channels": ["政府网站", "便民服务站", "一卡通平台"],
                                  "time_limit": "信息形成或者变更之日起20个工作日内"}))
    cat.do(AddLocalItem(farm[0].domain_no, LOCAL_TEXT))
    return cat


def normalized_items(cat: TownshipCatalog) -> list[tuple]:
    """(uid, domain, fields) of every item, channels normalized as any table reader normalizes them."""
    from catalog.channels import normalize_channels
    out = []
    for i in cat.items():
        d = comparable(i)
        if d["channels"] is not None:
            d["channels"] = list(normalize_channels(d["channels"]))
        d["time_limit"] = d["time_limit"] or None
        out.append((i.domain_no, i.position, d))
    return out
