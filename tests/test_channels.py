"""Standard channel list: order, normalisation of variants, offline reach."""
from __future__ import annotations

from catalog.channels import (
    STANDARD_CHANNELS,
    any_offline,
    domain_specific,
    is_standard,
    normalize_channel,
    normalize_channels,
    other_text,
    reaches_villagers_offline,
    standard_base,
)


def test_standard_order_is_the_published_one():
    assert STANDARD_CHANNELS == (
        "政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
        "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏(电子屏)", "精准推送", "其他")


def test_variants_seen_in_data_normalise():
    assert normalize_channel("政府服务中心") == "政务服务中心"
    assert normalize_channel("发布会听证会") == "发布会/听证会"
    assert normalize_channel("村公示栏") == "社区/企事业单位/村公示栏(电子屏)"
    assert normalize_channel("公示栏") == "社区/企事业单位/村公示栏(电子屏)"
    assert normalize_channel("社区/企事业单位/村公示栏（电子屏）") == "社区/企事业单位/村公示栏(电子屏)"
    assert normalize_channel(" 政府网站 ") == "政府网站"
    assert normalize_channel("入户、现场") == "入户/现场"


def test_other_keeps_its_text():
    assert normalize_channel("其他:基层公共服务平台") == "其他:基层公共服务平台"
    assert normalize_channel("其他：基层公共服务平台") == "其他:基层公共服务平台"
    assert normalize_channel("其它（法律服务网）") == "其他:法律服务网"
    assert normalize_channel("其他") == "其他"
    assert standard_base("其他:法律服务网") == "其他"
    assert other_text("其他:法律服务网") == "法律服务网"
    assert other_text("政府网站") is None


def test_domain_specific_kept_after_standard_in_their_order():
    got = normalize_channels(["投资项目在线审批监管平台", "村公示栏", "公共资源交易平台", "政府网站",
                              "其他:基层公共服务平台", "政府服务中心", "政府网站"])
    assert got == ("政府网站", "政务服务中心", "社区/企事业单位/村公示栏(电子屏)", "其他:基层公共服务平台",
                   "投资项目在线审批监管平台", "公共资源交易平台")
    assert domain_specific(got) == ("投资项目在线审批监管平台", "公共资源交易平台")
    assert is_standard("其他:x") and not is_standard("公共资源交易平台")


def test_unknown_names_come_back_trimmed_not_guessed():
    assert normalize_channel("  《中国财经报》(《中国政府采购报》) ") == "《中国财经报》(《中国政府采购报》)"
    assert normalize_channels(["", "  "]) == ()


def test_offline_reach():
    assert reaches_villagers_offline("村公示栏")
    assert reaches_villagers_offline("入户/现场")
    assert reaches_villagers_offline("广播电视")
    assert not reaches_villagers_offline("政府网站")
    assert not reaches_villagers_offline("两微一端")
    assert not reaches_villagers_offline("其他:基层公共服务平台")
    assert not reaches_villagers_offline("投资项目在线审批监管平台")
    assert any_offline(["政府网站", "便民服务站"])
    assert not any_offline(["政府网站"])
    assert not any_offline(None)


def test_every_channel_in_the_shipped_guides_is_standard_or_kept(guides):
    for g in guides:
        for it in g.items:
            for ch in it.text.channels or ():
                name = normalize_channel(ch)
                assert name.strip() == name and name
