"""Personal data: recognise and mask 身份证号 (GB 11643), bank card numbers (Luhn), phones, names.

Masking rules are the project's privacy floor: a full ID or bank number must never be printed.
"""
from __future__ import annotations

import re
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
ID_RE = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
CARD_RE = re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")

# Never show more of an ID than this, whatever a template asks for.
ID_MAX_HEAD, ID_MAX_TAIL = 6, 4


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS))
    return _ID_CHECK[total % 11]


def id_problem(value: str) -> str | None:
    """None when value is a valid 18-digit 身份证号, else the reason in Chinese."""
    v = value.strip().upper()
    if re.fullmatch(r"\d(\.\d+)?E\+?\d+", v):
        return ("身份证号被 Excel 变成了科学计数法（如 4.20102E+17），后几位已丢失。"
                "请在原表中把该列设置为“文本”格式后重新导出，或在号码前加英文单引号")
    if len(v) != 18:
        return f"身份证号应为 18 位，实际为 {len(v)} 位"
    if not re.fullmatch(r"\d{17}[\dX]", v):
        return "身份证号只能由数字和末位 X 组成"
    try:
        date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return f"身份证号中的出生日期 {v[6:14]} 不存在"
    if v.endswith("000") and v[:17].endswith("00"):
        # Excel keeps 15 significant digits: an ID typed as a number ends in zeros.
        if id_check_char(v[:17]) != v[17]:
            return ("身份证号末几位是 0 且校验位不对，很可能被 Excel 当成数字截断了（只保留 15 位有效数字）。"
                    "请在原表中把该列设置为“文本”格式后重新导出")
    if id_check_char(v[:17]) != v[17]:
        return "身份证号校验位不正确（GB 11643），请核对号码"
    return None


def is_valid_id(value: str) -> bool:
    return id_problem(value) is None


def luhn_ok(digits: str) -> bool:
    d = [int(c) for c in digits if c.isdigit()]
    if len(d) < 12:
        return False
    total = 0
    for i, n in enumerate(reversed(d)):
        if i % 2 == 1:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def mask_id(value: str, head: int = 2, tail: int = 3) -> str:
    """42*************23X by default; never more than the first 6 and last 4 characters."""
    v = value.strip()
    head, tail = min(max(head, 0), ID_MAX_HEAD), min(max(tail, 0), ID_MAX_TAIL)
    if len(v) <= head + tail:
        return "*" * len(v)
    return v[:head] + "*" * (len(v) - head - tail) + (v[-tail:] if tail else "")


def mask_phone(value: str) -> str:
    v = re.sub(r"\s|-", "", value)
    if len(v) == 11 and v.isdigit():
        return v[:3] + "****" + v[7:]
    if len(v) > 4:
        return "*" * (len(v) - 4) + v[-4:]
    return "*" * len(v)


def mask_bank(value: str) -> str:
    """Bank/card numbers are never printed, not even partly."""
    return "（不予公示）" if value.strip() else ""


def mask_name(value: str) -> str:
    """张三 → 张*, 张三丰 → 张*丰 (only when a template asks for masked names)."""
    v = value.strip()
    if len(v) <= 1:
        return v
    if len(v) == 2:
        return v[0] + "*"
    return v[0] + "*" * (len(v) - 2) + v[-1]


def mask_address(value: str) -> str:
    """Keep the address no finer than 村/组 (drop house numbers and what follows)."""
    v = value.strip()
    m = re.search(r"^(.*?(?:村|社区|居委会)(?:[^村]*?(?:组|队))?)", v)
    return m.group(1) if m else ""


def scrub_text(value: str, *, id_head: int = 2, id_tail: int = 3) -> str:
    """Free text made safe to print: IDs masked, card/account numbers hidden, mobiles masked.

    For cells that should hold no personal numbers at all (备注, 地址, a name typed with its ID):
    anything that looks like one is masked wherever it stands in the text.
    """
    if not value or not any(c.isdigit() for c in value):
        return value
    value = ID_RE.sub(lambda m: mask_id(m.group(0), id_head, id_tail), value)
    value = CARD_RE.sub("（账号不予公示）", value)
    return MOBILE_RE.sub(lambda m: mask_phone(m.group(0)), value)
