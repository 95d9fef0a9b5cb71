"""Pure rules of account management (issue 13; GB/T 22239-2019 等保三级 身份鉴别、访问控制、三员分立).

Who may grant what where, which role fits which level of region, the password's character classes, when a password
is due for rotation. No ORM here: the services pass in what they read.
"""

from __future__ import annotations

import datetime as dt
import re
import string
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from regions.choices import (
    ACCOUNT_ADMIN_ROLES,
    SEPARATED_ADMIN_ROLES,
    RegionLevel,
    Role,
)

#: the levels of region each role may be granted on (a township worker on a township, a city viewer on a city …)
ROLE_LEVELS: dict[Role, frozenset[str]] = {
    Role.PROVINCIAL_VIEWER: frozenset({RegionLevel.PROVINCE}),
    Role.CITY_VIEWER: frozenset({RegionLevel.CITY}),
    Role.COUNTY_ADMIN: frozenset({RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY}),
    Role.COUNTY_STAFF: frozenset({RegionLevel.COUNTY}),
    Role.TOWNSHIP_STAFF: frozenset({RegionLevel.TOWNSHIP}),
    Role.VILLAGE_COORDINATOR: frozenset({RegionLevel.TOWNSHIP, RegionLevel.VILLAGE}),
    Role.SERVICE_ACCOUNT: frozenset({RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY}),
    Role.SYSTEM_ADMIN: frozenset({RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY}),
    Role.SECURITY_ADMIN: frozenset({RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY}),
    Role.AUDIT_ADMIN: frozenset({RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY}),
}

#: what an administering role may grant in its area: a county (city, province) admin every business role, up to
#: its own; a security administrator those and the three administrator roles (its duty: accounts and grants)
GRANTABLE: dict[Role, frozenset[Role]] = {
    Role.COUNTY_ADMIN: frozenset(set(Role) - SEPARATED_ADMIN_ROLES),
    Role.SECURITY_ADMIN: frozenset(Role),
}

NOT_FOUND, FORBIDDEN = "not_found", "forbidden"


@dataclass(frozen=True)
class Held:
    """One grant the acting administrator holds: a role on the region `code` (and everything below it)."""

    code: str
    role: Role


def covering(held: Iterable[Held], code: str) -> set[Role]:
    """The administering roles held on `code` or a region above it."""
    return {h.role for h in held if h.role in ACCOUNT_ADMIN_ROLES and code.startswith(h.code)}


def grant_refusal(held: Iterable[Held], code: str, role: Role) -> str | None:
    """Why an administrator holding `held` may not grant (or revoke) `role` on region `code`: NOT_FOUND when the
    region is above or beside its own (it does not see it), FORBIDDEN when the role is above what it may grant;
    None when allowed. Nobody grants on a region above their own or a role above their own (issue 13)."""
    roles = covering(held, code)
    if not roles:
        return NOT_FOUND
    if not any(role in GRANTABLE[r] for r in roles):
        return FORBIDDEN
    return None


def manage_refusal(
    held: Iterable[Held], target_codes: Iterable[tuple[str, Role]], anchor: str | None
) -> str | None:
    """Why an administrator may not manage an account (reset its password, deactivate it, change its data):
    every grant of the account must be one the administrator could grant itself (an account holding a role
    above the administrator's area or duty is managed from above); an account without grants by the region it
    works in (`anchor`)."""
    held = list(held)
    targets = list(target_codes)
    if not targets:
        return None if anchor and covering(held, anchor) else NOT_FOUND
    refusals = [grant_refusal(held, code, role) for code, role in targets]
    if all(r == NOT_FOUND for r in refusals) and not (anchor and covering(held, anchor)):
        return NOT_FOUND
    if any(refusals):
        return FORBIDDEN
    return None


def level_error(role: Role, level: str) -> str | None:
    if level not in ROLE_LEVELS[role]:
        return _("该角色不能授予在这一层级的区域上")
    return None


CHARACTER_CLASSES = (string.ascii_lowercase, string.ascii_uppercase, string.digits)


def character_classes(password: str) -> int:
    """How many of the four classes the password uses: lower-case, upper-case, digits, anything else (symbols,
    Chinese characters)."""
    classes = [any(c in chars for c in password) for chars in CHARACTER_CLASSES]
    classes.append(any(not any(c in chars for chars in CHARACTER_CLASSES) for c in password))
    return sum(classes)


def password_expired(changed_at: dt.datetime | None, max_age_days: int, now: dt.datetime) -> bool:
    """A password is due for change MAX_AGE days after it was set (0 turns rotation off; unknown: not due)."""
    if max_age_days <= 0 or changed_at is None:
        return False
    return now - changed_at >= dt.timedelta(days=max_age_days)


#: 中国大陆手机号：1 + 第二位 3–9 + 九位数字（空格、连字符可有可无）
MOBILE_RE = re.compile(r"1[3-9]\d{9}")


def normalise_mobile(value: str) -> str:
    return re.sub(r"[\s\-]", "", value or "")


def mobile_error(value: str) -> str | None:
    if not MOBILE_RE.fullmatch(normalise_mobile(value)):
        return _("手机号码应为11位中国大陆手机号")
    return None


#: what the request layer records when the client's address is not known (core.ratelimit.client_ip)
UNKNOWN_ADDRESS = "unknown"


def shown_address(address: str | None) -> str:
    """A sign-in address as a person reads it: the address, or 未知 when none was known (never the raw word the
    request layer stores)."""
    address = (address or "").strip()
    return _("未知") if not address or address == UNKNOWN_ADDRESS else address
