"""Factories for staffing tests (valid ID numbers and credit codes are computed, never hard-coded)."""

from __future__ import annotations

import datetime as dt
import itertools

import factory
from stdnum.cn import ric, uscc

from staffing.choices import Education, Employment, Post, PostingKind, WorkerStatus
from staffing.models import Caseload, Posting, Worker

_serial = itertools.count(100)


def id_number(birth: dt.date = dt.date(1990, 5, 17), area: str = "440106") -> str:
    """A valid resident ID number (GB 11643-1999) for `birth`, unique per call."""
    body = f"{area}{birth:%Y%m%d}{next(_serial) % 1000:03d}"
    return body + ric.calc_check_digit(body)


def credit_code(seed: int = 1) -> str:
    """A valid unified social credit code (GB 32100-2015)."""
    body = f"52440106MJ{seed:07d}"
    return body + uscc.calc_check_digit(body)


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
