"""公开主体 at the wrong level: a 县级 (or higher) department, another township, or no township named at
all."""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache

from catalog.checks.context import CheckContext
from catalog.checks.engine import ERROR, WARNING, Hit, rule
from catalog.checks.rules._text import empty
from catalog.township.items import CatalogItem

OWN, GENERIC, OTHER_TOWN, COUNTY, VILLAGE, UNKNOWN = "own", "generic", "other", "county", "village", "unknown"

# A place name ending in 镇/乡/街道 followed by its government (or the end of the part).
_TOWN_RE = re.compile(r"([\u4e00-\u9fff]{1,12}?)(镇|乡|街道)(?=人民政府|政府|办事处|党委|党工委|"
                      r"[^\u4e00-\u9fff]|$)")
_GENERIC_RE = re.compile(r"乡镇|乡\(镇\)|镇\(乡\)|乡、镇|镇街|^街道办事处|^各(乡|镇|街道)")
_OWN_OFFICE_RE = re.compile(r"^(本|我)?(镇|乡|街道)(?!级)")
_COUNTY_RE = re.compile(
    r"^(县级|县\((市|区)、(区|市)\)|县\((市|区)\)|县市区|县区|区县|市县|县|区级|市级|市(?!场|政|容|民)|区(?!域))"
    r"[\u4e00-\u9fff()、]*?(局|委员会|委|办公室|办|部门|中心|机关|机构|政府|所|站|队)")
_DEPARTMENT_RE = re.compile(r"(主管部门|行政部门|管理部门|审批部门|监督部门|公安机关|税务机关|部门)$")
_VILLAGE_RE = re.compile(r"村民委员会|村委会|居民委员会|居委会|村\(社区\)|^[\u4e00-\u9fff]{1,8}(村|社区)$")


def split_parts(subject: str) -> list[str]:
    """Split a joint subject on 、，,；; — never inside brackets (县(区、市)人民政府 stays whole)."""
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", subject))
    parts: list[str] = []
    buf: list[str] = []
    depth = 0
    for ch in text:
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(0, depth - 1)
        if depth == 0 and ch in "、,;/":
            parts.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
    parts.append("".join(buf))
    return [p for p in (s.strip() for s in parts) if p]


def classify(part: str, *, own: str, county: str) -> str:
    """own | generic | other | county | village | unknown for one part of a subject."""
    names = []
    for m in _TOWN_RE.finditer(part):
        name = m.group(1) + m.group(2)
        if county and name.startswith(county):
            name = name[len(county):]
        if not _GENERIC_RE.search(name):
            names.append(name)
    if own and any(n != own and not n.endswith(own) for n in names):
        return OTHER_TOWN
    if own and own in part:
        return OWN
    if _GENERIC_RE.search(part):
        return GENERIC
    if _OWN_OFFICE_RE.match(part):
        return OWN
    if (county and part.startswith(county)) or _COUNTY_RE.match(part) or _DEPARTMENT_RE.search(part):
        return COUNTY
    if _VILLAGE_RE.search(part):
        return VILLAGE
    return UNKNOWN


def subject_kinds(ctx: CheckContext, subject: str) -> tuple[tuple[str, str], ...]:
    """(part, kind) for each part of a subject, judged against the context's township."""
    t = ctx.township
    return _kinds(subject, t.name if t else "", t.county if t else "")


@lru_cache(maxsize=4096)
def _kinds(subject: str, own: str, county: str) -> tuple[tuple[str, str], ...]:
    return tuple((p, classify(p, own=own, county=county)) for p in split_parts(subject))


def _checked(ctx: CheckContext) -> Iterator[tuple]:
    for item in ctx.checked:
        subject = item.text.subject
        if subject is not None and not empty(subject):
            yield item, subject_kinds(ctx, subject)


def _names(kinds: Iterable[tuple[str, str]], kind: str) -> str:
    return "、".join(f"「{p}」" for p, k in kinds if k == kind)


def _from_guide(item: CatalogItem) -> str:
    if item.origin_subject and item.text.subject == item.origin_subject:
        return "（仍是标准指引中的原主体）"
    return ""


@rule("J001", ERROR, "公开主体是县级（或上级）部门，不是本乡镇")
def county_subject(ctx: CheckContext) -> Iterator[Hit]:
    for item, kinds in _checked(ctx):
        found = {k for _, k in kinds}
        if COUNTY in found and not found & {OWN, GENERIC}:
            yield Hit(f"「{item.title}」的公开主体{_names(kinds, COUNTY)}是县级（或上级）部门"
                      f"{_from_guide(item)}，乡级事项应由本乡镇公开",
                      f"改为“{ctx.government}”或本镇承办机构（如“镇社会事务办”）",
                      item=item, field="subject")


@rule("J002", ERROR, "公开主体写的是其他乡镇")
def other_township_subject(ctx: CheckContext) -> Iterator[Hit]:
    for item, kinds in _checked(ctx):
        if any(k == OTHER_TOWN for _, k in kinds):
            yield Hit(f"「{item.title}」的公开主体{_names(kinds, OTHER_TOWN)}是其他乡镇，不是本镇",
                      f"改为“{ctx.government}”", item=item, field="subject")


@rule("J003", WARNING, "公开主体把县级部门和本乡镇写在一起")
def joint_county_subject(ctx: CheckContext) -> Iterator[Hit]:
    for item, kinds in _checked(ctx):
        found = {k for _, k in kinds}
        if COUNTY in found and found & {OWN, GENERIC}:
            yield Hit(f"「{item.title}」的公开主体同时写了县级部门{_names(kinds, COUNTY)}；"
                      "乡镇目录只写本乡镇",
                      f"只保留“{ctx.government}”（或本镇承办机构），县级部门的公开由县级目录列出",
                      item=item, field="subject")


@rule("J004", WARNING, "公开主体没有写明本乡镇（通用写法或其他机构）")
def unnamed_subject(ctx: CheckContext) -> Iterator[Hit]:
    for item, kinds in _checked(ctx):
        found = {k for _, k in kinds}
        if found & {OWN, COUNTY, OTHER_TOWN}:
            continue
        if GENERIC in found:
            text = f"「{item.title}」的公开主体{_names(kinds, GENERIC)}是标准指引的通用写法，没有写明本乡镇"
        else:
            text = f"「{item.title}」的公开主体「{item.text.subject}」不是本乡镇人民政府或其机构"
        yield Hit(text, f"改为“{ctx.government}”或本镇承办机构", item=item, field="subject")
