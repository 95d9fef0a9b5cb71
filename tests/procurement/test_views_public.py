"""Public pages without login: published projects, the debarment list."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache

from procurement import services
from procurement.views import public
from tests.factories.procurement import (
    ContractorFactory,
    ProjectFactory,
    SanctionFactory,
)


def test_public_pages_need_no_login_and_hide_unpublished_projects(client, regions, awarded, actors):
    hidden = ProjectFactory(purchaser=regions.a1, title="未发布项目")
    listing = client.get("/procurement/public/").content.decode()
    assert awarded.project.title in listing and hidden.title not in listing
    page = client.get(f"/procurement/public/projects/{awarded.project.pk}/")
    assert page.status_code == 200
    assert "成交公告" in page.content.decode()
    assert client.get(f"/procurement/public/projects/{hidden.pk}/").status_code == 404
    assert client.get("/procurement/public/debarments/").status_code == 200


def test_public_debarment_list_shows_organisations_not_contacts(client, regions):
    contractor = ContractorFactory(contact_phone="13912345678", contact_name="赵六")
    SanctionFactory(
        contractor=contractor,
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2099, 1, 1),
    )
    body = client.get("/procurement/public/debarments/").content.decode()
    assert contractor.name in body and contractor.credit_code in body
    assert "13912345678" not in body and "赵六" not in body


# --- the catalogue and the local conditions are public (issue 11 item 6) ---


def test_catalogue_and_local_conditions_are_public_without_login(client, actors, regions):
    services.local_condition_publish(
        actor=actors.county_admin,
        region=regions.county_a,
        work_kind="service",
        text="须有2名以上持证社会工作者",
        published_on=dt.date(2026, 1, 1),
    )
    response = client.get("/procurement/public/catalogue/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "照料护理" in body and "不得购买" in body
    assert "须有2名以上持证社会工作者" in body and regions.county_a.name in body


def test_the_public_pages_link_the_catalogue(db, client):
    for url in ("/procurement/public/", "/procurement/public/debarments/"):
        assert "/procurement/public/catalogue/" in client.get(url).content.decode()


def test_the_public_catalogue_is_rate_limited(db, client, monkeypatch):
    cache.clear()
    monkeypatch.setattr(public, "PUBLIC_VIEWS_PER_MINUTE", 2)
    assert client.get("/procurement/public/catalogue/").status_code == 200
    assert client.get("/procurement/public/catalogue/").status_code == 200
    response = client.get("/procurement/public/catalogue/")
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    cache.clear()
