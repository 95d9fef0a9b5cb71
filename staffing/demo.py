"""Demo data: workers with postings and 12 months of village caseloads on the real townships and synthetic villages.

Deterministic (seeded random), idempotent (a scope that already has workers or a month's caseloads is left alone),
and fast at province scale (~30,000 workers, ~300,000 caseload rows): bulk inserts, no per-row signals.
"""

from __future__ import annotations

import datetime as dt
import io
import random

from django.db import connection, transaction
from django.utils import timezone

from regions.choices import RegionLevel
from regions.demo import SCALE_SCOPE, demo_credit_code, demo_id_number
from regions.models import Region
from regions.personal import keyed_hash

from . import services
from .choices import Education, Employment, Post, PostingKind, WorkerStatus
from .models import Caseload, Posting, RecruitmentRound, Worker
from .rules import period_of, previous_period

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许邓冯韩曹曾彭萧蔡潘田董袁于余叶蒋杜苏魏程吕丁沈任姚卢钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬斌宇浩凯健俊帆帅旭宁颖琳晨欣怡婷雪慧佳嘉子梓涵晓东海波辉鹏飞鑫志坚文博思远"
ORGS = ["社会工作服务中心", "社工服务社", "社会服务中心", "人力资源服务有限公司"]
MONTHS = 12


def _name(rnd: random.Random) -> str:
    return rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2, 2))))


def _id_number(rnd: random.Random, area: str, birth: dt.date, serial: int) -> str:
    body = f"{area}{birth:%Y%m%d}{serial % 1000:03d}"
    return demo_id_number(body)


def _credit_code(county: str, n: int) -> str:
    body = f"52{county}MJ{n:07d}"
    return demo_credit_code(body)


def _worker(rnd: random.Random, region: Region, post: str, serial: int, today: dt.date) -> Worker:
    birth = dt.date(rnd.randint(1968, 2001), rnd.randint(1, 12), rnd.randint(1, 28))
    dispatched = post != Post.COUNTY_BUREAU and rnd.random() < 0.55
    county = region.code[:6]
    education = rnd.choices(
        [Education.POSTGRADUATE, Education.BACHELOR, Education.COLLEGE, Education.SECONDARY],
        weights=[3, 35, 45, 17],
    )[0]
    graduation = dt.date(birth.year + rnd.randint(20, 24), 7, 1)
    # most started years ago; a few during the demo year, so monthly figures move
    start = (
        dt.date(rnd.randint(2012, 2024), rnd.randint(1, 12), 1)
        if rnd.random() < 0.93
        else today - dt.timedelta(days=rnd.randint(20, 330))
    )
    id_number = _id_number(rnd, county if rnd.random() < 0.8 else "445221", birth, serial)
    phone = f"1{rnd.choice('3578')}{rnd.randint(0, 9)}{serial % 100000000:08d}"
    org_no = rnd.randint(1, 3)
    return Worker(
        name=_name(rnd),
        id_number=id_number,
        id_number_hash=keyed_hash(id_number),
        phone=phone,
        phone_hash=keyed_hash(phone),
        region=region,
        post=post,
        employment=Employment.DISPATCHED if dispatched else Employment.ESTABLISHED,
        dispatching_org_name=f"{region.name[:6]}{ORGS[org_no % len(ORGS)]}" if dispatched else "",
        dispatching_org_credit_code=_credit_code(county, org_no) if dispatched else "",
        education=education,
        full_time=rnd.random() < 0.85,
        social_work_qualification=rnd.random() < 0.3,
        veteran=rnd.random() < 0.06,
        birth_date=birth,
        graduation_date=graduation if graduation < today else None,
        computer_literate=rnd.random() < 0.95,
        start_date=start,
        status=WorkerStatus.ACTIVE,
    )


@transaction.atomic
def seed_workers(prefix: str, *, today: dt.date) -> int:
    """Staff for every county bureau and township, and 0–3 coordinators per village (most 1–2)."""
    if Worker.objects.filter(region__code__startswith=prefix).exists():
        return 0
    rnd = random.Random(f"staffing-workers-{prefix}")
    regions = list(
        Region.objects.filter(
            code__startswith=prefix,
            level__in=(RegionLevel.COUNTY, RegionLevel.TOWNSHIP, RegionLevel.VILLAGE),
        ).order_by("code")
    )
    workers: list[Worker] = []
    serial = 0
    for region in regions:
        if region.level == RegionLevel.COUNTY:
            plan = [Post.COUNTY_BUREAU] * rnd.choice((2, 3, 4, 4, 5, 6, 6, 8, 10, 11))
        elif region.level == RegionLevel.TOWNSHIP:
            plan = [Post.TOWNSHIP] * rnd.choice((1, 2, 2, 3, 3, 4, 4, 5, 6, 7))
            plan += [Post.SUPPORT_INSTITUTION] * (rnd.random() < 0.15)
        else:
            plan = [Post.VILLAGE_COORDINATOR] * rnd.choices((0, 1, 2, 3), weights=(20, 68, 11, 1))[0]
        for post in plan:
            serial += 1
            workers.append(_worker(rnd, region, post, serial, today))
    Worker.objects.bulk_create(workers, batch_size=5000)
    if any(w.pk is None for w in workers):
        raise RuntimeError("bulk_create returned no ids: the demo seeder needs PostgreSQL or SQLite 3.35+")
    Posting.objects.bulk_create(
        [
            Posting(
                worker_id=w.pk,
                region_id=w.region_id,
                post=w.post,
                kind=PostingKind.HIRE,
                started_on=w.start_date,
                reason="入职（演示数据）",
            )
            for w in workers
        ],
        batch_size=5000,
    )
    return len(workers)


