"""Personal data: recognise and mask 身份证号 (GB 11643), bank card numbers (Luhn), phones, names.

Masking rules are the project's privacy floor: a full ID or bank number must never be printed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
ID_RE = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"
                   r"\d{3}[\dXx](?![0-9A-Za-z])")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
CARD_RE = re.compile(r"(?<!\d)(?:\d[ -]?){15,18}\d(?!\d)")

# Never show more of an ID than this, whatever a template asks for.
ID_MAX_HEAD, ID_MAX_TAIL = 6, 4


def id_check_char(first17: str) -> str:
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
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
    if not value.isascii():
        value = value.translate(FULLWIDTH_DIGITS)
    for a, b in reversed(spaced_ids(value)):
        value = value[:a] + mask_id(_ID_SEPS.sub("", value[a:b]), id_head, id_tail) + value[b:]
    value = ID_RE.sub(lambda m: mask_id(m.group(0), id_head, id_tail), value)
    value = CARD_RE.sub("（账号不予公示）", value)
    return MOBILE_RE.sub(lambda m: mask_phone(m.group(0)), value)


# ---- detection (privacy scan): only numbers that pass their checksums, so a 20-digit order number
# or a mistyped reference is not reported.
KIND_LABELS = {"id_number": "身份证号", "bank_card": "银行卡号", "mobile": "手机号"}
# Card numbers: 16–19 digits, contiguous or in groups of four; Luhn-valid and with a common issuer prefix
# (62/60/65 UnionPay and domestic, 4 Visa, 51–55 Mastercard, 35 JCB, 95 older domestic debit cards).
CARD_FIND_RE = re.compile(r"(?<!\d)(?<!\d\.)(?:\d{16,19}|\d{4}(?:[ -]\d{4}){3}(?:[ -]?\d{1,3})?)(?!\.?\d)")
CARD_PREFIX_RE = re.compile(r"^(?:62|60|65|4|5[1-5]|35|95)")
MOBILE_FIND_RE = re.compile(r"(?<!\d)(?<!\d\.)(?:(?:\+|00)?86[ -]?)?(1[3-9]\d(?:[ -]?\d{4}){2})(?!\.?\d)")


@dataclass(frozen=True)
class PiiMatch:
    kind: str      # a KIND_LABELS key
    start: int
    end: int
    value: str     # the matched text (never print it: use mask_match)


# Scanning 50,000-row rosters: these checks run per cell, so they stay in C-level builtins.
_DOUBLE = str.maketrans("0123456789", "0246813579")   # Luhn: a doubled digit minus 9 when above 9
_ID_W = _ID_WEIGHTS
_NON_DIGITS = re.compile(r"\D")


def _luhn_fast(digits: str) -> bool:
    r = digits[::-1]
    return (sum(map(int, r[0::2])) + sum(map(int, r[1::2].translate(_DOUBLE)))) % 10 == 0


def _id_fast(v: str) -> bool:
    """Checksum and real birth date of an 18-character string that already matched ID_RE."""
    if _ID_CHECK[sum(map(int.__mul__, map(int, v[:17]), _ID_W)) % 11] != v[17].upper():
        return False
    try:
        date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return False
    return True


def is_card_number(value: str) -> bool:
    """16–19 digits (spaces and dashes ignored), a common issuer prefix and a valid Luhn check digit."""
    digits = value.replace(" ", "").replace("-", "") if not value.isdigit() else value
    return (digits.isdigit() and 16 <= len(digits) <= 19 and CARD_PREFIX_RE.match(digits) is not None
            and _luhn_fast(digits))


# Odd ways an ID is typed: full-width digits (same length once translated, so positions stay), and
# 6-8-4 groups or single digits separated by spaces, hyphens, dots, underscores or line breaks.
FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９Ｘｘ", "0123456789Xx")
ID_SEP = "[ \t\n\u3000._\u2010\u2011\u2013\u2014\uff0d-]"
ID_SPACED_RE = re.compile(rf"(?<![0-9A-Za-z])[1-9](?:{ID_SEP}?[0-9]){{16}}{ID_SEP}?[0-9Xx](?![0-9A-Za-z])")
_ID_SEPS = re.compile(ID_SEP)


def spaced_ids(text: str) -> list[tuple[int, int]]:
    """Spans of checksum-valid IDs written with separators (110105 19491231 002X, 110105-…)."""
    out = []
    for m in ID_SPACED_RE.finditer(text):
        digits = _ID_SEPS.sub("", m.group(0))
        if len(digits) == 18 and digits != m.group(0) and ID_RE.fullmatch(digits) and _id_fast(digits):
            out.append((m.start(), m.end()))
    return out


def find_pii(text: str) -> list[PiiMatch]:
    """Checksum-valid 身份证号, Luhn-valid card numbers and mobile numbers in text, by position.

    Full-width digits count as digits; an ID written in groups (spaces, hyphens, dots…) is found too."""
    n = len(text)
    if n < 11:
        return []
    original = text
    if not text.isascii():
        text = text.translate(FULLWIDTH_DIGITS)
    elif n <= 19 and text.isdigit():
        return _whole_number(text)
    if n <= 19 and text.isdigit() and text.isascii():
        return [PiiMatch(m.kind, m.start, m.end, original[m.start:m.end]) for m in _whole_number(text)]
    if not any(c.isdigit() for c in text):
        return []
    found = [PiiMatch("id_number", m.start(), m.end(), original[m.start():m.end()])
             for m in ID_RE.finditer(text) if _id_fast(m.group(0))]
    if n >= 19:
        found += [PiiMatch("id_number", a, b, original[a:b]) for a, b in spaced_ids(text)]
    found += [PiiMatch("bank_card", m.start(), m.end(), original[m.start():m.end()])
              for m in CARD_FIND_RE.finditer(text) if is_card_number(m.group(0))]
    found += [PiiMatch("mobile", m.start(), m.end(), original[m.start():m.end()])
              for m in MOBILE_FIND_RE.finditer(text)]
    found.sort(key=lambda m: (m.start, -m.end))
    out: list[PiiMatch] = []
    for m in found:                       # an ID never also counts as a card or a phone
        if not out or m.start >= out[-1].end:
            out.append(m)
    return out


def _whole_number(t: str) -> list[PiiMatch]:
    """find_pii for a string of 11–19 digits (most roster cells): the same answers without the regexes."""
    n = len(t)
    if n == 18 and ID_RE.fullmatch(t) and _id_fast(t):
        kind = "id_number"
    elif n >= 16 and is_card_number(t):
        kind = "bank_card"
    elif MOBILE_FIND_RE.fullmatch(t):
        kind = "mobile"
    else:
        return []
    return [PiiMatch(kind, 0, n, t)]


def mask_match(m: PiiMatch) -> str:
    """The printable stand-in of one match: 11**************2X, （不予公示）, 138****8000."""
    if m.kind == "id_number":
        return mask_id(m.value)
    if m.kind == "bank_card":
        return mask_bank(m.value)
    v = m.value
    if len(v) == 11 and v.isdigit():
        return v[:3] + "****" + v[7:]
    digits = _NON_DIGITS.sub("", v)
    return mask_phone(digits[-11:])


def mask_matches(text: str, matches: list[PiiMatch]) -> tuple[str, list[tuple[int, int]]]:
    """text with every match masked, and where each masked match now sits (for excerpts)."""
    parts, spans, pos, shift = [], [], 0, 0
    for m in matches:
        masked = mask_match(m)
        parts.append(text[pos:m.start])
        parts.append(masked)
        spans.append((m.start + shift, m.start + shift + len(masked)))
        shift += len(masked) - (m.end - m.start)
        pos = m.end
    parts.append(text[pos:])
    return "".join(parts), spans
