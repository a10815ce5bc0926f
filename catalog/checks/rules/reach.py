"""Channel reach: a 乡级 item has at least one channel a villager without internet meets
(catalog.channels)."""
from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from catalog.channels import any_offline
from catalog.checks.context import CheckContext
from catalog.checks.engine import WARNING, Hit, rule
from catalog.checks.rules._text import empty


@lru_cache(maxsize=4096)
def _reaches_offline(channels: tuple[str, ...]) -> bool:
    return any_offline(channels)


@rule("R001", WARNING, "乡级事项没有村民线下能看到的公开渠道")
def no_offline_channel(ctx: CheckContext) -> Iterator[Hit]:
    for item in ctx.adopted:
        channels = item.text.channels
        # an empty field is F001/F002's business
        if channels and not empty(channels) and not _reaches_offline(channels):
            yield Hit(f"「{item.title}」只在{'、'.join(channels)}公开，不上网的村民看不到",
                      "增加至少一个线下渠道：社区/企事业单位/村公示栏(电子屏)、便民服务站、公开查阅点或入户/现场",
                      item=item, field="channels")
