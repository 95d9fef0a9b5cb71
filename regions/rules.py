"""Pure rules about regions and identifiers: no ORM, no request.

Identifier checks follow domain.md 7, with the check characters computed here from the standards' own weight tables
(GB 11643-1999, GB 32100-2015). python-stdnum is not used for them: its `ric.calc_check_digit` expects all 18
characters and drops the last (given 17 it checks 16 digits), and its `validate` functions reject real numbers
(retired area codes; credit codes with letters in the first 8).
"""

from __future__ import annotations

import datetime as dt
import re

from django.utils.translation import gettext as _

from .choices import SEPARATED_ADMIN_ROLES, RegionLevel, Role

# 统计用区划代码: the code is the path; its length says the level.
LEVEL_CODE_LENGTH: dict[str, int] = {
    RegionLevel.PROVINCE: 2,
    RegionLevel.CITY: 4,
    RegionLevel.COUNTY: 6,
    RegionLevel.TOWNSHIP: 9,
    RegionLevel.VILLAGE: 12,
}
LEVEL_ORDER: list[str] = list(LEVEL_CODE_LENGTH)
LEVEL_BY_LENGTH: dict[int, str] = {n: level for level, n in LEVEL_CODE_LENGTH.items()}

# GB/T 2260 province-level codes (first two digits of a resident ID number).
PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83 91".split()
)


def parent_level(level: str) -> str | None:
    """The level directly above `level` (None for the province)."""
    index = LEVEL_ORDER.index(level)
    return LEVEL_ORDER[index - 1] if index else None


def level_for_code(code: str) -> str | None:
    """The region level a division code of this length denotes, or None."""
    return LEVEL_BY_LENGTH.get(len(code)) if code.isdigit() else None


def ancestor_codes(code: str) -> list[str]:
    """Codes of every region above `code`, province first (the code is a path)."""
    return [code[:n] for n in sorted(LEVEL_CODE_LENGTH.values()) if n < len(code)]


# GB 11643-1999 4.2 (ISO 7064 MOD 11-2): weight of position i is 2^(17-i) mod 11; the sum mod 11 indexes the table.
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK_CHARACTERS = "10X98765432"


def normalise_id_number(value: str) -> str:
    """Strip spaces and read a lowercase x as X (the check character is always stored upper-case)."""
    return (value or "").strip().upper()


