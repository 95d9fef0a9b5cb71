"""Demo data: a window in every township (and a few villages) of the scale's scope, staff on duty, a month of cases in
every state (some overdue, some cross-region), appointment slots for the coming week. Idempotent.

Cases go through the real services; to spread them over the past month, the clock is set back while each one is
taken in and moved (`timezone.now` patched, demo only), so numbers, events and due dates stay consistent.
"""

from __future__ import annotations

import datetime as dt
import random
from unittest import mock

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from regions.choices import RegionLevel
from regions.demo import DEMO_COUNTY, DEMO_TOWNSHIP, SCALE_SCOPE, demo_id_number, generated_history
from regions.models import Region

from . import services
from .choices import CaseCategory, CaseChannel, TransferKind
from .models import Appointment, AppointmentSlot, Case, ServiceWindow
from .reference import load_reference

CASES = {"county": 300, "city": 1000, "province": 2000}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
DESCRIPTIONS = {
    "dibao": "家庭收入低于当地低保标准，申请最低生活保障",
    "tekun": "老人无劳动能力、无生活来源、无法定赡养人，申请特困供养",
    "temporary": "家庭成员突发重病，医疗费用支出大，申请临时救助",
    "medical": "住院自付费用较高，咨询并申请医疗救助",
    "education": "子女上学费用困难，申请教育救助",
    "housing": "住房破旧，申请住房救助",
    "employment": "家庭成员失业，申请就业帮扶",
    "disaster": "台风导致房屋受损，申请受灾人员救助",
    "consultation": "咨询社会救助政策和申请材料",
    "other": "其他生活困难求助",
}


def _id_number(rng: random.Random) -> str:
    birth = dt.date(1940, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 65))
    body = f"440106{birth:%Y%m%d}{rng.randrange(0, 1000):03d}"
    return demo_id_number(body)


def _township_window(town: Region, i: int, duty, county_staff) -> ServiceWindow:
    window = ServiceWindow.objects.create(
        region=town,
        name=f"{town.name}社会救助窗口",
        address=f"{town.name}政务服务中心一楼",
        hours="周一至周五 9:00-12:00，14:00-17:30",
        phone=f"020-8{int(town.code[-6:]):07d}"[:13],
        has_signage=True,
        has_fixed_posts=True,
        has_duties=i % 3 != 0,
        has_service_rules=i % 4 != 0,
        has_policies_displayed=i % 5 != 0,
        duty_officer=duty,
    )
    window.staff.add(*{duty, *([county_staff] if county_staff and town.code.startswith(DEMO_COUNTY) else [])})
    return window


def _seed_windows(scale: str, out) -> list[ServiceWindow]:
    User = get_user_model()
    admin = User.objects.get(username="admin")
    wushan = User.objects.filter(username="wushan").first()
    county_staff = User.objects.filter(username="tianhe_staff").first()
    prefix = SCALE_SCOPE[scale].prefix
    townships = list(
        Region.objects.filter(level=RegionLevel.TOWNSHIP, code__startswith=prefix).order_by("code")
    )
    existing = set(
        ServiceWindow.objects.filter(region__code__startswith=prefix).values_list("region_id", flat=True)
    )
    made = 0
    for i, town in enumerate(townships):
        if town.pk in existing:
            continue
        if town.code == DEMO_TOWNSHIP and wushan:
            duty = wushan
        elif town.code.startswith(DEMO_COUNTY) and county_staff:
            duty = county_staff
        else:
            duty = admin
        with generated_history(scale, town.code):
            _township_window(town, i, duty, county_staff)
        made += 1
    villages = list(
        Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith=DEMO_COUNTY).order_by("code")[:4]
    )
    for village in villages:
        if not ServiceWindow.objects.filter(region=village).exists() and county_staff:
            window = ServiceWindow.objects.create(
                region=village,
                name=f"{village.name}救助服务站",
                hours="周一至周五 9:00-17:00",
                has_signage=True,
                has_fixed_posts=True,
                duty_officer=county_staff,
            )
            window.staff.add(county_staff)
            made += 1
    out.write(f"windows: {made} service windows added")
    return list(
        ServiceWindow.objects.filter(
            region__code__startswith=prefix, region__level=RegionLevel.TOWNSHIP
        ).select_related("region", "duty_officer")
    )