@transaction.atomic
def seed_caseloads(prefix: str, periods: list[str]) -> int:
    """Village caseloads for each period: a stable base per village that drifts a little month to month."""
    done = set(
        Caseload.objects.filter(region__code__startswith=prefix, period__in=periods)
        .values_list("period", flat=True)
        .distinct()
    )
    todo = [p for p in periods if p not in done]
    if not todo:
        return 0
    villages = list(
        Region.objects.filter(code__startswith=prefix, level=RegionLevel.VILLAGE)
        .order_by("code")
        .values_list("pk", "code")
    )
    rnd = random.Random(f"staffing-caseloads-{prefix}")
    base = {}
    for pk, code in villages:
        # rural townships (codes from 100) have more aid households than city streets
        rural = code[6:9] >= "100"
        base[pk] = (
            rnd.randint(12, 70) if rural else rnd.randint(3, 35),
            rnd.randint(0, 9) if rural else rnd.randint(0, 3),
            rnd.randint(0, 6),
        )
    rows = []
    for index, period in enumerate(sorted(todo)):
        for pk, (dibao, tekun, temporary) in base.items():
            drift = 1 + (index - 6) * 0.01 + rnd.uniform(-0.03, 0.03)
            rows.append(
                Caseload(
                    region_id=pk,
                    period=period,
                    dibao_households=max(0, round(dibao * drift)),
                    tekun_households=tekun,
                    temporary_households=max(0, temporary + rnd.randint(-2, 2)),
                )
            )
    if connection.vendor == "postgresql":
        _copy_caseloads(rows)
    else:
        Caseload.objects.bulk_create(rows, batch_size=5000)
    return len(rows)


def _copy_caseloads(rows: list[Caseload]) -> None:
    """PostgreSQL: COPY ~300,000 rows in a few seconds (bulk INSERT takes most of a minute)."""
    now = timezone.now().isoformat()
    buf = io.StringIO(
        "".join(
            f"{c.region_id}\t{c.period}\t{c.dibao_households}\t{c.tekun_households}\t"
            f"{c.temporary_households}\t{now}\n"
            for c in rows
        )
    )
    columns = "region_id, period, dibao_households, tekun_households, temporary_households, updated_at"
    with connection.cursor() as cursor:
        cursor.cursor.copy_expert(f"COPY {Caseload._meta.db_table} ({columns}) FROM STDIN", buf)


def demo_periods(today: dt.date) -> list[str]:
    """The 12 months before the running month."""
    periods = [previous_period(period_of(today))]
    while len(periods) < MONTHS:
        periods.append(previous_period(periods[-1]))
    return sorted(periods)


def seed_story(today: dt.date) -> str:
    """In 天河区: two reassignments with reasons (二(五)) and a ranked recruitment round (二(二)). Idempotent."""
    county = Region.objects.filter(code="440106").first()
    if county is None or RecruitmentRound.objects.filter(region=county).exists():
        return "story already there"
    moved = 0
    townships = list(Region.objects.filter(parent=county).order_by("code")[:3])
    for worker in Worker.objects.filter(region__in=townships[:2], post=Post.TOWNSHIP).order_by("pk")[:2]:
        target = townships[2] if len(townships) > 2 else townships[0]
        if target.pk != worker.region_id:
            services.worker_reassign(
                actor=None,
                worker=worker,
                to_region=target,
                reason="年度考核不适宜原岗位，调整到乡镇救助窗口（演示）",
                on=today - dt.timedelta(days=40 + moved),
            )
            moved += 1
    round_ = services.round_create(
        actor=None,
        region=county,
        title=f"{today.year}年天河区社会救助经办人员公开招聘（演示）",
        round_date=today - dt.timedelta(days=10),
        dispatching_org_name="天河区启智社会工作服务中心",
        dispatching_org_credit_code=_credit_code("440106", 9),
    )
    for township in townships[:2]:
        services.round_post_add(actor=None, round=round_, region=township, post=Post.TOWNSHIP, openings=1)
    rnd = random.Random("staffing-recruitment")
    for i in range(8):
        birth = dt.date(rnd.randint(1988, 2003), rnd.randint(1, 12), rnd.randint(1, 28))
        services.candidate_add(
            actor=None,
            round=round_,
            name=_name(rnd),
            id_number=_id_number(rnd, "440106", birth, 900 + i),
            education=rnd.choice(
                [Education.BACHELOR, Education.COLLEGE, Education.COLLEGE, Education.SECONDARY]
            ),
            full_time=rnd.random() < 0.9,
            computer_literate=True,
            social_work_qualification=rnd.random() < 0.4,
            veteran=rnd.random() < 0.2,
            graduation_date=dt.date(min(birth.year + 22, today.year), 7, 1),
            score=str(rnd.choice([78, 82, 85, 85, 88, 90])),
        )
    services.round_rank(actor=None, round=round_)
    return f"{moved} reassignments, recruitment round with 8 candidates"


def seed(*, scale: str, out) -> None:
    prefix = SCALE_SCOPE[scale].prefix
    today = timezone.localdate()
    made = seed_workers(prefix, today=today)
    out.write(
        f"staffing: {made} workers added ({Worker.objects.filter(region__code__startswith=prefix).count()} in {prefix})"
    )
    periods = demo_periods(today)
    rows = seed_caseloads(prefix, periods)
    out.write(f"staffing: {rows} caseload rows added for {periods[0]}…{periods[-1]}")
    story = seed_story(today)
    recompute = periods if scale != "province" else periods[-3:]
    for period in recompute:
        services.compliance_recompute(period, today=today)
    out.write(f"staffing: compliance computed for {', '.join(recompute)}")
    out.write(f"staffing: {story}")
