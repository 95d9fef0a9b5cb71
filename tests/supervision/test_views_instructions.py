"""Supervision on the pages: the window page shows its instructions, issuing and answering by form (一(七))."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from supervision.models import Instruction
from tests.factories.windows import ServiceWindowFactory

pytestmark = pytest.mark.django_db


def form(**over):
    data = {
        "kind": "instruction",
        "finding": "值班人员未设置",
        "requirement": "设置值班人员",
        "deadline": (timezone.localdate() + dt.timedelta(days=5)).isoformat(),
    }
    data.update(over)
    return data


def test_the_city_issues_from_the_window_page_and_the_county_sees_it_there(regions, actors, web):
    window = ServiceWindowFactory(region=regions.a1, name="五山街道窗口", duty_officer=actors.township_a1)
    city = web(actors.city_viewer)
    assert "下达检查或督办意见" in city.get(f"/windows/windows/{window.pk}/").content.decode()
    city.post(f"/supervision/new/?kind=windows.servicewindow&id={window.pk}", form())
    assert Instruction.objects.count() == 1
    page = web(actors.county_admin).get(f"/windows/windows/{window.pk}/").content.decode()
    assert "值班人员未设置" in page and "下达检查或督办意见" not in page


def test_the_county_answers_and_the_city_closes_by_form(regions, actors, web):
    window = ServiceWindowFactory(region=regions.a1)
    web(actors.city_viewer).post(f"/supervision/new/?kind=windows.servicewindow&id={window.pk}", form())
    made = Instruction.objects.get()
    web(actors.county_admin).post(
        f"/supervision/{made.pk}/answer/", {"rectification": "已设置", "evidence": "排班表"}
    )
    web(actors.city_viewer).post(f"/supervision/{made.pk}/return/", {"note": "排班表未签字"})
    web(actors.county_admin).post(
        f"/supervision/{made.pk}/answer/", {"rectification": "已签字", "evidence": "排班表"}
    )
    web(actors.city_viewer).post(f"/supervision/{made.pk}/close/", {"note": ""})
    made.refresh_from_db()
    assert (made.status, made.returned_count) == ("closed", 1)
    assert "办结" in web(actors.county_admin).get(f"/supervision/{made.pk}/").content.decode()


def test_a_region_has_its_supervision_page(regions, actors, web):
    text = (
        web(actors.city_viewer).get(f"/supervision/?kind=regions.region&id={regions.a1.pk}").content.decode()
    )
    assert "下达检查或督办意见" in text


def test_another_countys_instruction_is_404(regions, actors, web):
    window = ServiceWindowFactory(region=regions.a1)
    web(actors.city_viewer).post(f"/supervision/new/?kind=windows.servicewindow&id={window.pk}", form())
    made = Instruction.objects.get()
    assert web(actors.outsider).get(f"/supervision/{made.pk}/").status_code == 404
    assert (
        web(actors.outsider).get(f"/supervision/new/?kind=windows.servicewindow&id={window.pk}").status_code
        == 404
    )
