"""The roster's canonical fields, their Chinese labels and the header synonyms that map onto them."""
from __future__ import annotations

import re
import unicodedata

# field → (label shown to the clerk, header synonyms in priority order). Keys are a stable contract
# (stored mappings, templates, --map on the CLI).
FIELDS: dict[str, tuple[str, tuple[str, ...]]] = {
    "name": ("姓名", ("姓名", "户主姓名", "农户姓名", "户主", "补贴对象", "补贴对象姓名", "救助对象",
                      "救助对象姓名", "申请人", "申请人姓名", "持卡人", "户名")),
    "id_number": ("身份证号", ("身份证号", "身份证号码", "证件号码", "公民身份号码", "身份证", "户主身份证号",
                             "户主身份证号码", "证件号", "身份证件号码")),
    "village": ("村", ("村", "行政村", "村委会", "村(社区)", "村(居)", "村名", "所在村", "村居", "村社区",
                       "社区", "村民委员会", "村别")),
    "group": ("组", ("组", "村民小组", "小组", "组别", "组名")),
    # One column holding both ("东湾村3组"): split into village and group on import (split_village_group).
    "village_group": ("村组", ("所在村组", "村组", "村组名称")),
    "item": ("补贴项目", ("补贴项目", "项目名称", "项目", "补贴类型", "补贴类别", "补贴名称", "资金项目",
                          "救助类别", "保障类别", "救助类型", "类别")),
    "quantity": ("面积/数量", ("面积/数量", "面积", "数量", "补贴面积", "计税面积", "种植面积", "确权面积",
                               "土地面积", "承包面积", "承包地面积", "保障人数", "人数", "补贴数量")),
    "standard": ("补贴标准", ("补贴标准", "标准", "单价", "保障标准", "救助标准")),
    "amount": ("金额", ("金额", "补贴金额", "发放金额", "实发金额", "应发金额", "补助金额", "保障金额",
                        "救助金额", "月保障金", "月保障金额", "资金")),
    "pay_date": ("发放日期", ("发放日期", "发放时间", "兑付日期", "日期")),
    "bank_account": ("银行账号", ("银行账号", "卡号", "银行卡号", "一卡通账号", "一卡通卡号", "账号",
                                  "存折号", "社保卡号", "社会保障卡号", "社保账号", "折号", "银行账户")),
    "phone": ("联系电话", ("联系电话", "电话", "手机号", "手机号码", "手机", "联系方式")),
    "address": ("地址", ("地址", "家庭住址", "住址", "家庭地址", "现住址")),
    "remark": ("备注", ("备注", "说明")),
}

LABELS = {k: v[0] for k, v in FIELDS.items()}
# Columns of the printed sheet that are not roster fields.
DERIVED = {"seq": "序号"}
# Never printed, whatever a template says (个人信息保护法 §28: financial accounts are sensitive).
NEVER_PRINTED = frozenset({"bank_account"})

_PARENS = re.compile(r"[(（\[【].*?[)）\]】]")
# The group at the end of a combined 村组 cell: "东湾村3组", "东湾村三组", "王家湾社区-2组", "新村村1队".
_GROUP_TAIL = re.compile(r"^(.*?)[\s\-—－_/、·]*([0-9０-９一二三四五六七八九十]+(?:村民小组|小组|组|队|社))$")


def normalize_header(text: object) -> str:
    """Full-width → half-width, no spaces/asterisks/line breaks: '补贴金额（元）*' → '补贴金额(元)'."""
    if text is None:
        return ""
    t = unicodedata.normalize("NFKC", str(text))
    return re.sub(r"[\s*＊:：]", "", t)


def split_village_group(text: str) -> tuple[str, str]:
    """'东湾村3组' → ('东湾村', '3组'); '东湾村' → ('东湾村', ''); '3组' → ('', '3组')."""
    t = text.strip()
    m = _GROUP_TAIL.match(t)
    if m is None:
        return t, ""
    return m[1], m[2]


def bare_header(text: str) -> str:
    """The header without a bracketed unit: '补贴金额(元)' → '补贴金额'."""
    return _PARENS.sub("", text)


def field_for_label(label: str) -> str | None:
    """'金额' → 'amount'; accepts a field key, its label, or any synonym."""
    t = normalize_header(label)
    if t in FIELDS:
        return t
    for key, (lab, syns) in FIELDS.items():
        if t == normalize_header(lab) or t in (normalize_header(s) for s in syns):
            return key
    return None


def guess_mapping(headers: list[str]) -> dict[str, int]:
    """field → column index for the headers a roster has; each column used at most once.

    Exact synonyms (unit brackets kept, e.g. '村(社区)') win over matches with the unit dropped.
    """
    norm = [normalize_header(h) for h in headers]
    bare = [bare_header(h) for h in norm]
    used: set[int] = set()
    mapping: dict[str, int] = {}
    for candidates in (norm, bare):
        for key, (_, syns) in FIELDS.items():
            if key in mapping:
                continue
            for syn in syns:
                s = normalize_header(syn)
                hit = next((i for i, h in enumerate(candidates) if h == s and i not in used), None)
                if hit is not None:
                    mapping[key] = hit
                    used.add(hit)
                    break
    return mapping


def header_score(headers: list[str]) -> int:
    """How many fields a row of cells would map: used to find the header row under a title."""
    return len(guess_mapping(headers))
