"""三员分立 (GB/T 22239-2019 等保三级, issue 13): the system, security and audit administrators are granted regions
but see no case, worker or procurement data: every business list of the API is empty or refused for them, every
business page a 404, while a county admin of the same county sees the same rows."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from regions import access
from regions.choices import ACTING_ROLES, BUSINESS_ROLES, SEPARATED_ADMIN_ROLES, Role
from tests.conftest import make_user
from tests.factories.procurement import ContractorFactory, ProjectFactory
from tests.factories.staffing import WorkerFactory
from tests.factories.windows import ServiceWindowFactory, make_case

SEPARATED = [Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN, Role.AUDIT_ADMIN]
#: reference tables published for everyone signed in (rules from the policy, the catalogue, holidays, time limits):
#: no case, worker or procurement data
REFERENCE_LISTS = {
    "/api/v1/staffing/rules/",
    "/api/v1/windows/holidays/",
    "/api/v1/windows/time-limits/",
    "/api/v1/windows/guides/",  # 办事指南: public service guides
    "/api/v1/procurement/catalogue/",
}


def _list_urls() -> list[str]:
    """Every list endpoint (DRF router name '*-list' without URL arguments) under /api/v1/."""
    found: list[str] = []

    def walk(patterns, namespace: str) -> None:
        for p in patterns:
            if isinstance(p, URLResolver):
                walk(p.url_patterns, f"{namespace}:{p.namespace}" if p.namespace else namespace)
            elif (
                isinstance(p, URLPattern) and p.name and p.name.endswith("-list") and not p.pattern.converters
            ):
                name = f"{namespace}:{p.name}".lstrip(":")
                try:
                    url = reverse(name)
                except Exception:  # a list under a parent object needs an argument: not a top-level list
                    continue
                if url.startswith("/api/v1/") and url not in found:
                    found.append(url)

    walk(get_resolver().url_patterns, "")
    return found


def test_the_three_administrator_roles_are_neither_business_nor_acting_roles():
    assert set(SEPARATED) == SEPARATED_ADMIN_ROLES
    assert not SEPARATED_ADMIN_ROLES & BUSINESS_ROLES
    assert not SEPARATED_ADMIN_ROLES & ACTING_ROLES
    assert Role.SECURITY_ADMIN.label == "安全管理员"
    assert Role.AUDIT_ADMIN.label == "审计管理员"
    assert Role.SYSTEM_ADMIN.label == "系统管理员"


@pytest.fixture
def business_data(regions, actors):
    """One case, one worker, one contractor and one project in county A (天河区)."""
    window = ServiceWindowFactory(region=regions.county_a, duty_officer=actors.county_admin)
    case = make_case(actors.county_admin, window, household=regions.a1)
    worker = WorkerFactory(region=regions.a1)
    contractor = ContractorFactory(region=regions.county_a)
    project = ProjectFactory(purchaser=regions.county_a)
    return {"case": case, "worker": worker, "contractor": contractor, "project": project}


@pytest.mark.parametrize("role", SEPARATED)
def test_a_separated_administrator_scope_opens_no_region_of_business_data(regions, role):
    admin = make_user(f"sep_{role.value}", role, "440106")
    assert access.visible_prefixes(admin) == []
    assert access.scope_q(admin) is not None
    assert not access.can_see_code(admin, "440106001")
    assert access.can_see_code(admin, "440106001", [role])  # its own pages ask for its own role
    assert not access.acts_somewhere(admin)


@pytest.mark.parametrize("role", SEPARATED)
def test_every_business_list_of_the_api_is_empty_for_a_separated_administrator(
    regions, actors, business_data, api, role
):
    admin = make_user(f"sep_{role.value}", role, "44")
    urls = [
        u
        for u in _list_urls()
        if u not in REFERENCE_LISTS and not u.startswith(("/api/v1/accounts/", "/api/v1/audit/"))
    ]
    assert "/api/v1/windows/cases/" in urls and "/api/v1/staffing/workers/" in urls
    assert "/api/v1/procurement/projects/" in urls and "/api/v1/procurement/contractors/" in urls
    for url in urls:
        response = api(admin).get(url)
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        if response.status_code == 200 and isinstance(response.json(), dict) and "results" in response.json():
            assert response.json()["results"] == [], url
        elif response.status_code == 200 and isinstance(response.json(), list):
            assert response.json() == [], url


@pytest.mark.parametrize(
    "url", ["/api/v1/windows/cases/", "/api/v1/staffing/workers/", "/api/v1/procurement/projects/"]
)
def test_a_county_admin_of_the_same_area_sees_the_rows_the_administrators_do_not(
    regions, actors, business_data, api, url
):
    assert len(api(actors.county_admin).get(url).json()["results"]) >= 1


@pytest.mark.parametrize("role", SEPARATED)
def test_business_pages_and_records_are_not_found_for_a_separated_administrator(
    regions, actors, business_data, web, role
):
    admin = make_user(f"sep_{role.value}", role, "440106")
    client = web(admin)
    case, worker, project = business_data["case"], business_data["worker"], business_data["project"]
    for url in (
        reverse("windows:case_detail", args=[case.number]),
        reverse("staffing:worker_detail", args=[worker.pk]),
        reverse("procurement:project_detail", args=[project.pk]),
    ):
        assert client.get(url).status_code == 404, url
    for url in (reverse("windows:queue"), reverse("staffing:workers"), reverse("procurement:index")):
        response = client.get(url)
        assert response.status_code in (200, 403, 404), url
        if response.status_code == 200:
            body = response.content.decode()
            assert case.number not in body and worker.name not in body and project.title not in body, url


@pytest.mark.parametrize("first", SEPARATED)
@pytest.mark.parametrize("second", SEPARATED)
def test_no_account_holds_two_of_the_three_administrator_roles(regions, first, second):
    from django.core.exceptions import ValidationError

    from regions.services import region_grant

    user = make_user("sep", first, "440106")
    if first == second:
        region_grant(
            actor=None, user=user, region_code="4401", role=second
        )  # the same duty on another region
        return
    with pytest.raises(ValidationError) as refused:
        region_grant(actor=None, user=user, region_code="440106", role=second)
    assert refused.value.error_dict["role"][0].code == "separation_of_duties"


@pytest.mark.parametrize("role", SEPARATED)
def test_an_administrator_account_takes_no_business_role_and_a_business_account_no_administrator_role(
    regions, actors, role
):
    from django.core.exceptions import ValidationError

    from regions.services import region_grant

    admin = make_user("sep", role, "440106")
    with pytest.raises(ValidationError):
        region_grant(actor=None, user=admin, region_code="440106001", role=Role.TOWNSHIP_STAFF)
    with pytest.raises(ValidationError):
        region_grant(actor=None, user=actors.county_admin, region_code="440106", role=role)
    assert access.grants(actors.county_admin)[0].role == Role.COUNTY_ADMIN
