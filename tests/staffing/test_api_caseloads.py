"""Caseloads API: the access contract, bulk upsert all-or-nothing with every row's error, double counting (二(二))."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry

from staffing.models import Caseload
from tests.contract import AccessContract
from tests.factories.staffing import CaseloadFactory

CASELOADS = "/api/v1/staffing/caseloads/"


BULK = "/api/v1/staffing/caseloads/bulk/"


class TestCaseloadAccess(AccessContract):
    list_url = CASELOADS
    model = Caseload

    def make(self, regions, region):
        return CaseloadFactory(region=region)


def _row(region="440106001001", period="2026-10", **over):
    row = {"region": region, "period": period, "dibao_households": 120, "tekun_households": 10}
    row.update(over)
    return row


def test_bulk_upsert_creates_then_updates_with_audit(regions, actors, api):
    client = api(actors.county_admin)
    response = client.post(BULK, [_row(), _row("440106002001")], format="json")
    assert response.status_code == 200, response.content
    assert response.json() == {"created": 2, "updated": 0, "unchanged": 0}
    response = client.post(BULK, [_row(dibao_households=130), _row("440106002001")], format="json")
    assert response.json() == {"created": 0, "updated": 1, "unchanged": 1}
    caseload = Caseload.objects.get(region=regions.a1_village)
    assert caseload.dibao_households == 130
    entries = LogEntry.objects.get_for_object(caseload).order_by("pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert entries[1].actor == actors.county_admin and entries[1].changes["dibao_households"] == [
        "120",
        "130",
    ]


@pytest.mark.parametrize(
    ("bad", "column"),
    [
        ({"dibao_households": -1}, "dibao_households"),
        ({"tekun_households": 1.5}, "tekun_households"),
        ({"tekun_households": "many"}, "tekun_households"),
        ({"dibao_households": True}, "dibao_households"),
        ({"period": "2026-13"}, "period"),
        ({"period": "2099-01"}, "period"),
        ({"region": "440106009999"}, "region"),
        ({"region": "440303001001"}, "region"),  # out of scope reads as unknown
        ({"region": "4401"}, "region"),  # a city does not report
    ],
)
def test_bulk_rejects_a_bad_row_by_row_and_field_saving_nothing(regions, actors, api, bad, column):
    response = api(actors.county_admin).post(BULK, [_row("440106002001"), _row(**bad)], format="json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"row": 2, "column": column} == {k: errors[0][k] for k in ("row", "column")}
    assert not Caseload.objects.exists()


def test_bulk_rejects_duplicate_rows(regions, actors, api):
    response = api(actors.county_admin).post(BULK, [_row(), _row()], format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["row"] == 2


def test_county_caseload_where_townships_report_is_double_counting(regions, actors, api):
    CaseloadFactory(region=regions.a1)
    response = api(actors.county_admin).post(BULK, [_row("440106")], format="json")
    assert response.status_code == 400 and "重复计算" in response.json()["errors"][0]["message"]
    response = api(actors.county_admin).post(BULK, [_row("440106001001")], format="json")
    assert response.status_code == 400  # a village below a reporting township
    # another period is fine
    assert (
        api(actors.county_admin).post(BULK, [_row("440106", period="2026-09")], format="json").status_code
        == 200
    )


def test_viewer_cannot_write_caseloads(regions, actors, api):
    response = api(actors.city_viewer).post(BULK, [_row()], format="json")
    assert response.status_code == 400 and not Caseload.objects.exists()


def test_service_account_sees_its_city_only(regions, actors, api):
    CaseloadFactory(region=regions.a1)
    CaseloadFactory(region=regions.b1)
    codes = {r["region"] for r in api(actors.service_account).get(CASELOADS).json()["results"]}
    assert codes == {"440106001"}
