"""Factories for the windows app: windows, cases through the service (so numbers and events are real)."""

from __future__ import annotations

import datetime as dt

import factory

from tests.factories.identifiers import resident_id
from windows.models import ServiceWindow
from windows.services import case_receive


def id_number(seq: int = 1, birth: dt.date = dt.date(1980, 5, 17), area: str = "440106") -> str:
    """A valid resident ID number (right check character)."""
    body = f"{area}{birth:%Y%m%d}{seq % 1000:03d}"
    return resident_id(body)


class ServiceWindowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceWindow

    name = factory.Sequence(lambda n: f"社会救助窗口{n}")
    address = "政务服务中心一楼"
    hours = "周一至周五 9:00-12:00 14:00-17:30"
    has_signage = True
    has_fixed_posts = True


def make_case(
    actor,
    window,
    *,
    household=None,
    category="dibao",
    channel="walk_in",
    accept=False,
    seq=1,
    phone="13800138000",
    **extra,
):
    """A case received at `window` by `actor` through the intake service."""
    return case_receive(
        actor=actor,
        applicant_name=extra.pop("applicant_name", "张三"),
        id_number=extra.pop("id_number", id_number(seq)),
        phone=phone,
        household_region=household or window.region,
        category=category,
        channel=channel,
        description=extra.pop("description", "家庭困难，申请低保"),
        window=window,
        accept_now=accept,
        **extra,
    ).case
