"""The audit page and API (三员分立): only the audit administrator (and the superuser) reads the trail, scoped by
region; filters, Excel export (itself recorded), the chain check's status; no write through the API."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection, transaction
from django.urls import reverse
from openpyxl import load_workbook

from regions import audit, audit_views
from regions.audit_models import AuditRecord
from regions.choices import AuditAction, Role
from regions.models import Notification
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def trail(actors, auditor_a):
    """Events in county A (a township of it), county B and of no region."""
    audit.record(AuditAction.LOGIN, actor=actors.township_a1)
    audit.record(AuditAction.LOGIN, actor=actors.outsider)
    audit.record(AuditAction.LOGIN_FAILED, actor=None, username="nobody", region_code="")
    audit.record(AuditAction.GRANT_ADD, actor=actors.county_admin, region_code="440106002", target="x")


@pytest.fixture
def auditor_a(actors):
    return make_user("auditor_a", Role.AUDIT_ADMIN, "440106")


#: the events the set-up itself makes: granting the auditors their role (no actor), their own logins
SET_UP = {"", "auditor_a", "auditor_gd"}


def _usernames(response) -> list[str]:
    return [r.username for r in response.context["page"] if r.username not in SET_UP]


def test_a_county_audit_administrator_sees_the_events_of_its_county_only(trail, auditor_a, web):
    response = web(auditor_a).get(reverse("regions:audit"))
    assert response.status_code == 200
    assert sorted(_usernames(response)) == ["county_admin_a", "township_a1"]


def test_a_provincial_audit_administrator_also_sees_events_of_no_region(trail, web):
    auditor = make_user("auditor_gd", Role.AUDIT_ADMIN, "44")
    names = _usernames(web(auditor).get(reverse("regions:audit")))
    assert sorted(names) == ["county_admin_a", "nobody", "outsider_b", "township_a1"]


@pytest.mark.parametrize(
    "role", [Role.SECURITY_ADMIN, Role.SYSTEM_ADMIN, Role.COUNTY_ADMIN, Role.COUNTY_STAFF]
)
def test_nobody_else_reads_the_trail(role, trail, web):
    user = make_user(f"other_{role.value}", role, "440106")
    client = web(user)
    assert client.get(reverse("regions:audit")).status_code == 403
    assert client.get(reverse("regions:audit-export")).status_code == 403
    assert client.post(reverse("regions:audit-check")).status_code == 403


def test_the_superuser_reads_everything(trail, actors, web):
    assert len(_usernames(web(actors.superuser).get(reverse("regions:audit")))) >= 4


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"username": "TOWNSHIP"}, ["township_a1"]),
        ({"action": "grant_add"}, ["county_admin_a"]),
        ({"region": "440106002"}, ["county_admin_a"]),
        ({"date_from": "2000-01-01", "date_to": "2000-01-02"}, []),
    ],
)
def test_the_page_filters_by_who_what_region_and_date(query, expected, trail, auditor_a, web):
    assert _usernames(web(auditor_a).get(reverse("regions:audit"), query)) == expected


def test_the_date_range_includes_both_ends(trail, auditor_a, web):
    today = dt.datetime.now(dt.UTC).astimezone().date().isoformat()
    response = web(auditor_a).get(reverse("regions:audit"), {"date_from": today, "date_to": today})
    assert len(_usernames(response)) == 2


def test_the_list_costs_a_fixed_number_of_queries(trail, auditor_a, web, django_assert_max_num_queries):
    client = web(auditor_a)
    for _ in range(30):
        audit.record(AuditAction.LOGIN, actor=auditor_a, region_code="440106")
    with django_assert_max_num_queries(12) as captured:
        client.get(reverse("regions:audit"))
    small = len(captured)
    for _ in range(30):
        audit.record(AuditAction.LOGOUT, actor=auditor_a, region_code="440106")
    with django_assert_max_num_queries(small):
        client.get(reverse("regions:audit"))


def test_the_export_holds_the_filtered_records_and_is_itself_recorded(trail, auditor_a, web):
    response = web(auditor_a).get(reverse("regions:audit-export"), {"action": "login"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows] == ["auditor_a", "township_a1"]  # the auditor's own login, then township_a1's
    assert isinstance(rows[0][1], dt.datetime)
    export = AuditRecord.objects.get(action=AuditAction.EXPORT)
    assert (export.actor, export.target) == (auditor_a, reverse("regions:audit-export"))


def test_the_chain_check_is_recorded_and_its_status_shown(trail, auditor_a, web):
    client = web(auditor_a)
    assert "尚未校验" in client.get(reverse("regions:audit")).content.decode()
    client.post(reverse("regions:audit-check"))
    assert AuditRecord.objects.get(action=AuditAction.CHAIN_CHECK).actor == auditor_a
    assert "链完好" in client.get(reverse("regions:audit")).content.decode()


def test_a_broken_chain_shows_on_the_page_and_notifies_the_audit_administrators(trail, auditor_a, web):
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("UPDATE regions_auditrecord SET username = 'x' WHERE seq = 2")
    client = web(auditor_a)
    client.post(reverse("regions:audit-check"))
    page = client.get(reverse("regions:audit")).content.decode()
    assert "链断开" in page and "seq=2" in page
    assert Notification.objects.filter(user=auditor_a, kind="audit_chain_broken").count() == 1


# --- the API ----------------------------------------------------------------------------------------------------


def test_the_api_lists_the_audit_administrators_records(trail, auditor_a, api):
    response = api(auditor_a).get("/api/v1/audit/records/", {"action": "login"})
    assert response.status_code == 200
    assert [r["username"] for r in response.json()["results"]] == ["township_a1"]


def test_the_api_refuses_anyone_else(trail, actors, api):
    assert api(actors.county_admin).get("/api/v1/audit/records/").status_code == 403


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_api_has_no_write(method, trail, auditor_a, api):
    seq = AuditRecord.objects.filter(username="township_a1").get().seq
    url = "/api/v1/audit/records/" + ("" if method == "post" else f"{seq}/")
    response = getattr(api(auditor_a), method)(url, {"summary": "x"}, format="json")
    assert response.status_code == 405
    assert AuditRecord.objects.get(seq=seq).summary == ""


def test_an_export_past_its_cap_ends_with_a_row_that_says_it_was_cut(trail, auditor_a, web, monkeypatch):
    monkeypatch.setattr(audit_views, "EXPORT_MAX_ROWS", 1)
    response = web(auditor_a).get(reverse("regions:audit-export"), {"action": "login"})  # two logins match
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [r[2] for r in rows[:1]] == ["auditor_a"]
    assert rows[1][0] == "仅导出前 1 行，请缩小筛选范围" and len(rows) == 2
    export = AuditRecord.objects.get(action=AuditAction.EXPORT)
    assert "rows=1" in export.summary
    monkeypatch.setattr(audit_views, "EXPORT_MAX_ROWS", 10)
    within = web(auditor_a).get(reverse("regions:audit-export"), {"action": "login"})
    whole = list(load_workbook(io.BytesIO(within.content)).active.iter_rows(min_row=2, values_only=True))
    assert whole[-1][2] == "township_a1" and all(r[2] for r in whole)  # no note when nothing was cut
