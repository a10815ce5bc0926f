"""人民币大写: the 零 rules, 整, 角/分, large amounts."""
from decimal import Decimal

import pytest

from catalog.noticeboard.rmb import rmb_upper, to_cents


@pytest.mark.parametrize("amount, text", [
    ("1005.00", "壹仟零伍元整"),
    ("0.05", "伍分"),
    ("100000", "壹拾万元整"),
    ("12345.67", "壹万贰仟叁佰肆拾伍元陆角柒分"),
    ("16409.02", "壹万陆仟肆佰零玖元零贰分"),
    ("1409.50", "壹仟肆佰零玖元伍角"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("0", "零元整"),
    ("0.50", "伍角"),
    ("10", "壹拾元整"),
    ("100010", "壹拾万零壹拾元整"),
    ("1001001", "壹佰万壹仟零壹元整"),
    ("100000000", "壹亿元整"),
    ("100010000", "壹亿零壹万元整"),
    ("100000001", "壹亿零壹元整"),
    ("20000000.1", "贰仟万元壹角"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
])
def test_upper(amount, text):
    assert rmb_upper(Decimal(amount)) == text


def test_prefix_negative_and_rounding():
    assert rmb_upper("1.005", prefix="人民币") == "人民币壹元零壹分"      # half-up to the cent
    assert rmb_upper(Decimal("-3")) == "负叁元整"
    assert to_cents(Decimal("0.125")) == 13


def test_no_float_on_the_way():
    # 0.1 + 0.2 in float is 0.30000000000000004; Decimal sums stay exact.
    assert rmb_upper(Decimal("0.1") + Decimal("0.2")) == "叁角"
