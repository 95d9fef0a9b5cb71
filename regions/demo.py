"""Demo data for regions and accounts: real divisions, synthetic villages, one account per role.

`seed_demo` calls this first, then each domain app's `demo.seed(scale=..., out=...)` in dependency order.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from auditlog.context import disable_auditlog
from django.contrib.auth import get_user_model
from django.db import transaction

from .choices import RegionLevel, Role
from .imports import load_regions
from .models import Region
from .services import api_token_create, region_grant

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

REAL_REGIONS_FILE = __import__("pathlib").Path(__file__).parent / "data" / "regions-guangdong-2022.csv"
DEMO_PASSWORD = "Jiuzhu@2026"
DEMO_COUNTY = "440106"  # 天河区
DEMO_TOWNSHIP = "440106001"  # 五山街道
DEMO_VILLAGE = "440106001201"  # 五山街道第1社区 (synthetic: seed_villages makes it before the accounts)
SCALES = ("county", "city", "province")


@dataclass(frozen=True)
class Scope:
    """Where a scale puts its data: county 天河区, city 广州市, province all of Guangdong."""

    prefix: str
    villages_per_township: int


SCALE_SCOPE = {"county": Scope("440106", 8), "city": Scope("4401", 10), "province": Scope("44", 15)}


def generated_history(scale: str, region_code: str) -> contextlib.AbstractContextManager[None]:
    """Change history (django-auditlog) of what a seeder writes for a region: kept for the demo city at every scale
    (its rows are what the demo accounts open, each with its history); at province scale the other twenty cities'
    rows are generated load for the benchmarks and are written without entries (one entry a row was a third of
    the province seed's time). The rows still go through the same services."""
    if scale == "province" and not region_code.startswith(SCALE_SCOPE["city"].prefix):
        off: contextlib.AbstractContextManager[None] = disable_auditlog()
        return off
    return contextlib.nullcontext()


def ensure_real_regions() -> None:
    if not Region.objects.filter(code="44").exists():
        load_regions(REAL_REGIONS_FILE)


@transaction.atomic
def seed_villages(scale: str) -> int:
    """Synthetic villages (marked `synthetic`) under every township in the scale's scope; idempotent."""
    scope = SCALE_SCOPE[scale]
    townships = list(Region.objects.filter(level=RegionLevel.TOWNSHIP, code__startswith=scope.prefix))
    existing = set(
        Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith=scope.prefix).values_list(
            "code", flat=True
        )
    )
    new = []
    for town in townships:
        # a stable spread of 60%..140% of the average, so townships differ as real ones do
        count = max(1, scope.villages_per_township * (60 + int(town.code[-3:]) * 37 % 81) // 100)
        for i in range(1, count + 1):
            code = f"{town.code}{200 + i:03d}" if i <= 799 else None
            if code and code not in existing:
                kind = "社区" if town.code[-3:] < "100" else "村"
                new.append(
                    Region(
                        code=code,
                        name=f"{town.name}第{i}{kind}",
                        level=RegionLevel.VILLAGE,
                        parent=town,
                        synthetic=True,
                    )
                )
    Region.objects.bulk_create(new, batch_size=5000)
    return len(new)


DEMO_ACCOUNTS = [
    # username, role, region code, description
    ("sheng", Role.PROVINCIAL_VIEWER, "44", "省级查看"),
    ("guangzhou", Role.CITY_VIEWER, "4401", "广州市查看"),
    ("tianhe_admin", Role.COUNTY_ADMIN, DEMO_COUNTY, "天河区县级管理员"),
    ("tianhe_staff", Role.COUNTY_STAFF, DEMO_COUNTY, "天河区经办人员"),
    ("wushan", Role.TOWNSHIP_STAFF, DEMO_TOWNSHIP, "五山街道经办人员"),
    ("wushan_cun", Role.VILLAGE_COORDINATOR, DEMO_VILLAGE, "五山街道第1社区协理员"),
    ("api_guangzhou", Role.SERVICE_ACCOUNT, "4401", "广州市接口账号"),
    # 三员分立 (issue 13): one account each, no business data
    ("tianhe_security", Role.SECURITY_ADMIN, DEMO_COUNTY, "天河区安全管理员"),
    ("tianhe_audit", Role.AUDIT_ADMIN, DEMO_COUNTY, "天河区审计管理员"),
    ("tianhe_system", Role.SYSTEM_ADMIN, DEMO_COUNTY, "天河区系统管理员"),
]


def seed_accounts(out: SupportsWrite[str]) -> None:
    User = get_user_model()
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    out.write(f"  admin / {DEMO_PASSWORD}  （超级用户，仅供安装）")
    for username, role, code, description in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username, defaults={"first_name": description})
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        region_grant(actor=admin, user=user, region_code=code, role=role)
        line = f"  {username} / {DEMO_PASSWORD}  （{description}）"
        if role == Role.SERVICE_ACCOUNT:
            _, key = api_token_create(actor=admin, user=user, name="演示", rotate=True)
            line += f"  API token: {key}"
        out.write(line)


def seed(*, scale: str, out: SupportsWrite[str]) -> None:
    ensure_real_regions()
    made = seed_villages(scale)
    out.write(f"regions: {Region.objects.count()} regions ({made} synthetic villages added)")
    out.write("Demo accounts 演示账号:")
    seed_accounts(out)


def demo_id_number(first17: str) -> str:
    """A valid resident ID number for demo and benchmark data, independent of regions.rules: the weights are
    computed (2^(17-i) mod 11, ISO 7064 MOD 11-2) rather than read from the rule's table."""
    remainder = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17)) % 11
    value = (12 - remainder) % 11
    return first17 + ("X" if value == 10 else str(value))


def demo_credit_code(first17: str) -> str:
    """A valid unified social credit code for demo data (GB 32100-2015), weights computed as 3^i mod 31."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return first17 + alphabet[-total % 31]
