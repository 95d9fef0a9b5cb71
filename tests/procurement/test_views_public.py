"""Public pages without login: published projects, the debarment list."""

from __future__ import annotations

import datetime as dt

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
