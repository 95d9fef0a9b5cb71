"""Pure rules of account management, with values written out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts import rules
from accounts.rules import FORBIDDEN, NOT_FOUND, Held
from regions.choices import Role

COUNTY_ADMIN_A = [Held("440106", Role.COUNTY_ADMIN)]
SECURITY_ADMIN_CITY = [Held("4401", Role.SECURITY_ADMIN)]
TOWNSHIP_A1 = [Held("440106001", Role.TOWNSHIP_STAFF)]


@pytest.mark.parametrize(
    ("password", "classes"),
    [
        ("abcdefghijkl", 1),
        ("abcdefABCDEF", 2),
        ("abcdefABC123", 3),
        ("abcDEF123!@#", 4),
        ("密码abcdefgh12", 3),  # a Chinese character counts as a symbol
        ("", 0),
    ],
)
def test_character_classes_count_lower_upper_digits_and_everything_else(password, classes):
    assert rules.character_classes(password) == classes


@pytest.mark.parametrize(
    ("held", "code", "role", "refusal"),
    [
        (COUNTY_ADMIN_A, "440106001", Role.TOWNSHIP_STAFF, None),  # below its county
        (COUNTY_ADMIN_A, "440106", Role.COUNTY_ADMIN, None),  # its own role on its own county
        (COUNTY_ADMIN_A, "4401", Role.CITY_VIEWER, NOT_FOUND),  # the city above
        (COUNTY_ADMIN_A, "44", Role.COUNTY_ADMIN, NOT_FOUND),  # the province above
        (COUNTY_ADMIN_A, "440303001", Role.TOWNSHIP_STAFF, NOT_FOUND),  # a township of another county
        (COUNTY_ADMIN_A, "440106", Role.SECURITY_ADMIN, FORBIDDEN),  # a duty it does not hold
        (COUNTY_ADMIN_A, "440106", Role.AUDIT_ADMIN, FORBIDDEN),
        (COUNTY_ADMIN_A, "440106", Role.SYSTEM_ADMIN, FORBIDDEN),
        (TOWNSHIP_A1, "440106001001", Role.VILLAGE_COORDINATOR, NOT_FOUND),  # not an administering role
        (SECURITY_ADMIN_CITY, "440106", Role.AUDIT_ADMIN, None),
        (SECURITY_ADMIN_CITY, "440106001", Role.TOWNSHIP_STAFF, None),
        (SECURITY_ADMIN_CITY, "44", Role.SECURITY_ADMIN, NOT_FOUND),
    ],
)
def test_nobody_grants_on_a_region_above_their_own_or_a_role_above_their_own(held, code, role, refusal):
    assert rules.grant_refusal(held, code, role) == refusal


def test_an_account_with_a_grant_above_the_administrator_is_managed_from_above():
    # a county admin of 天河区 and an account that is also a city viewer of 广州: seen, not managed
    targets = [("440106001", Role.TOWNSHIP_STAFF), ("4401", Role.CITY_VIEWER)]
    assert rules.manage_refusal(COUNTY_ADMIN_A, targets, "440106001") == FORBIDDEN
    assert rules.manage_refusal(COUNTY_ADMIN_A, [("440106001", Role.TOWNSHIP_STAFF)], None) is None
    assert rules.manage_refusal(COUNTY_ADMIN_A, [("440303", Role.COUNTY_ADMIN)], "440303") == NOT_FOUND
    assert rules.manage_refusal(COUNTY_ADMIN_A, [], "440106002") is None  # no grants left: by its region
    assert rules.manage_refusal(COUNTY_ADMIN_A, [], None) == NOT_FOUND


def test_a_county_admin_does_not_manage_a_security_administrator_of_its_county():
    assert rules.manage_refusal(COUNTY_ADMIN_A, [("440106", Role.SECURITY_ADMIN)], "440106") == FORBIDDEN


@pytest.mark.parametrize(
    ("role", "level", "fits"),
    [
        (Role.TOWNSHIP_STAFF, "township", True),
        (Role.TOWNSHIP_STAFF, "county", False),
        (Role.PROVINCIAL_VIEWER, "province", True),
        (Role.PROVINCIAL_VIEWER, "county", False),
        (Role.COUNTY_ADMIN, "city", True),  # the city admin
        (Role.COUNTY_ADMIN, "township", False),
    ],
)
def test_each_role_fits_its_levels_of_region(role, level, fits):
    assert (rules.level_error(role, level) is None) is fits


NOW = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("changed", "days", "expired"),
    [
        (NOW - dt.timedelta(days=89, hours=23), 90, False),
        (NOW - dt.timedelta(days=90), 90, True),  # the 90th day: due
        (NOW - dt.timedelta(days=400), 0, False),  # 0 turns rotation off
        (None, 90, False),
    ],
)
def test_a_password_is_due_for_rotation_after_the_set_number_of_days(changed, days, expired):
    assert rules.password_expired(changed, days, NOW) is expired


@pytest.mark.parametrize(
    ("phone", "ok"),
    [("13800138000", True), ("138 0013 8000", True), ("12800138000", False), ("020-12345678", False)],
)
def test_an_account_phone_is_a_mainland_mobile_number(phone, ok):
    assert (rules.mobile_error(phone) is None) is ok
