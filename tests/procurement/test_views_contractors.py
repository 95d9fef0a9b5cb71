"""Pages of contractors, the catalogue and sanctions."""

from __future__ import annotations

import datetime as dt

from procurement import services
from tests.factories.procurement import (
    ContractFactory,
    ContractorFactory,
    SanctionFactory,
)
from tests.procurement.conftest import all_conditions


def test_contractor_pages_and_review_upload(web, actors, regions):
    from django.core.files.uploadedfile import SimpleUploadedFile

    contractor = ContractorFactory(region=regions.a1)
    SanctionFactory(
        contractor=contractor,
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2099, 1, 1),
    )
    client = web(actors.county_admin)
    data = {"region": "440106", "work_kind": "service", "reviewed_on": "2026-01-05"}
    for row in all_conditions():
        data[f"{row['condition']}_met"] = "on"
        data[f"{row['condition']}_note"] = "已核验"
    data["staff_file"] = SimpleUploadedFile("社工证.pdf", b"%PDF-1.4\n")
    client.post(f"/procurement/contractors/{contractor.pk}/reviews/", data)
    review = contractor.reviews.get()
    assert review.result == "passed"
    body = client.get(f"/procurement/contractors/{contractor.pk}/").content.decode()
    assert "禁入期内" in body and "证明材料" in body
    evidence = review.conditions.get(condition="staff")
    assert client.get(f"/procurement/evidence/{evidence.pk}/").status_code == 200
    assert web(actors.outsider).get(f"/procurement/evidence/{evidence.pk}/").status_code == 404
    assert client.get("/procurement/contractors/").status_code == 200


def test_contractor_form_reports_a_kind_mismatch(web, actors):
    from tests.factories.procurement import credit_code

    response = web(actors.county_admin).post(
        "/procurement/contractors/new/",
        {
            "region": "440106",
            "name": "某公司",
            "credit_code": credit_code("52", 3),
            "kind": "enterprise",
            "legal_representative": "王五",
        },
    )
    assert "主体类型与统一社会信用代码不一致" in response.content.decode()


def test_catalogue_and_sanction_pages(web, actors, regions):
    client = web(actors.county_admin)
    body = client.get("/procurement/catalogue/").content.decode()
    assert "不得购买" in body and "照料护理" in body
    contractor = ContractFactory(
        project__purchaser=regions.county_a
    ).contractor  # a tie to the deciding county
    client.post(
        "/procurement/sanctions/new/",
        {
            "s-contractor": contractor.credit_code,
            "s-region": "440106",
            "s-kind": "fraud",
            "s-reason": "虚报",
            "s-debar_from": "2026-01-01",
            "s-debar_to": "2027-12-31",
        },
    )
    assert contractor.sanctions.count() == 1
    assert contractor.name in client.get("/procurement/sanctions/").content.decode()


# --- other regions' reviews and sanctions are scoped (issue 12 item 8) ---


def test_contractor_page_and_reviews_api_hide_other_regions_reviews_and_sanctions(web, api, actors, regions):
    contractor = ContractorFactory(region=regions.county_b)  # registered in county B
    for actor, region in ((actors.county_admin, regions.county_a), (actors.outsider, regions.county_b)):
        services.review_create(
            actor=actor,
            contractor=contractor,
            region=region,
            work_kind="service",
            conditions=all_conditions(),
            reviewed_on=dt.date(2026, 1, 2),
        )
    SanctionFactory(contractor=contractor, region=regions.county_b, reason="县乙作出的处理：未按期提交报告")
    body = web(actors.county_admin).get(f"/procurement/contractors/{contractor.pk}/").content.decode()
    assert "县乙作出的处理" not in body
    assert body.count("审查人") == 1  # county A's own review only
    reviews = api(actors.county_admin).get(f"/api/v1/procurement/contractors/{contractor.pk}/reviews/").json()
    assert len(reviews) == 1
    # the registering county B sees its sanction and its own review
    theirs = web(actors.outsider).get(f"/procurement/contractors/{contractor.pk}/").content.decode()
    assert "县乙作出的处理" in theirs and theirs.count("审查人") == 1
