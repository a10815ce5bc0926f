"""Privacy: 特定群体 items online, contents that name personal data, real ID/card/phone numbers in text."""
from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from catalog.channels import normalize_channel, standard_base
from catalog.checks.context import CheckContext
from catalog.checks.engine import ALL_ITEMS, ERROR, WARNING, Hit, rule
from catalog.privacy.pii import KIND_LABELS, find_pii, mask_match

ONLINE_STANDARD = frozenset({"政府网站", "两微一端"})
# Domain-specific channels that are web sites or apps (投资项目在线审批监管平台, 法律服务网, 公众号 …).
_ONLINE_RE = re.compile(r"网|在线|App|APP|app|客户端|公众号|微信|微博|小程序|新媒体|信息公开平台|公示系统")
_PERSONAL_RE = re.compile(r"身份证|银行(卡|账|帐)户?号?|存折号?|社会保障卡号|(家庭|详细|户籍|居住)(住址|"
                          r"地址)|手机号")
_MASKED_RE = re.compile(r"脱敏|隐去|隐藏|屏蔽|遮挡|遮盖|打码|\*|部分号码|后[四4]位|前[六6]位|不予公开|不公开")
_LONG_NUMBER_RE = re.compile(r"\d[\d -]{9,}\d")     # cheap pre-filter: find_pii needs 11+ digits


@lru_cache(maxsize=8192)
def numbers_in(text: str) -> tuple[tuple[str, str], ...]:
    """(kind label, masked number) for each personal number in text; cached (catalog texts repeat)."""
    if not _LONG_NUMBER_RE.search(text):
        return ()
    return tuple((KIND_LABELS[m.kind], mask_match(m)) for m in find_pii(text))


_SNAPSHOT_TEXTS = ("level1", "level2", "content", "basis", "time_limit", "subject", "channels", "na_reason")


def snapshot_personal_numbers(snapshot: dict) -> list[str]:
    """P003 over a snapshot (every item, 不适用 ones too): one Chinese line per full number found."""
    out = []
    for it in snapshot.get("items", []):
        for name in _SNAPSHOT_TEXTS:
            value = it.get(name)
            for text in (value if isinstance(value, list) else [value]):
                for kind, masked in numbers_in(text or ""):
                    out.append(f"[{it.get('uid')}] {it.get('level1', '')}：{kind} {masked}")
    return out


def refuse_personal_numbers(snapshot: dict, *, action: str) -> None:
    """KnownError (P003) when the catalog text holds a full 身份证号, bank card or mobile number."""
    found = snapshot_personal_numbers(snapshot)
    if found:
        from catalog.errors import KnownError
        more = f"等 {len(found)} 处" if len(found) > 3 else ""
        raise KnownError(f"目录文字中有完整的个人号码（检查规则 P003 错误）：{'；'.join(found[:3])}{more}。"
                         f"为防止泄露，不能{action}。请删除这些号码（确需联系方式的写办公电话）后再{action}。")


@lru_cache(maxsize=4096)
def online_channels(channels: tuple[str, ...] | None) -> tuple[str, ...]:
    """The channels of an item that need the internet (standard online ones and web platforms)."""
    out = []
    for ch in channels or ():
        name = normalize_channel(ch)
        base = standard_base(name)
        if base in ONLINE_STANDARD or (base in (None, "其他") and _ONLINE_RE.search(name)):
            out.append(ch)
    return tuple(out)


@rule("P001", WARNING, "面向特定群体的事项在政府网站等互联网渠道公开")
def specific_group_online(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.checked:
        if item.text.marks.specific:
            online = online_channels(item.text.channels)
            if online:
                yield Hit(f"「{item.title}」面向特定群体，却在{'、'.join(online)}公开，"
                          "可能在网上暴露个人信息",
                          "名单、补贴发放等面向特定群体的信息改在公示栏、便民服务站等线下渠道公开或精准推送；"
                          "确需上网的，隐去身份证号、银行账号、家庭住址等个人信息",
                          item=item, field="channels")


@rule("P002", WARNING, "公开内容要公开身份证号、银行账号、家庭住址等个人信息")
def personal_data_in_content(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.checked:
        for element in item.text.content:
            m = _PERSONAL_RE.search(element)
            if m and not _MASKED_RE.search(element):
                yield Hit(f"「{item.title}」的公开内容「{element[:40]}」要公开{m.group(0)}等个人信息",
                          "不要公开完整的身份证号、银行账号、家庭住址；确需公开的，写明按规定隐去关键位数"
                          "（如身份证号只显示前2位和后3位）", item=item, field="content")
                break


@rule("P003", ERROR, "目录文字中有完整的身份证号、银行卡号或手机号", population=ALL_ITEMS)
def real_numbers_in_text(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.in_scope:
        t = item.text
        fields = (("level1", (t.level1,)), ("level2", (t.level2,)), ("content", t.content),
                  ("basis", t.basis), ("time_limit", (t.time_limit,)), ("subject", (t.subject,)),
                  ("channels", t.channels or ()), ("na_reason", (item.na_reason,)))
        for name, texts in fields:
            for text in texts:
                for kind, masked in numbers_in(text or ""):
                    yield Hit(f"「{item.title}」的文字中有完整的{kind}（{masked}），目录公开后会泄露",
                              f"删除该{kind}；确需联系方式的，写办公电话", item=item, field=name)