def _advance(case: Case, actor, rng: random.Random, townships: list[Region]) -> None:
    """Move a case some way along its life (each step a real service call)."""
    roll = rng.random()
    if case.status == "received":
        if roll < 0.12:
            return  # still waiting to be accepted (some will be overdue)
        if roll < 0.17:
            services.case_reject(
                actor=actor,
                case=case,
                reason="不属于社会救助范围",
                told="请携带户口簿、身份证到人社部门咨询就业援助",
            )
            return
        services.case_accept(actor=actor, case=case)
        case.refresh_from_db()
    if case.status == "transferred":
        return  # waiting for the receiving township
    if roll < 0.3:
        return
    if roll < 0.4 and len(townships) > 1:
        target = rng.choice([t for t in townships if t.code != case.region_code])
        services.case_transfer(
            actor=actor,
            case=case,
            kind=TransferKind.REGION,
            to_region=target,
            reason="申请人实际居住地在该街道，转居住地办理",
        )
        return
    services.case_assign(actor=actor, case=case, unit=rng.choice(["社会事务办", "民政办", "社工站"]))
    if roll < 0.55:
        return
    services.case_feedback(
        actor=actor,
        case=case,
        method=rng.choice(["phone", "in_person", "sms"]),
        content="已告知审核结果和后续安排",
        public_note="已告知办理结果",
    )
    if roll < 0.7:
        return
    services.case_close(actor=actor, case=case)


def _seed_cases(scale: str, windows: list[ServiceWindow], out) -> None:
    prefix = SCALE_SCOPE[scale].prefix
    if Case.objects.filter(accepting_region__code__startswith=prefix).exists() or not windows:
        out.write("cases: already seeded")
        return
    rng = random.Random(170)
    townships = [w.region for w in windows]
    villages_by_town: dict[str, list[int]] = {}
    for code, pk in Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith=prefix).values_list(
        "code", "pk"
    ):
        villages_by_town.setdefault(code[:9], []).append(pk)
    village_objs = {
        r.pk: r for r in Region.objects.filter(level=RegionLevel.VILLAGE, code__startswith=prefix)
    }
    # weight the demo township so the demo accounts have plenty to look at
    demo = [w for w in windows if w.region.code.startswith(DEMO_COUNTY)]
    categories = CaseCategory.values
    weights = [30, 8, 20, 10, 6, 5, 5, 3, 10, 3]
    now = timezone.now()
    total = CASES[scale]
    for i in range(total):
        window = rng.choice(demo) if demo and rng.random() < 0.6 else rng.choice(windows)
        actor = window.duty_officer
        home_town = window.region.code if rng.random() > 0.1 else rng.choice(townships).code
        home = village_objs.get(rng.choice(villages_by_town.get(home_town) or [0])) or window.region
        when = now - dt.timedelta(
            days=rng.randrange(0, 30), hours=rng.randrange(0, 8), minutes=rng.randrange(0, 60)
        )
        category = rng.choices(categories, weights)[0]
        with (
            mock.patch("django.utils.timezone.now", return_value=when),
            transaction.atomic(),
            generated_history(scale, window.region.code),
        ):
            intake = services.case_receive(
                actor=actor,
                applicant_name=rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice([1, 2]))),
                id_number=_id_number(rng),
                phone=f"13{rng.randrange(0, 10)}{rng.randrange(0, 10**8):08d}",
                household_region=home,
                category=category,
                channel=rng.choices(CaseChannel.values, [55, 20, 20, 5])[0],
                description=DESCRIPTIONS[category],
                window=window,
            )
            _advance(intake.case, actor, rng, townships)
        if (i + 1) % 250 == 0:
            out.write(f"  cases: {i + 1}/{total}")
    marked = services.cases_mark_overdue()
    out.write(f"cases: {total} added ({marked} overdue marked and notified)")


def _seed_slots(windows: list[ServiceWindow], out) -> None:
    today = timezone.localdate()
    made = 0
    for window in windows[:20]:
        for offset in range(1, 8):
            day = today + dt.timedelta(days=offset)
            if day.weekday() >= 5:
                continue
            made += len(
                services.slots_publish(
                    actor=window.duty_officer,
                    window=window,
                    day=day,
                    times=[
                        (dt.time(9), dt.time(10, 30)),
                        (dt.time(10, 30), dt.time(12)),
                        (dt.time(14), dt.time(16)),
                    ],
                    capacity=4,
                )
            )
    rng = random.Random(2018)
    if Appointment.objects.filter(slot__window__in=windows[:5]).exists():
        out.write(f"appointments: {made} slots published")
        return
    for slot in AppointmentSlot.objects.filter(
        window__in=windows[:5], booked=0, starts_at__gt=timezone.now()
    )[:12]:
        services.appointment_book(
            actor=slot.window.duty_officer,
            slot=slot,
            applicant_name=rng.choice(SURNAMES) + rng.choice(GIVEN),
            id_number=_id_number(rng),
            phone=f"139{rng.randrange(0, 10**8):08d}",
            category="dibao",
            note="网上预约",
        )
    out.write(f"appointments: {made} slots published")


def seed(*, scale: str, out) -> None:
    load_reference()
    windows = _seed_windows(scale, out)
    _seed_cases(scale, windows, out)
    _seed_slots(windows, out)
