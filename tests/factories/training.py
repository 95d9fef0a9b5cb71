"""Factories for training tests (plans, planned trainings, sessions)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from tests.factories.identifiers import resident_id
from training.choices import TrainingForm, TrainingType
from training.models import PlannedTraining, TrainingPlan, TrainingSession


def aware(year: int, month: int, day: int, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(year, month, day, hour, 0))


class TrainingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingPlan
        django_get_or_create = ("region", "year")

    year = 2026
    title = factory.LazyAttribute(lambda o: f"{o.region.name}{o.year}年社会救助业务培训计划")


class PlannedTrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedTraining

    plan = factory.SubFactory(TrainingPlanFactory)
    title = "社会救助政策解读"
    training_type = TrainingType.ROTATION
    form = TrainingForm.POLICY
    month = 5
    target_count = 40
    budget = Decimal("12000.00")


class TrainingSessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TrainingSession

    plan = factory.SubFactory(TrainingPlanFactory)
    region = factory.LazyAttribute(lambda o: o.plan.region)
    title = factory.Sequence(lambda n: f"社会救助业务培训班第{n}期")
    training_type = TrainingType.ROTATION
    form = TrainingForm.LECTURE
    starts_at = factory.LazyAttribute(lambda o: aware(o.plan.year, 5, 12, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=7))
    hours = Decimal("6.0")
    place = "区民政局三楼会议室"
    sign_in_code = factory.Sequence(lambda n: f"T{n:05d}")


_serial = __import__("itertools").count(500)


def id_number(birth: dt.date = dt.date(1991, 3, 9), area: str = "440106") -> str:
    """A valid resident ID number (GB 11643-1999), unique per call."""
    body = f"{area}{birth:%Y%m%d}{next(_serial) % 1000:03d}"
    return resident_id(body)


class WorkerFactory(factory.django.DjangoModelFactory):
    """A staffing worker for training tests (only the fields training reads matter here)."""

    class Meta:
        model = "staffing.Worker"

    name = factory.Faker("name")
    id_number = factory.LazyFunction(id_number)
    post = "township"
    employment = "established"
    education = "bachelor"
    birth_date = dt.date(1991, 3, 9)
    start_date = dt.date(2024, 1, 1)
    status = "active"


class AttendanceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "training.Attendance"

    session = factory.SubFactory(TrainingSessionFactory)
    worker = factory.SubFactory(WorkerFactory)
    method = "staff"
    signed_in_at = factory.LazyAttribute(lambda o: o.session.starts_at)
    hours = factory.LazyAttribute(lambda o: o.session.hours)