def id_check_character(first17: str) -> str:
    """The check character of a resident ID number from its first 17 digits (GB 11643-1999 4.2)."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("需要17位数字")
    return ID_CHECK_CHARACTERS[sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True)) % 11]


def _birth_date(number: str) -> dt.date:
    """The birth date in positions 7-14 (GB 11643-1999 4.1.2); ValueError if it is not a real date."""
    return dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


def id_number_error(value: str, today: dt.date) -> str | None:
    """Why a resident ID number (GB 11643-1999) is not acceptable, or None if it is.

    Accept: 18 characters, the first 17 digits, the right check character (a lowercase x is read as X), a real birth
    date not in the future, and a province code as the first two digits. Never reject for an unknown or retired
    area code (domain.md 7).
    """
    number = normalise_id_number(value)
    if len(number) != 18:
        return _("公民身份号码应为18位")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        return _("公民身份号码前17位应为数字，末位为数字或X")
    if number[:2] not in PROVINCE_CODES:
        return _("公民身份号码前两位不是省级行政区划代码")
    try:
        birth = _birth_date(number)
    except ValueError:
        return _("公民身份号码中的出生日期无效")
    if birth > today:
        return _("公民身份号码中的出生日期在未来")
    if id_check_character(number[:17]) != number[17]:
        return _("公民身份号码校验码错误")
    return None


def birth_date_from_id(value: str) -> dt.date:
    return _birth_date(normalise_id_number(value))


# GB 32100-2015 4.1 and appendix: the code alphabet (no I O Z S V), weight of position i is 3^i mod 31.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
CREDIT_CODE_RE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{18}$")


def credit_code_check_character(first17: str) -> str:
    """The check character of a unified social credit code from its first 17 characters (GB 32100-2015)."""
    if len(first17) != 17 or any(c not in CREDIT_CODE_ALPHABET for c in first17):
        raise ValueError("需要17位代码字符")
    total = sum(CREDIT_CODE_ALPHABET.index(c) * w for c, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalise_credit_code(value: str) -> str:
    return (value or "").strip().upper()


def credit_code_error(value: str) -> str | None:
    """Why a unified social credit code (GB 32100-2015) is not acceptable, or None if it is.

    Only the alphabet and the check character are checked: real codes may have letters in the first 8 characters.
    """
    code = normalise_credit_code(value)
    if len(code) != 18:
        return _("统一社会信用代码应为18位")
    if not CREDIT_CODE_RE.match(code):
        return _("统一社会信用代码含有不允许的字符（不含I、O、Z、S、V）")
    if credit_code_check_character(code[:17]) != code[17]:
        return _("统一社会信用代码校验码错误")
    return None


def mask_id_number(value: str) -> str:
    """440106********123X: area code and the last four shown (domain.md section 8)."""
    if not value:
        return ""
    return value[:6] + "*" * max(len(value) - 10, 0) + value[-4:] if len(value) > 10 else "*" * len(value)


def mask_phone(value: str) -> str:
    """138****5678."""
    if not value:
        return ""
    return value[:3] + "*" * max(len(value) - 7, 0) + value[-4:] if len(value) > 7 else "*" * len(value)


def mask_name(value: str) -> str:
    """张** : the family name only."""
    if not value:
        return ""
    return value[0] + "*" * (len(value) - 1)


def token_last_day(created_on: dt.date, days: int) -> dt.date:
    """The last day an API token made on `created_on` is valid: the `days`-th day after it (a token made on
    1 January with 90 days is valid through 1 April of a common year and refused from 2 April)."""
    return created_on + dt.timedelta(days=days)


def separation_error(held: set[Role] | frozenset[Role], role: Role) -> str | None:
    """三员分立 (GB/T 22239-2019 等保三级 8.1.4.2): the system, security and audit administrators are three different
    accounts, and none of them also holds a business role (it would open the business data its duty excludes).
    `held` are the roles the account holds now (on any region); None when `role` may be added."""
    others = set(held) - {role}
    if role in SEPARATED_ADMIN_ROLES and others:
        return _("三员分立：系统管理员、安全管理员、审计管理员须为专用账号，该账号已有其他角色")
    if role not in SEPARATED_ADMIN_ROLES and others & SEPARATED_ADMIN_ROLES:
        return _("三员分立：该账号为系统、安全或审计管理员专用账号，不能再授予业务角色")
    return None


def mask_for_audit(value: str) -> str:
    """Change history keeps only the last four characters of a personal field."""
    value = str(value or "")
    if value in ("", "None"):
        return value
    return "*" * max(len(value) - 4, 2) + value[-4:] if len(value) > 6 else "*" * len(value)


#: 网络安全法 第二十一条 (三): network logs are kept no less than six months; 183 days covers any six months.
AUDIT_MIN_RETENTION_DAYS = 183


def audit_retention_days(configured: int) -> int:
    """The retention of the security audit trail: the configured days, never fewer than the law's six months."""
    return max(AUDIT_MIN_RETENTION_DAYS, int(configured))


def backup_overdue(last_success: dt.datetime | None, now: dt.datetime, max_age_hours: int) -> bool:
    """Whether the system administrator is warned: no successful database backup within the last `max_age_hours`
    (BACKUP_MAX_AGE_HOURS, default 26: a nightly run plus two hours' slack). GB/T 22239-2019 8.1.4.9 数据备份恢复
    a) 应提供重要数据的本地数据备份与恢复功能."""
    if last_success is None:
        return True
    return now - last_success > dt.timedelta(hours=max_age_hours)


def backups_beyond(kept_newest_first: list[int], keep: int) -> list[int]:
    """Of the successful backups still on disk (ids, newest first), those beyond the last `keep` (at least one
    is always kept, whatever the setting says)."""
    return kept_newest_first[max(1, int(keep)) :]


def two_factor_required_in(
    code: str, explicit: dict[str, bool], installation_default: tuple[str, ...]
) -> bool:
    """Whether an account working in region `code` must log in with a second factor by the regions' setting
    (GB/T 22239-2019 8.1.4.1 d); issue 13: optional for non-administrators, a setting per region): the setting of
    the region itself or, failing that, of the nearest region above it that has one (a security administrator's
    choice, `explicit`); with none in the path, the installation's default (TWO_FACTOR_REQUIRED_REGIONS)."""
    for candidate in [code, *reversed(ancestor_codes(code))]:
        if candidate in explicit:
            return explicit[candidate]
    return bool(installation_default) and code.startswith(installation_default)
