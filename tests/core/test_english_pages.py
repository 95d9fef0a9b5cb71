"""The English interface shows English (issue 14): key pages read by a county admin whose browser asks for English
(Accept-Language: en, which LocaleMiddleware honours; the language switch sets the django_language cookie) carry no
Chinese wording. Chinese may remain only where it is data: the names of regions, people, windows, projects and
contractors held in the database, what a clerk typed (addresses, office hours, a case's handling department as the
county's routing rule names it), the names of official documents
(粤民发〔2018〕170号), and the language switch, which names each language in its own script so its reader finds it."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model

from procurement.models import Contractor, Project
from regions.models import Region
from tests.core.test_chinese_pages import _Text
from tests.factories.procurement import ContractorFactory, ProjectFactory
from tests.factories.staffing import compliance_scenario
from tests.factories.windows import ServiceWindowFactory, make_case
from windows.models import Case, ServiceWindow

pytestmark = pytest.mark.django_db

#: Han characters and the CJK punctuation and full-width forms around them (、，。：（）“” …)
CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")
#: an official document's number is its name: 粤民发〔2018〕170号, 财库〔2014〕214号
DOCUMENT = re.compile(r"[\u4e00-\u9fff]{1,6}〔\d{4}〕\d+号")
#: the language switch: "Language 语言" and the option 简体中文, each language named in its own script on purpose
SWITCH = ("语言", "简体中文")
PAGES = ("/", "/windows/queue/", "/staffing/", "/procurement/")


def data_texts() -> list[str]:
    """What the database holds in Chinese and a page may show as it is, longest first."""
    user_names = [
        name
        for first, last in get_user_model().objects.values_list("first_name", "last_name")
        for name in (f"{last}{first}", first, last)
    ]
    texts = [
        *Region.objects.values_list("name", flat=True),
        *user_names,
        *(t for w in ServiceWindow.objects.all() for t in (w.name, w.address, w.hours)),
        # the applicant as registered, and the department the routing rule of the county names
        *(
            t
            for c in Case.objects.all()
            for t in (c.applicant_name, c.description, c.department, c.assigned_unit)
        ),
        *Project.objects.values_list("title", flat=True),
        *Contractor.objects.values_list("name", flat=True),
        *SWITCH,
    ]
    return sorted({t for t in texts if t}, key=len, reverse=True)


def chinese_wording(html: str, data: list[str]) -> list[str]:
    """The Chinese left in what a person reads once the data is taken out."""
    parser = _Text()
    parser.feed(html)
    text = DOCUMENT.sub(" ", " ".join(parser.parts))
    for value in data:
        text = text.replace(value, " ")
    return CHINESE.findall(text)


@pytest.fixture
def filled(regions, actors):
    """Rows on every page: the staffing compliance of county A, a window of A1 with a case, a project and a
    contractor of county A."""
    compliance_scenario(regions)
    window = ServiceWindowFactory(region=regions.a1, duty_officer=actors.township_a1)
    window.staff.add(actors.township_a1)
    make_case(actors.township_a1, window, accept=True)
    ProjectFactory(purchaser=regions.county_a)
    ContractorFactory(region=regions.county_a)


@pytest.mark.parametrize("url", PAGES)
def test_a_key_page_in_english_has_no_chinese_wording(filled, actors, web, url):
    response = web(actors.county_admin).get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en"' in html
    assert chinese_wording(html, data_texts()) == []


@pytest.mark.parametrize("url", PAGES)
def test_the_same_pages_show_their_rows(filled, actors, web, url):
    # the data the allow-list takes out is really on the pages: the test reads filled pages, not empty ones
    html = web(actors.county_admin).get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    shown = {
        "/": "天河区",
        "/windows/queue/": "张三",
        "/staffing/": "五山街道",
        "/procurement/": Project.objects.get().title,
    }
    assert shown[url] in html


def test_the_language_switch_keeps_a_county_admin_in_english(actors, web):
    client = web(actors.county_admin)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, follow=True)
    assert response.status_code == 200
    html = client.get("/").content.decode()  # no Accept-Language: the cookie the switch set chooses
    assert '<html lang="en"' in html
    assert chinese_wording(html, data_texts()) == []


def test_the_reader_finds_chinese_wording_and_passes_data():
    html = (
        '<p>Region 天河区 · Status 已受理</p><footer>Implements 粤民发〔2018〕170号</footer><span title="点击排序">x</span>'
        '<select aria-label="Language 语言"><option>简体中文</option><option>English</option></select>'
    )
    assert chinese_wording(html, ["天河区", *SWITCH]) == ["已受理", "点击排序"]
