"""Demo data for training: annual plans for every organiser in scope (the province, its cities, their counties)
for last year and this year, held and scheduled sessions, attendance with scores, certificates, compliance and a
few assessments. Idempotent: an organiser-year that already has a plan is left alone.

Uses staffing's workers; when the scale's area has none yet, registers a small team in 天河区 through
`staffing.services.worker_create` so the pages have people to show.
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from core.db import analyze
from regions.demo import DEMO_COUNTY, SCALE_SCOPE, demo_id_number, generated_history
from regions.models import Region
from regions.rules import ancestor_codes
from staffing.models import Worker
from staffing.services import worker_create

from . import services
from .choices import ORGANISER_LEVELS, TrainingForm, TrainingType
from .models import Assessment, Attendance, TrainingPlan

SAMPLE_PER_SESSION = 60

TOPICS = {
    TrainingType.PRE_JOB: (
        "新入职经办人员岗前培训",
        TrainingForm.POLICY,
        "社会救助政策体系、低保与特困审核确认、一门受理流程",
    ),
    TrainingType.ROTATION: (
        "社会救助经办人员定期轮训",
        TrainingForm.CASE,
        "家计调查实务、典型案例剖析、信息系统操作",
    ),
    TrainingType.ADVANCED: (
        "社会救助业务骨干进修班",
        TrainingForm.LECTURE,
        "政府购买服务、绩效评价、临时救助“先行救助”",
    ),
}


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _organisers(prefix: str) -> list[Region]:
    codes = set(ancestor_codes(prefix)) | {prefix}
    qs = Region.objects.filter(level__in=ORGANISER_LEVELS)
    return list(qs.filter(code__in=codes) | qs.filter(code__startswith=prefix))


def _ensure_workers(actor, prefix: str, today: dt.date, out) -> None:
    if Worker.objects.filter(region__code__startswith=prefix, status="active").exists():
        return
    rng = random.Random(7)
    family = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁"
    given = [
        "丽娟",
        "志强",
        "晓燕",
        "建华",
        "海燕",
        "伟",
        "敏",
        "静",
        "磊",
        "婷",
        "俊杰",
        "嘉欣",
        "子豪",
        "雅琪",
    ]
    townships = list(
        Region.objects.filter(code__startswith=DEMO_COUNTY, level="township").order_by("code")[:12]
    )
    made = 0
    for i, region in enumerate([Region.objects.get(code=DEMO_COUNTY), *townships]):
        for j in range(4 if region.level == "county" else 3):
            birth = dt.date(1975 + rng.randrange(25), 1 + rng.randrange(12), 1 + rng.randrange(28))
            body = f"{DEMO_COUNTY}{birth:%Y%m%d}{(i * 10 + j) % 1000:03d}"
            start = today - dt.timedelta(days=rng.choice([20, 45, 200, 500, 900, 1500, 2400]))
            worker_create(
                actor=actor,
                region=region,
                today=today,
                name=rng.choice(family) + rng.choice(given),
                id_number=demo_id_number(body),
                post="county_bureau" if region.level == "county" else "township",
                employment="established" if j == 0 else "dispatched",
                dispatching_org_name="" if j == 0 else "广州市天河区启航社会工作服务中心",
                dispatching_org_credit_code="" if j == 0 else "52440106MJL123456H",
                education="bachelor",
                start_date=start,
            )
            made += 1
    out.write(f"  training: registered {made} demo workers in 天河区 through staffing")


def _session(actor, plan, kind: TrainingType, day: dt.date, *, test: bool):
    title, form, topics = TOPICS[kind]
    return services.session_create(
        actor=actor,
        plan=plan,
        title=f"{plan.region.name}{title}",
        training_type=kind,
        form=form,
        starts_at=_aware(day, 9),
        ends_at=_aware(day, 17),
        hours=Decimal("6.0"),
        place=f"{plan.region.name}民政局培训室",
        trainers="省民政厅社会救助处、中山大学社会工作系",
        topics=topics,
        capacity=0,
        pass_score=Decimal("60") if test else None,
    )


def _attend(session, workers, rng: random.Random) -> None:
    rows = []
    for w in workers:
        short = rng.random() < 0.06
        rows.append(
            Attendance(
                session=session,
                worker=w,
                method=rng.choice(["staff", "excel", "code"]),
                signed_in_at=session.starts_at + dt.timedelta(minutes=rng.randrange(-30, 10)),
                hours=Decimal("3.0") if short else session.hours,
                score=Decimal(rng.randrange(52, 100)) if session.pass_score is not None else None,
            )
        )
    Attendance.objects.bulk_create(rows, ignore_conflicts=True)


def _plan(actor, organiser: Region, year: int) -> TrainingPlan:
    """The organiser's plan of `year` with its three planned trainings."""
    plan = services.plan_create(
        actor=actor,
        region=organiser,
        year=year,
        title=f"{organiser.name}{year}年社会救助业务培训计划",
    )
    for kind, month in (
        (TrainingType.PRE_JOB, 3),
        (TrainingType.ROTATION, 9),
        (TrainingType.ADVANCED, 11),
    ):
        title, form, topics = TOPICS[kind]
        services.planned_training_create(
            actor=actor,
            plan=plan,
            title=title,
            training_type=kind,
            form=form,
            month=month,
            topics=topics,
            target_workers="县、乡镇（街道）经办人员，村（社区）协理员",
            target_count=40,
            budget=Decimal("15000.00") if organiser.level == "county" else Decimal("60000.00"),
        )
    return plan


