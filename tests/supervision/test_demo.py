"""Demo data for supervision: the city's instructions on the demo county's region, contract, window and project, in
every state a county sees, through the services; running it twice adds nothing; the county's pages show them."""

from __future__ import annotations

import io

import pytest

from procurement.models import Project
from regions.choices import Role
from regions.models import Notification
from supervision import demo
from supervision.models import Instruction
from tests.conftest import make_user
from tests.factories.evaluation import make_contract
from tests.factories.windows import ServiceWindowFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_accounts(regions):
    return (
        make_user("guangzhou", Role.CITY_VIEWER, "4401"),
        make_user("tianhe_admin", Role.COUNTY_ADMIN, "440106"),
    )


def test_the_city_instructs_the_county_in_every_state_and_a_second_run_adds_nothing(
    regions, demo_accounts, web
):
    city, county = demo_accounts
    contract = make_contract(regions.a1)
    window = ServiceWindowFactory(region=regions.a1, name="五山街道窗口")
    make_contract(regions.county_b)  # another city's contract is never a target
    demo.seed(scale="county", out=io.StringIO())

    made = {i.content_type.model: i for i in Instruction.objects.all()}
    assert {kind: i.status for kind, i in made.items()} == {
        "region": "open",
        "contract": "answered",
        "servicewindow": "closed",
        "project": "open",  # sent back: open again, counted as returned once
    }
    assert made["contract"].object_id == contract.pk and made["servicewindow"].object_id == window.pk
    assert made["project"].object_id == contract.project_id and made["project"].returned_count == 1
    assert made["region"].object_id == regions.county_a.pk
    assert {i.created_by_id for i in made.values()} == {city.pk}
    assert {i.issuer_region_code for i in made.values()} == {"4401"}
    assert all(i.region_code.startswith("440106") for i in made.values())
    assert list(made["servicewindow"].events.values_list("action", flat=True)) == ["issue", "answer", "close"]
    # the county admin was told of each instruction and of the one sent back
    assert Notification.objects.filter(user=county, kind="supervision").count() >= 5

    out = io.StringIO()
    demo.seed(scale="county", out=out)
    assert Instruction.objects.count() == 4 and "nothing to add" in out.getvalue()

    page = web(county).get("/supervision/")
    assert page.status_code == 200
    for instruction in made.values():
        assert instruction.target_label in page.content.decode()
        assert web(county).get(f"/supervision/{instruction.pk}/").status_code == 200


def test_without_the_demo_accounts_or_targets_it_adds_only_what_it_can(regions, demo_accounts):
    assert not Project.objects.exists()
    demo.seed(scale="county", out=io.StringIO())
    # no project, contract or window in the demo county: only the county's own region is inspected
    assert list(Instruction.objects.values_list("content_type__model", "status")) == [("region", "open")]
