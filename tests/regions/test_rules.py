from __future__ import annotations

import datetime as dt

import pytest

from regions import rules

TODAY = dt.date(2026, 11, 26)


def with_check(first17: str) -> str:
    from stdnum.cn import ric

    return first17 + ric.calc_check_digit(first17)


def test_valid_id_number_is_accepted():
    assert rules.id_number_error(with_check("44010619800101123"), TODAY) is None


def test_id_number_with_lowercase_x_is_read_as_upper():
    number = "44010619850101160X"
    assert rules.id_number_error(number.lower(), TODAY) is None


def test_retired_area_code_is_not_rejected():
    # 天河区 440106 was created in 1985; a person born in 1980 keeps a real 440106 number.
    assert rules.id_number_error(with_check("44010619800315001"), TODAY) is None


@pytest.mark.parametrize(
    "number, fragment",
    [
        ("44010619800101123", "18"),
        ("4401061980010112A9", "数字"),
        ("99010619800101123" + "0", "省级"),
        (with_check("44010619800230123"), "出生日期"),
        (with_check("44010620301231123"), "未来"),
    ],
)
def test_bad_id_numbers_are_refused_with_a_reason(number, fragment):
    assert fragment in rules.id_number_error(number, TODAY)


def test_wrong_check_character_is_refused():
    good = with_check("44010619800101123")
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    assert "校验码" in rules.id_number_error(bad, TODAY)


def test_birth_date_today_is_accepted():
    assert rules.id_number_error(with_check("44010620261126123"), TODAY) is None


def credit(first17: str) -> str:
    from stdnum.cn import uscc

    return first17 + uscc.calc_check_digit(first17)


def test_credit_code_with_letters_in_first_eight_is_accepted():
    assert rules.credit_code_error(credit("52440000MJ0000001")) is None
    assert rules.credit_code_error(credit("91440101MA5CXXXX0")) is None


@pytest.mark.parametrize("code", ["", "91440101MA5CXXXX", "91440101MA5CXXXXI0"])
def test_bad_credit_codes_are_refused(code):
    assert rules.credit_code_error(code) is not None


def test_credit_code_wrong_check_character_is_refused():
    good = credit("91440101MA5CXXXX0")
    bad = good[:17] + ("1" if good[17] != "1" else "2")
    assert "校验码" in rules.credit_code_error(bad)


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