def _sessions(actor, plan, mine: list, today: dt.date, rng: random.Random, pre_job_done: set[int]) -> int:
    """The plan's held sessions (with attendance, completed) and this year's upcoming one; returns how many."""
    organiser, year = plan.region, plan.year
    made = 0
    # about one county in eight skips last year's training: the dashboard shows a gap
    skip = organiser.level == "county" and int(organiser.code[-2:]) % 8 == 5
    held_days = []
    if not skip:
        held_days.append((TrainingType.ROTATION, dt.date(year, 9, 16)))
    if organiser.level == "county":
        held_days.append((TrainingType.PRE_JOB, dt.date(year, 3, 12)))
    for kind, day in held_days:
        if day >= today:
            continue
        session = _session(actor, plan, kind, day, test=kind == TrainingType.ROTATION)
        if kind == TrainingType.PRE_JOB:
            # new hires, and earlier hires without pre-job training on file (补训: completed late)
            attendees = [
                w for w in mine if w.start_date <= day + dt.timedelta(days=25) and w.pk not in pre_job_done
            ]
            pre_job_done.update(w.pk for w in attendees if rng.random() < 0.9)
        else:
            attendees = [w for w in mine if w.start_date <= day and rng.random() < 0.85]
        _attend(session, attendees, rng)
        services.session_complete(actor=actor, session=session)
        made += 1
    upcoming = today + dt.timedelta(days=12)
    if year == today.year and upcoming.year == year:
        session = _session(actor, plan, TrainingType.ADVANCED, upcoming, test=False)
        if mine:
            services.invitation_create(actor=actor, session=session, workers=mine[:20])
        made += 1
    return made


def seed(*, scale: str, out) -> None:
    prefix = SCALE_SCOPE[scale].prefix
    actor = get_user_model().objects.filter(is_superuser=True).order_by("pk").first()
    today = timezone.localdate()
    rng = random.Random(2018170)
    _ensure_workers(actor, prefix, today, out)
    workers = list(
        Worker.objects.filter(region__code__startswith=prefix, status="active").select_related("region")
    )
    made = 0
    pre_job_done: set[int] = set(
        Attendance.objects.filter(session__training_type=TrainingType.PRE_JOB, completed=True).values_list(
            "worker_id", flat=True
        )
    )
    for year in (today.year - 1, today.year):
        with transaction.atomic():
            for organiser in sorted(_organisers(prefix), key=lambda r: r.code):
                if TrainingPlan.objects.filter(region=organiser, year=year).exists():
                    continue
                mine = [w for w in workers if w.region.code.startswith(organiser.code)]
                if organiser.level != "county":
                    mine = rng.sample(mine, min(len(mine), SAMPLE_PER_SESSION))
                with generated_history(scale, organiser.code):
                    plan = _plan(actor, organiser, year)
                    made += _sessions(actor, plan, mine, today, rng, pre_job_done)
    analyze()  # the sessions and attendance just written: the recompute's plan needs their statistics
    for year in (today.year - 1, today.year):
        services.organiser_compliance_recompute(year=year, prefix=prefix[:2])
        services.worker_compliance_recompute(year=year, prefix=prefix)
    _assess(actor, workers[:8], today.year - 1)
    out.write(f"training: {TrainingPlan.objects.count()} plans, {made} sessions added, compliance recomputed")


def _assess(actor, workers, year: int) -> None:
    grades = ["excellent", "competent", "competent", "basic"]
    for i, worker in enumerate(workers):
        if worker.start_date.year > year or Assessment.objects.filter(worker=worker, year=year).exists():
            continue
        services.assessment_record(
            actor=actor,
            worker=worker,
            year=year,
            grade=grades[i % len(grades)],
            judgement="按时参训，业务熟练，群众评价较好" if i % 4 != 3 else "参训不足，需加强政策学习",
        )
