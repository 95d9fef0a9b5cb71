"""The provincial government-procurement cloud platform's project number and notice links (广东省政府采购云平台):
recorded by the purchaser, shown on the project and public pages, and in OCDS as an identifier and documents."""

from __future__ import annotations

import pytest
from django.urls import reverse

from procurement import services
from procurement.ocds import release

pytestmark = pytest.mark.django_db

NUMBER = "GDGPO2026-440106-0117"
NOTICE = "https://gdgpo.czt.gd.gov.cn/freecms/site/gd/ggxx/info/2026/8a7e3c0f.html"
RESULT = "https://gdgpo.czt.gd.gov.cn/freecms/site/gd/ggxx/info/2026/8a7e3c10.html"


def test_platform_reference_is_shown_on_the_public_page_and_in_ocds(actors, purchasing, client):
    project = purchasing()
    services.project_platform_set(
        actor=actors.county_admin,
        project=project,
        platform_number=NUMBER,
        platform_notice_url=NOTICE,
        platform_result_url=RESULT,
    )
    body = client.get(reverse("procurement:public_project", args=[project.pk])).content.decode()
    assert NUMBER in body and NOTICE in body and RESULT in body
    project.refresh_from_db()
    data = release(project)
    assert data["relatedProcesses"] == [
        {
            "id": "gdgpo",
            "relationship": ["sameProcess"],
            "title": "广东省政府采购云平台项目",
            "scheme": "CN-GD-GPO",
            "identifier": NUMBER,
            "uri": NOTICE,
        }
    ]
    assert [(d["documentType"], d["url"]) for d in data["tender"]["documents"]] == [
        ("tenderNotice", NOTICE),
        ("awardNotice", RESULT),
    ]


def test_a_project_without_a_platform_reference_has_neither_in_ocds(actors, purchasing):
    data = release(purchasing())
    assert "relatedProcesses" not in data and "documents" not in data["tender"]


def test_the_api_records_it_and_refuses_a_link_that_is_not_http(actors, purchasing, api):
    project = purchasing()
    url = f"/api/v1/procurement/projects/{project.pk}/platform/"
    bad = api(actors.county_admin).post(url, {"platform_notice_url": "javascript:alert(1)"}, format="json")
    assert bad.status_code == 400 and "platform_notice_url" in bad.json()["fields"]
    ok = api(actors.county_admin).post(
        url, {"platform_number": NUMBER, "platform_notice_url": NOTICE}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["platform_number"] == NUMBER
    assert api(actors.outsider).post(url, {"platform_number": "X"}, format="json").status_code == 404
    assert api(actors.city_viewer).post(url, {"platform_number": "X"}, format="json").status_code == 403


def test_the_project_page_form_saves_it(actors, purchasing, web):
    project = purchasing()
    client = web(actors.county_admin)
    page = client.get(reverse("procurement:project_detail", args=[project.pk])).content.decode()
    assert "广东省政府采购云平台" in page
    client.post(
        reverse("procurement:project_platform", args=[project.pk]),
        {"platform_number": NUMBER, "platform_notice_url": NOTICE, "platform_result_url": ""},
    )
    project.refresh_from_db()
    assert (project.platform_number, project.platform_notice_url, project.platform_result_url) == (
        NUMBER,
        NOTICE,
        "",
    )
