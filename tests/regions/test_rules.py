from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regions import rules
from tests.factories.identifiers import credit_code, resident_id

TODAY = dt.date(2026, 11, 26)


# GB 11643-1999's own example (standard, 4.2 and its appendix): 11010519491231002X. By hand, digits × weights:
#   1×7 + 1×9 + 0×10 + 1×5 + 0×8 + 5×4 + 1×2 + 9×1 + 4×6 + 9×3 + 1×7 + 2×9 + 3×10 + 1×5 + 0×8 + 0×4 + 2×2 = 167;
#   167 mod 11 = 2, and position 2 of "1 0 X 9 8 7 6 5 4 3 2" is X.
STANDARD_EXAMPLE = "11010519491231002X"
# 44010619800101123: 4×7 + 4×9 + 0 + 1×5 + 0 + 6×4 + 1×2 + 9×1 + 8×6 + 0 + 0 + 1×9 + 0 + 1×5 + 1×8 + 2×4 + 3×2 = 188;
#   188 mod 11 = 1 → "0".
HAND_VALID = "440106198001011230"


def test_standards_published_example_is_accepted():
    assert rules.id_number_error(STANDARD_EXAMPLE, TODAY) is None
    assert rules.id_check_character(STANDARD_EXAMPLE[:17]) == "X"


def test_hand_computed_number_is_accepted():
    assert rules.id_number_error(HAND_VALID, TODAY) is None
    assert rules.id_check_character(HAND_VALID[:17]) == "0"


def test_lowercase_x_is_accepted_and_normalised_to_upper():
    assert rules.id_number_error("11010519491231002x", TODAY) is None
    assert rules.normalise_id_number(" 11010519491231002x ") == STANDARD_EXAMPLE


def test_retired_area_code_is_not_rejected():
    # 天河区 440106 was created in 1985; a person born in 1980 keeps a real 440106 number.
    # 44010619800315001: 28+36+0+5+0+24+2+9+48+0+0+27+10+25+0+0+2 = 216; 216 mod 11 = 7 → "5".
    assert rules.id_number_error("440106198003150015", TODAY) is None


@pytest.mark.parametrize(
    "number, fragment",
    [
        ("11010519491231002", "18"),  # 17 characters
        ("1101051949123100200", "18"),  # 19 characters
        ("4401061980010112A9", "数字"),
        ("990106198001011230", "省级"),
        # 30 February with its right check character (sum 222, mod 11 = 2 → X): the date is refused
        ("44010619800230123X", "出生日期"),
        # born 2030-12-31, after TODAY, with its right check character (sum 197, mod 11 = 10 → "2")
        ("440106203012311232", "未来"),
        # the standard's example with a wrong check character
        ("110105194912310020", "校验码"),
        ("110105194912310029", "校验码"),
        # the hand-computed number with X instead of 0
        ("44010619800101123X", "校验码"),
    ],
)
def test_bad_id_numbers_are_refused_with_a_reason(number, fragment):
    assert fragment in rules.id_number_error(number, TODAY)


def test_every_other_check_character_is_refused():
    for wrong in "123456789X":
        assert "校验码" in rules.id_number_error(HAND_VALID[:17] + wrong, TODAY)


def test_birth_date_today_is_accepted_and_tomorrow_refused():
    # 44010620261126123: sum 215, mod 11 = 6 → "6"; the 27th adds 5 (position 14, weight 5): 220, mod 11 = 0 → "1".
    assert rules.id_number_error("440106202611261236", TODAY) is None
    assert "未来" in rules.id_number_error("440106202611271231", TODAY)


def test_birth_date_is_read_from_positions_7_to_14():
    assert rules.birth_date_from_id(STANDARD_EXAMPLE) == dt.date(1949, 12, 31)


def _mod11_2_check(first17: str) -> str:
    """ISO 7064 MOD 11-2 by its recursive method (no weight table): r = (r + a) · 2 mod 11, check = (12 − r) mod 11."""
    r = 0
    for digit in first17:
        r = (r + int(digit)) * 2 % 11
    value = (12 - r) % 11
    return "X" if value == 10 else str(value)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_character_agrees_with_the_recursive_iso_7064_method(first17):
    assert rules.id_check_character(first17) == _mod11_2_check(first17)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=TODAY), st.integers(0, 999))
def test_numbers_built_by_the_independent_generator_are_accepted(birth, serial):
    number = resident_id(f"440106{birth:%Y%m%d}{serial:03d}")
    assert rules.id_number_error(number, TODAY) is None
    assert rules.id_number_error(number.lower(), TODAY) is None


# GB 32100-2015: Huawei Technologies Co., Ltd. (华为技术有限公司), published code 914403001922038216. By hand:
#   values 9 1 4 4 0 3 0 0 1 9 2 2 0 3 8 2 1 × weights 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28
#   = 9+3+36+108+0+78+0+0+20+261+50+26+0+72+80+60+28 = 831; 831 mod 31 = 25; 31 − 25 = 6 → "6".
HUAWEI = "914403001922038216"
# Tencent (Shenzhen), 9144030071526726XG: letters in the body (X = 30) and a letter check character (G = 16).
TENCENT = "9144030071526726XG"


@pytest.mark.parametrize("code", [HUAWEI, TENCENT, "52440106MJL123456H"])
def test_published_and_hand_checked_credit_codes_are_accepted(code):
    assert rules.credit_code_error(code) is None


def test_credit_code_check_character_by_hand():
    assert rules.credit_code_check_character(HUAWEI[:17]) == "6"


def test_credit_code_in_lowercase_is_normalised():
    assert rules.credit_code_error(TENCENT.lower()) is None


@pytest.mark.parametrize(
    "code, fragment",
    [
        ("", "18"),
        ("91440300192203821", "18"),
        ("91440300192203821I", "字符"),  # I is not in the alphabet
        ("914403001922038217", "校验码"),
        ("9144030071526726XH", "校验码"),
    ],
)
def test_bad_credit_codes_are_refused_with_a_reason(code, fragment):
    assert fragment in rules.credit_code_error(code)


def _gb32100_check(first17: str) -> str:
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = 0
    for i, c in enumerate(first17):
        total += alphabet.index(c) * pow(3, i, 31)
    return alphabet[(31 - total % 31) % 31]


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=17, max_size=17))
def test_credit_check_character_agrees_with_weights_computed_as_powers_of_3(first17):
    assert rules.credit_code_check_character(first17) == _gb32100_check(first17)
    assert rules.credit_code_error(credit_code(first17)) is None


def test_masks_keep_only_what_identifies_nothing():
    assert rules.mask_id_number("44010619800101123X") == "440106********123X"
    assert rules.mask_phone("13812345678") == "138****5678"
    assert rules.mask_name("张三丰") == "张**"
    assert rules.mask_id_number("") == ""


def test_code_is_a_path():
    assert rules.ancestor_codes("440106001001") == ["44", "4401", "440106", "440106001"]
    assert rules.level_for_code("440106001") == "township"
    assert rules.level_for_code("4401061") is None
    assert rules.parent_level("village") == "township"
    assert rules.parent_level("province") is None
