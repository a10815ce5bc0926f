"""The shape a .gkml payload (catalog.json) and manifest must have before any of it is used.

The SHA-256 in manifest.json only shows that the members were not damaged on the way: anyone can edit
catalog.json and recompute it. So the content is validated like any other input: bounded depth and
size, the expected types, numbers in range, no NaN/Infinity, and the problems are named in Chinese.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from typing import Any

MAX_DEPTH = 16                 # a genuine payload is 5 levels deep
MAX_TEXT = 20_000              # characters in one field
MAX_ITEMS = 20_000             # items in one catalog (a real one has ~200–2,000)
MAX_LIST = 1_000               # entries in one content/basis/channels list
STATUSES = ("adopted", "pending", "na")
MARKS = ("public", "specific", "active", "on_request", "county", "township")


class PayloadError(ValueError):
    """The payload does not have the expected shape; str(err) is Chinese and names the place."""


def loads(blob: bytes) -> Any:
    """JSON without NaN/Infinity, with huge numbers and deep nesting refused (PayloadError)."""
    def no_constant(word: str) -> Any:
        raise PayloadError(f"含有非法数值 {word}")
    def finite(text: str) -> float:
        value = float(text)
        if not math.isfinite(value):          # 1e999 parses to inf without passing parse_constant
            raise PayloadError(f"含有非法数值 {text[:20]}")
        return value
    try:
        data = json.loads(blob.decode("utf-8"), parse_constant=no_constant, parse_float=finite)
    except RecursionError:
        raise PayloadError("嵌套层数过深") from None
    except PayloadError:
        raise
    except (UnicodeDecodeError, ValueError) as err:   # JSONDecodeError, int digits limit
        raise PayloadError(f"不是有效的 JSON（{str(err)[:80]}）") from None
    _check_depth(data)
    return data


def _check_depth(data: Any) -> None:
    """Refuse nesting deeper than MAX_DEPTH; only containers are visited (a payload is ~300k strings)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise PayloadError(f"嵌套层数过深（超过 {MAX_DEPTH} 层）")
        children = node.values() if isinstance(node, dict) else node
        stack.extend((v, depth + 1) for v in children if isinstance(v, (dict, list)))


def _text(v: Any, *, optional: bool = False, limit: int = MAX_TEXT) -> bool:
    return (optional and v is None) or (isinstance(v, str) and len(v) <= limit)


def _int(v: Any, lo: int, hi: int, *, optional: bool = False) -> bool:
    return (optional and v is None) or (type(v) is int and lo <= v <= hi)


def _texts(v: Any, *, optional: bool = True) -> bool:
    return (optional and v is None) or (isinstance(v, list) and len(v) <= MAX_LIST
                                        and all(_text(x) for x in v))


_ITEM_FIELDS: dict[str, Callable[[Any], bool]] = {
    "uid": lambda v: _text(v, limit=64) and bool(v),
    "domain_no": lambda v: _int(v, 1, 999),
    "domain": lambda v: _text(v, optional=True, limit=200),
    "guide_item_id": lambda v: _text(v, optional=True, limit=64),
    "local": lambda v: v is None or isinstance(v, bool),
    "position": lambda v: _int(v, -1_000_000, 1_000_000, optional=True),
    "level1": lambda v: _text(v) and bool(v),
    "level2": lambda v: _text(v, optional=True),
    "content": _texts, "basis": _texts, "channels": _texts,
    "time_limit": lambda v: _text(v, optional=True),
    "subject": lambda v: _text(v, optional=True),
    "status": lambda v: v in STATUSES,
    "na_reason": lambda v: _text(v, optional=True),
    **{m: (lambda v: v is None or isinstance(v, bool)) for m in MARKS},
}
_REQUIRED = ("uid", "domain_no", "level1", "status")


def catalog_problems(catalog: Any) -> list[str]:
    """What is wrong with catalog.json's content (empty when it is usable), at most a few lines."""
    if not isinstance(catalog, dict):
        return ["内容不是对象"]
    problems = []
    version = catalog.get("version")
    if version is not None and (not isinstance(version, dict)
                                or not _int(version.get("no"), 0, 1_000_000, optional=True)
                                or not _text(version.get("published_at"), optional=True, limit=40)
                                or not _text(version.get("note"), optional=True)):
        problems.append("版本信息格式不对")
    if not _int(catalog.get("title_year"), 1900, 2200, optional=True):
        problems.append("目录年份无效")
    if not isinstance(catalog.get("guides", []), list):
        problems.append("标准指引列表格式不对")
    problems += snapshot_problems(catalog.get("snapshot"))
    return problems[:5]


def snapshot_problems(snapshot: Any) -> list[str]:
    """Type and range problems of a snapshot (township, domains, items)."""
    if not isinstance(snapshot, dict):
        return ["目录内容不是对象"]
    problems = []
    t = snapshot.get("township")
    if not isinstance(t, dict) or not _text(t.get("name"), limit=100) or not t.get("name") \
            or not _text(t.get("code"), limit=20) or not t.get("code") \
            or not all(_text(v, optional=True, limit=200) for k, v in t.items() if k != "villages"):
        problems.append("乡镇名称或区划代码缺失或格式不对")
    domains = snapshot.get("domains")
    if not isinstance(domains, dict) or not all(
            isinstance(k, str) and k.isdigit() and len(k) <= 3 and isinstance(d, dict)
            and _text(d.get("name"), optional=True, limit=200) and isinstance(d.get("applies", True), bool)
            and _text(d.get("reason"), optional=True) for k, d in domains.items()):
        problems.append("领域列表格式不对")
    items = snapshot.get("items")
    if not isinstance(items, list) or len(items) > MAX_ITEMS:
        return [*problems, "事项列表缺失或过长"]
    for n, it in enumerate(items, start=1):
        bad = _item_problem(it)
        if bad:
            problems.append(f"第 {n} 个事项{bad}")
            break
    return problems


def _item_problem(it: Any) -> str:
    if not isinstance(it, dict):
        return "不是对象"
    missing = [k for k in _REQUIRED if k not in it]
    if missing:
        return "缺少" + "、".join(missing)
    for key, ok in _ITEM_FIELDS.items():
        if key in it and not ok(it[key]):
            return f"的字段 {key} 类型或取值不对"
    unknown = [k for k in it if k not in _ITEM_FIELDS and k != "origin_subject"]
    if unknown:
        return f"有未知字段 {str(unknown[0])[:30]}"
    return ""


def manifest_problems(m: dict) -> list[str]:
    """Types of the manifest fields the program reads (names, code, versions, times)."""
    checks = {
        "township": lambda v: _text(v, limit=100) and bool(v),
        "code": lambda v: _text(v, limit=20) and bool(v),
        "county": lambda v: _text(v, optional=True, limit=100),
        "catalog_version": lambda v: _int(v, 0, 1_000_000, optional=True),
        "published_at": lambda v: _text(v, optional=True, limit=40),
        "exported_at": lambda v: _text(v, optional=True, limit=40),
        "app_version": lambda v: _text(v, optional=True, limit=40),
    }
    return [f"清单字段 {k} 类型或取值不对" for k, ok in checks.items() if k in m and not ok(m[k])]
