"""Menus fit the role (issue 14): for each role, every link of the header, the home page and each area's own menu
answers 200; a viewer is offered no link to an action it cannot take (登记受理, 新建 …)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from regions.choices import Role
from tests.conftest import make_user
from tests.factories.windows import ServiceWindowFactory

pytestmark = pytest.mark.django_db

NAV = re.compile(r"<nav[^>]*>(.*?)</nav>", re.S)
HREF = re.compile(r'href="(/[^"#]*)"')
#: links that leave the pages under test: the public pages (no login), downloads, the admin site, the API docs
NOT_PAGES = ("/accounts/", "/static/", "/admin/", "/api/", "/i18n/")


def _nav_links(html: str) -> set[str]:
    return {h.replace("&amp;", "&") for block in NAV.findall(html) for h in HREF.findall(block)}


def _crawl(client) -> dict[str, int]:
    """Home, then each link in a <nav> of home and of every page a nav links to (the areas' own menus)."""
    seen: dict[str, int] = {}
    home = client.get("/")
    assert home.status_code == 200
    todo = [
        *_nav_links(home.content.decode()),
        *HREF.findall(home.content.decode().split('id="todo-title"')[1].split("</section>")[0]),
    ]
    while todo:
        url = todo.pop()
        if url in seen or url.startswith(NOT_PAGES):
            continue
        response = client.get(url, follow=True)  # an index that redirects to its first page
        seen[url] = response.status_code
        if response.status_code == 200 and "text/html" in response.get("Content-Type", ""):
            todo.extend(_nav_links(response.content.decode()))
    return seen


@pytest.fixture
def coordinator(regions):
    user = make_user("village_a1", Role.VILLAGE_COORDINATOR, regions.a1_village.code, first_name="周协理")
    ServiceWindowFactory(region=regions.a1_village, name="五山街道第一社区服务站", duty_officer=user)
    return user


ROLES = [
    "provincial_viewer",
    "city_viewer",
    "county_admin",
    "county_staff",
    "township_a1",
    "superuser",
]


@pytest.mark.parametrize("role", ROLES)
def test_every_navigation_link_a_role_is_offered_answers_200(role, actors, windows, web):
    user = actors.superuser if role == "superuser" else getattr(actors, role)
    broken = {url: code for url, code in _crawl(web(user)).items() if code != 200}
    assert broken == {}


def test_the_village_coordinators_links_all_answer_200(coordinator, windows, web):
    seen = _crawl(web(coordinator))
    assert {url: code for url, code in seen.items() if code != 200} == {}
    assert reverse("windows:intake") in seen  # a coordinator takes cases in at the village


@pytest.mark.parametrize("role", ["provincial_viewer", "city_viewer"])
def test_a_viewer_is_offered_no_intake_and_no_create_link(role, actors, windows, web):
    client = web(getattr(actors, role))
    pages = _crawl(client)
    assert reverse("windows:intake") not in pages
    creates = [url for url in pages if url.rstrip("/").endswith(("/new", "/create", "/import", "/upload"))]
    assert creates == []


CREATE_PAGES = [
    "evaluation:create",
    "evaluation:template-create",
    "procurement:project_create",
    "procurement:contractor_create",
    "staffing:worker_create",
    "training:plan-create",
    "windows:window_create",
    "windows:intake",
]


@pytest.mark.parametrize("name", CREATE_PAGES)
def test_a_create_page_refuses_a_viewer_at_the_door(name, actors, windows, web):
    """Refused on GET with the reason, before anything is typed (not on submit)."""
    response = web(actors.city_viewer).get(reverse(name))
    assert response.status_code == 403


@pytest.mark.parametrize("name", CREATE_PAGES)
def test_a_create_page_opens_for_the_county_admin(name, actors, windows, web):
    assert web(actors.county_admin).get(reverse(name)).status_code == 200
