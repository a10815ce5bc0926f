"""The standard 公开渠道和载体 list: order, normalisation of variants, and which reach villagers offline."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# The 13 standard channels in the order every standard table prints them.
STANDARD_CHANNELS: tuple[str, ...] = (
    "政府网站", "政府公报", "两微一端", "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点",
    "政务服务中心", "便民服务站", "入户/现场", "社区/企事业单位/村公示栏(电子屏)", "精准推送", "其他",
)
OTHER = "其他"
_RANK = {name: i for i, name in enumerate(STANDARD_CHANNELS)}

# Channels a villager without internet still meets: in person, on paper, on a board, on air.
# 政府网站/政府公报/两微一端 need a screen and a connection; 其他 and domain-specific ones are unknown,
# so they do not count (a check must not assume a reach nobody wrote down).
OFFLINE_CHANNELS = frozenset({
    "发布会/听证会", "广播电视", "纸质媒体", "公开查阅点", "政务服务中心", "便民服务站", "入户/现场",
    "社区/企事业单位/村公示栏(电子屏)", "精准推送",
})

# Variants seen in county and township tables, keyed by their compact form (see _key).
_VARIANTS: dict[str, str] = {}


def _add(standard: str, *variants: str) -> None:
    for v in (standard, *variants):
        _VARIANTS[_key(v)] = standard


def _key(text: str) -> str:
    """Compact comparison form: NFKC (full-width → half-width), no spaces, 其它 → 其他."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).replace("其它", "其他")


_add("政府网站", "政府门户网站", "门户网站", "政府网", "人民政府网站", "政府信息公开网站")
_add("政府公报", "公报")
_add("两微一端", "两微一端(微博、微信、客户端)", "政务新媒体", "两微一端新媒体", "微博微信客户端")
_add("发布会/听证会", "发布会听证会", "发布会、听证会", "发布会,听证会", "新闻发布会", "发布会", "听证会",
     "新闻发布会/听证会")
_add("广播电视", "广播、电视", "广播/电视", "广播", "电视")
_add("纸质媒体", "纸媒", "报刊", "报纸", "纸质媒介")
_add("公开查阅点", "查阅点", "政府信息公开查阅点", "信息公开查阅点", "公共查阅点", "政务公开查阅点")
_add("政务服务中心", "政府服务中心", "政务服务大厅", "政务大厅", "行政服务中心", "政务中心")
_add("便民服务站", "便民服务点", "村便民服务站", "便民服务站点", "村(社区)便民服务站")
_add("入户/现场", "入户现场", "入户、现场", "入户", "现场")
_add("社区/企事业单位/村公示栏(电子屏)", "社区/企事业单位/村公示栏", "村公示栏", "公示栏", "社区公示栏",
     "村务公开栏", "村务公示栏", "公开栏", "公告栏", "电子屏", "村(居)公示栏",
     "社区/企事业单位/村公示栏(电子显示屏)",
     "社区、企事业单位、村公示栏(电子屏)", "社区/企事业单位/村公示栏、电子屏")
_add("精准推送", "短信推送", "精准推送(短信)")
_add(OTHER)

_OTHER_WITH_TEXT = re.compile(r"^其他\s*(?:[:：]\s*(?P<a>.+)|[(（](?P<b>.+)[)）])$")


def normalize_channel(text: str) -> str:
    """The standard name for a channel variant; '其他:文字' keeps its text; unknown names come back trimmed.

    >>> normalize_channel("政府服务中心"), normalize_channel("其他：基层公共服务平台")
    ('政务服务中心', '其他:基层公共服务平台')
    """
    raw = text.strip()
    key = _key(raw)
    if key in _VARIANTS:
        return _VARIANTS[key]
    m = _OTHER_WITH_TEXT.match(raw.replace("其它", "其他"))
    if m:
        extra = (m.group("a") or m.group("b") or "").strip()
        return f"{OTHER}:{extra}" if extra else OTHER
    return re.sub(r"\s+", " ", raw)


def standard_base(channel: str) -> str | None:
    """The standard channel a (normalised) channel sits under: '其他:x' → 其他; domain-specific → None."""
    if channel in _RANK:
        return channel
    if channel.startswith(OTHER + ":"):
        return OTHER
    return None


def is_standard(channel: str) -> bool:
    """True for the 13 standard channels (including '其他:文字')."""
    return standard_base(channel) is not None


def other_text(channel: str) -> str | None:
    """The text of '其他:文字' ('文字'), else None."""
    return channel[len(OTHER) + 1:] if channel.startswith(OTHER + ":") else None


def normalize_channels(channels: Iterable[str]) -> tuple[str, ...]:
    """Normalise, drop blanks and duplicates, and sort: standard order first, then domain-specific ones
    in the order they came."""
    seen: dict[str, int] = {}
    for i, ch in enumerate(channels):
        name = normalize_channel(ch)
        if name and name not in seen:
            seen[name] = i
    return tuple(sorted(seen, key=lambda n: channel_sort_key(n, seen[n])))


def channel_sort_key(channel: str, position: int = 0) -> tuple[int, int]:
    """Sort key: standard rank (其他:x with 其他), domain-specific after all standard ones by position."""
    base = standard_base(channel)
    return (_RANK[base], position) if base else (len(STANDARD_CHANNELS), position)


def domain_specific(channels: Iterable[str]) -> tuple[str, ...]:
    """The channels that are not among the 13 standard ones, in their order."""
    return tuple(ch for ch in channels if not is_standard(ch))


def reaches_villagers_offline(channel: str) -> bool:
    """Whether a villager without internet is reached by this channel (board, paper, radio, in person, SMS).

    Online-only channels (政府网站, 政府公报, 两微一端), 其他 and domain-specific channels give False.
    """
    return normalize_channel(channel) in OFFLINE_CHANNELS


def any_offline(channels: Iterable[str] | None) -> bool:
    """True when at least one channel reaches villagers offline (None = unknown → False)."""
    return channels is not None and any(reaches_villagers_offline(ch) for ch in channels)
