"""Contractors are picked from the register by name or credit code (issue 14), not typed as a credit code."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from procurement.forms import BidForm, SanctionForm
from tests.factories.procurement import ContractorFactory, SanctionFactory

pytestmark = pytest.mark.django_db

PICK = reverse("procurement:contractor_pick")


def test_the_picker_finds_a_contractor_by_part_of_its_name_or_the_start_of_its_code(web, actors, regions):
    helper = ContractorFactory(region=regions.a1, name="天河区阳光社工服务中心")
    ContractorFactory(region=regions.county_b, name="罗湖区启航社工服务社")
    c = web(actors.county_admin)
    rows = c.get(PICK, {"q": "阳光"}).json()["results"]
    assert [(r["code"], r["name"]) for r in rows] == [(helper.credit_code, "天河区阳光社工服务中心")]
    assert "五山街道" in rows[0]["detail"]
    by_code = c.get(PICK, {"q": helper.credit_code.lower()}).json()[
        "results"
    ]  # the whole code, typed in lower case
    assert [r["code"] for r in by_code] == [helper.credit_code]
    # the register is the province's: a contractor of another county may bid here
    assert [r["name"] for r in c.get(PICK, {"q": "启航"}).json()["results"]] == ["罗湖区启航社工服务社"]
    assert c.get(PICK, {"q": ""}).json()["results"] == []


def test_the_picker_says_a_debarment_in_force(web, actors, regions):
    SanctionFactory(
        contractor=ContractorFactory(region=regions.a1, name="失信社工机构"),
        region=regions.county_a,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2099, 1, 1),
    )
    rows = web(actors.county_admin).get(PICK, {"q": "失信"}).json()["results"]
    assert "禁入期内" in rows[0]["detail"]


def test_the_picker_is_refused_to_viewers_and_visitors(web, actors):
    response = web(actors.city_viewer).get(PICK, {"q": "社工"})
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    assert Client().get(PICK, {"q": "社工"}).status_code == 302


def test_bid_and_sanction_forms_post_the_credit_code_and_show_the_name(regions):
    contractor = ContractorFactory(region=regions.a1, name="天河区阳光社工服务中心")
    html = str(BidForm(data={"contractor": contractor.credit_code, "price": "1"})["contractor"])
    assert "data-lookup" in html and f'value="{contractor.credit_code}"' in html
    assert "天河区阳光社工服务中心" in html
    form = SanctionForm(data={"s-contractor": contractor.credit_code.lower()}, prefix="s")
    form.is_valid()
    assert form.cleaned_data["contractor"] == contractor
