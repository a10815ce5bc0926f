"""人民币大写: exact decimal amounts written the way 《支付结算办法》 asks (壹万贰仟叁佰肆拾伍元陆角柒分)."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("", "拾", "佰", "仟")
GROUPS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")


def to_cents(amount: Decimal | int | str) -> int:
    """The amount in 分, rounded half-up (never through float)."""
    return int((Decimal(str(amount)) if not isinstance(amount, Decimal) else amount)
               .quantize(CENT, rounding=ROUND_HALF_UP) * 100)


def rmb_upper(amount: Decimal | int | str, *, prefix: str = "") -> str:
    """1005 → 壹仟零伍元整, 0.05 → 伍分, 100000 → 壹拾万元整, 16409.02 → 壹万陆仟肆佰零玖元零贰分.

    Rules: one 零 for a run of zeros inside the number, none before 元/万/亿; 壹拾 is always
    written in full (guards against 拾 being altered); 整 after 元 only; a missing 角 before 分
    becomes 零. prefix is put in front (e.g. "人民币"); a negative amount is written 负….
    """
    cents = to_cents(amount)
    sign = "负" if cents < 0 else ""
    cents = abs(cents)
    yuan, jiao, fen = cents // 100, cents // 10 % 10, cents % 10
    text = _integer_upper(yuan)
    if yuan:
        text += "元"
    if not jiao and not fen:
        text = (text or "零元") + "整"
    else:
        if jiao:
            text += DIGITS[jiao] + "角"
        elif yuan:
            text += "零"
        if fen:
            text += DIGITS[fen] + "分"
    return prefix + sign + text


def _integer_upper(n: int) -> str:
    if n == 0:
        return ""
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    if len(groups) > len(GROUPS):
        raise ValueError("金额过大")
    out = ""
    zero_pending = False
    for level in range(len(groups) - 1, -1, -1):
        g = groups[level]
        if g == 0:
            zero_pending = bool(out)
            continue
        if out and (zero_pending or g < 1000):
            out += "零"
        out += _group_upper(g) + GROUPS[level]
        zero_pending = False
    return out


def _group_upper(g: int) -> str:
    """0 < g < 10000 without leading 零; inner zeros collapse to one 零, trailing zeros vanish."""
    out = ""
    zero = False
    started = False
    for place in range(3, -1, -1):
        d = g // 10 ** place % 10
        if d == 0:
            zero = started
            continue
        if zero:
            out += "零"
        out += DIGITS[d] + PLACES[place]
        zero = False
        started = True
    return out
