"""Factories for procurement tests (Faker zh_CN)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from procurement import models, services
from procurement.choices import (
    ContractorKind,
    FundingSource,
    Method,
    ProjectStatus,
    StandardDimension,
    TakeoverParty,
)
from tests.factories import RegionFactory, UserFactory
from tests.factories.identifiers import credit_code as _credit_code


def credit_code(prefix: str = "52", n: int = 0) -> str:
    """A valid unified social credit code starting with `prefix` (5 2 = 民办非企业单位)."""
    body = f"{prefix}440106{n:09d}"[:17]
    body = body + "0" * (17 - len(body))
    return _credit_code(body)


class ContractorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contractor

    name = factory.Sequence(lambda n: f"广州市社会工作服务中心{n}")
    credit_code = factory.Sequence(lambda n: credit_code("52", n + 1))
    kind = ContractorKind.SOCIAL_ORG
    legal_representative = factory.Faker("name")
    contact_name = factory.Faker("name")
    contact_phone = factory.Faker("phone_number")
    region = factory.SubFactory(RegionFactory, code="440106")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Project

    purchaser = factory.SubFactory(RegionFactory, code="440106")
    year = 2026
    title = factory.Sequence(lambda n: f"特困人员照料护理服务项目{n}")
    budget = Decimal("500000.00")
    funding_source = FundingSource.WORK_FUNDS
    method = Method.BELOW_LIMIT
    status = ProjectStatus.SELECTED


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Contract

    project = factory.SubFactory(ProjectFactory, status=ProjectStatus.CONTRACTED)
    contractor = factory.SubFactory(ContractorFactory)
    number = factory.Sequence(lambda n: f"HT-2026-{n:04d}")
    amount = Decimal("450000.00")
    signed_on = dt.date(2026, 1, 10)
    start_date = dt.date(2026, 2, 1)
    end_date = dt.date(2026, 12, 31)


class ContractStandardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ContractStandard

    contract = factory.SubFactory(ContractFactory)
    dimension = StandardDimension.QUANTITY
    indicator = "上门照料服务人次"
    target = "≥1200人次"


class TakeoverPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.TakeoverPlan

    contract = factory.SubFactory(ContractFactory)
    party = TakeoverParty.PURCHASER_STAFF
    staff_description = "街道社会救助经办人员2名"
    triggers = "承接主体连续5个工作日不能提供服务"
    handover = "按服务对象名册逐户交接，24小时内完成"


class SanctionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Sanction

    region = factory.SubFactory(RegionFactory, code="440106")
    # registered where it was sanctioned unless a test says otherwise (the registering region sees its sanctions)
    contractor = factory.SubFactory(ContractorFactory, region=factory.SelfAttribute("..region"))
    kind = "breach"
    reason = "未按合同提供服务"
    decided_on = dt.date(2026, 1, 5)
    decided_by = factory.SubFactory(UserFactory)


def record_result(
    contractor,
    *,
    published_on: dt.date,
    grade: str = "良好",
    failed: bool = False,
    score: Decimal = Decimal("85.00"),
    period: str = "2025年度",
    title: str | None = None,
    evaluation_ref: int | None = None,
    url: str = "",
) -> models.ContractorResult:
    """A published evaluation result of `contractor` as evaluation pushes it (on a contract of its own)."""
    contract = ContractFactory(contractor=contractor, **({"project__title": title} if title else {}))
    _results["n"] += 1
    return services.contractor_result_record(
        contract=contract,
        period=period,
        grade=grade,
        failed=failed,
        score=score,
        published_on=published_on,
        evaluation_ref=evaluation_ref or 900000 + _results["n"],
        url=url or f"/evaluation/public/{_results['n']}/",
    )


_results = {"n": 0}
