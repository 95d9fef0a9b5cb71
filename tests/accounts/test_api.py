"""Accounts API for provincial systems: scoped reads of users and grants; writes only for administering roles."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from regions import access
from regions.choices import Role
from tests.conftest import make_user

User = get_user_model()
USERS, GRANTS = "/api/v1/accounts/users/", "/api/v1/accounts/grants/"


def _names(response) -> set[str]:
    return {row["username"] for row in response.json()["results"]}


def test_a_provincial_service_account_reads_the_accounts_of_its_scope(actors, api):
    names = _names(api(actors.service_account).get(USERS))  # the service account of 广州
    assert {"county_admin_a", "township_a1", "city_viewer"} <= names
    assert "outsider_b" not in names and "root" not in names
    row = next(
        r for r in api(actors.service_account).get(USERS).json()["results"] if r["username"] == "township_a1"
    )
    assert row["grants"] == [{"id": row["grants"][0]["id"], "region": "440106001", "role": "township_staff"}]


def test_users_filter_by_region_and_role(actors, api):
    client = api(actors.county_admin)
    assert _names(client.get(USERS, {"region": "440106002"})) == {"township_a2"}
    assert _names(client.get(USERS, {"role": "county_staff"})) == {"county_staff_a"}


def test_grants_are_listed_within_the_callers_area(actors, api):
    rows = api(actors.county_admin).get(GRANTS).json()["results"]
    assert {r["region"][:6] for r in rows} == {"440106"}
    assert api(actors.no_grant).get(GRANTS).json()["results"] == []


def test_the_api_is_read_only_for_a_caller_without_an_administering_role(actors, api):
    client = api(actors.service_account)
    body = {
        "username": "x",
        "full_name": "李明",
        "phone": "13800138000",
        "region": "440106001",
        "role": "township_staff",
    }
    assert client.post(USERS, body, format="json").status_code == 403
    assert (
        client.post(
            GRANTS,
            {"user": actors.township_a1.pk, "region": "440106001", "role": "village_coordinator"},
            format="json",
        ).status_code
        == 403
    )
    grant = api(actors.county_admin).get(GRANTS, {"user": actors.township_a1.pk}).json()["results"][0]
    assert client.delete(f"{GRANTS}{grant['id']}/").status_code == 403


def test_an_admin_creates_an_account_and_grants_and_revokes_through_the_api(actors, api):
    client = api(actors.county_admin)
    made = client.post(
        USERS,
        {
            "username": "wushan_li",
            "full_name": "李明",
            "phone": "13800138000",
            "region": "440106001",
            "role": "township_staff",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
    assert made.json()["must_change_password"] and len(made.json()["temporary_password"]) == 16
    assert made.json()["phone"] == "138****8000"
    user_id = made.json()["id"]
    granted = client.post(
        GRANTS, {"user": user_id, "region": "440106001001", "role": "village_coordinator"}, format="json"
    )
    assert granted.status_code == 201, granted.json()
    assert client.delete(f"{GRANTS}{granted.json()['id']}/").status_code == 204
    reset = client.post(f"{USERS}{user_id}/reset-password/")
    assert (
        reset.status_code == 200 and reset.json()["temporary_password"] != made.json()["temporary_password"]
    )
    assert client.post(f"{USERS}{user_id}/deactivate/").json()["is_active"] is False
    assert client.post(f"{USERS}{user_id}/deactivate/").json()["code"] == "account_state"


def test_escalation_through_the_api_is_refused(actors, api):
    client = api(actors.county_admin)
    above = client.post(
        GRANTS, {"user": actors.township_a1.pk, "region": "4401", "role": "city_viewer"}, format="json"
    )
    assert above.status_code == 404
    role = client.post(
        GRANTS, {"user": actors.township_a1.pk, "region": "440106", "role": "audit_admin"}, format="json"
    )
    assert role.status_code == 403
    other = client.post(
        GRANTS, {"user": actors.outsider.pk, "region": "440106", "role": "county_staff"}, format="json"
    )
    assert other.status_code == 404
    access.clear_cache(actors.township_a1)
    assert [g.role for g in access.grants(actors.township_a1)] == [Role.TOWNSHIP_STAFF]


def test_bad_input_is_a_400_with_field_errors(actors, api):
    response = api(actors.county_admin).post(USERS, {"username": "", "role": "nope"}, format="json")
    assert response.status_code == 400 and {"username", "role", "phone"} <= set(response.json()["fields"])
    response = api(actors.county_admin).post(
        GRANTS, {"user": 10**30, "region": "4401", "role": "x"}, format="json"
    )
    assert response.status_code == 400


def test_a_security_administrator_reads_and_manages_its_area_through_the_api(regions, actors, api):
    security = make_user("gz_security", Role.SECURITY_ADMIN, "4401")
    assert "township_a1" in _names(api(security).get(USERS))
    made = api(security).post(
        USERS,
        {
            "username": "gz_audit",
            "full_name": "审计员",
            "phone": "13900139000",
            "region": "4401",
            "role": "audit_admin",
        },
        format="json",
    )
    assert made.status_code == 201, made.json()
