"""Supervision on a county's project and contract pages (粤民发〔2018〕170号 一(七) 上级业务指导和监督): the city issues
from the object's page and the county sees the instruction there."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from procurement import services
from supervision.models import Instruction
from tests.procurement.test_services_contracts import PLAN, sign

pytestmark = pytest.mark.django_db


def instruction(**over):
    data = {
        "kind": "inspection",
        "finding": "未按季度报送财务报告",
        "requirement": "补报第二季度财务报告",
        "deadline": (timezone.localdate() + dt.timedelta(days=10)).isoformat(),
    }
    data.update(over)
    return data


@pytest.mark.parametrize("target", ["project", "contract"])
def test_the_city_issues_from_the_procurement_page_and_the_county_sees_it_there(
    target, regions, actors, web, awarded
):
    contract = sign(actors, awarded.project, takeover_plan=PLAN)
    services.contract_start(actor=actors.county_admin, contract=contract)
    obj = awarded.project if target == "project" else contract
    url = f"/procurement/{target}s/{obj.pk}/"
    city = web(actors.city_viewer)
    assert f"/supervision/new/?kind=procurement.{target}&id={obj.pk}" in city.get(url).content.decode()
    city.post(f"/supervision/new/?kind=procurement.{target}&id={obj.pk}", instruction())
    made = Instruction.objects.get()
    assert made.target == obj
    county_page = web(actors.county_admin).get(url).content.decode()
    assert "未按季度报送财务报告" in county_page and "下达检查或督办意见" not in county_page
    assert web(actors.outsider).get(url).status_code == 404
