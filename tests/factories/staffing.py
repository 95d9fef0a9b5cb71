"""Factories for staffing tests (valid ID numbers and credit codes are computed, never hard-coded)."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import factory
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from staffing import services
from staffing.choices import Education, Employment, Post, PostingKind, WorkerStatus
from staffing.models import Caseload, Posting, Worker
from tests.factories.identifiers import credit_code as _credit_code
from tests.factories.identifiers import resident_id

_serial = itertools.count(100)


def id_number(birth: dt.date = dt.date(1990, 5, 17), area: str = "440106") -> str:
    """A valid resident ID number (GB 11643-1999) for `birth`, unique per call."""
    body = f"{area}{birth:%Y%m%d}{next(_serial) % 1000:03d}"
    return resident_id(body)


def credit_code(seed: int = 1) -> str:
    """A valid unified social credit code (GB 32100-2015)."""
    body = f"52440106MJ{seed:07d}"
    return _credit_code(body)


class WorkerFactory(factory.django.DjangoModelFactory):
    """A worker with an open hire posting (use services in tests about behaviour; this is for fixtures)."""

    class Meta:
        model = Worker
        skip_postgeneration_save = True

    name = factory.Faker("name")
    id_number = factory.LazyFunction(id_number)
    phone = factory.Faker("phone_number")
    post = Post.TOWNSHIP
    employment = Employment.ESTABLISHED
    education = Education.BACHELOR
    birth_date = dt.date(1990, 5, 17)
    start_date = dt.date(2024, 1, 1)
    status = WorkerStatus.ACTIVE

    @factory.post_generation
    def posting(obj, create, extracted, **kwargs):
        if create:
            Posting.objects.create(
                worker=obj, region=obj.region, post=obj.post, kind=PostingKind.HIRE, started_on=obj.start_date
            )


class CaseloadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Caseload

    period = "2026-10"
    dibao_households = 100
    tekun_households = 10
    temporary_households = 0


def compliance_scenario(regions, *, period: str = "2026-10", today: dt.date = dt.date(2026, 11, 1)) -> None:
    """Caseloads in both test counties, two township workers at 440106002 and a coordinator in one village of
    440106001, and the period's compliance computed."""
    CaseloadFactory(region=regions.a1_village, dibao_households=400)
    CaseloadFactory(region=regions.a2_village, dibao_households=50)
    CaseloadFactory(region=regions.b1, dibao_households=50)
    WorkerFactory(region=regions.a2, post=Post.TOWNSHIP)
    WorkerFactory(region=regions.a2, post=Post.TOWNSHIP)
    WorkerFactory(region=regions.a1_village, post=Post.VILLAGE_COORDINATOR)
    services.compliance_recompute(period, today=today)


def caseload_xlsx(rows) -> SimpleUploadedFile:
    """An uploaded caseload spreadsheet with the template's header row and `rows`."""
    wb = Workbook()
    ws = wb.active
    ws.append(["区划代码", "名称", "月份", "低保户数", "特困户数", "临时救助户数"])
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return SimpleUploadedFile("户数.xlsx", buf.getvalue())


ROUND_DATE = dt.date(2026, 7, 1)


def open_round(actor, county):
    """A recruitment round of `county` opened by `actor`, dated ROUND_DATE."""
    return services.round_create(
        actor=actor,
        region=county,
        title="2026 年天河区社会救助经办人员招聘",
        round_date=ROUND_DATE,
        dispatching_org_name="天河区社工服务中心",
        dispatching_org_credit_code=credit_code(3),
    )


def add_candidate(actor, round_, name, score, *, birth=dt.date(1990, 1, 1), **extra):
    """An applicant (college, no graduation date unless given) registered in `round_`."""
    fields = {"education": "college", "graduation_date": None, "score": score, **extra}
    return services.candidate_add(actor=actor, round=round_, name=name, id_number=id_number(birth), **fields)
