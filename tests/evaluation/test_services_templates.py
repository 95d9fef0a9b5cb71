"""Evaluation templates: the seeded default, bad weights refused with nothing saved, scope, categories."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from core.exceptions import Conflict
from evaluation import services
from evaluation.models import EvaluationTemplate, TemplateIndicator, TemplateParty
from procurement.models import CatalogueItem
from tests.factories.evaluation import default_template, make_contract, make_template, template_parties


def test_default_template_is_seeded_with_recipients_50_purchaser_25_third_party_25(db):
    template = default_template()
    weights = {p.party: p.weight for p in template.parties.all()}
    assert weights == {"recipient": D(50), "purchaser": D(25), "third_party": D(25)}
    for party in template.parties.all():
        assert {i.dimension for i in party.indicators.all()} == {
            "effectiveness",
            "management",
            "social_impact",
        }
        assert sum(i.weight for i in party.indicators.all()) == D(100)
    assert (template.excellent_min, template.good_min, template.pass_min) == (D(90), D(80), D(60))


def test_county_admin_creates_a_template_for_the_county(regions, actors):
    template = services.template_create(
        actor=actors.county_admin, name="照料模板", region=regions.county_a, parties=template_parties()
    )
    assert template.parties.count() == 3
    assert TemplateIndicator.objects.filter(party__template=template).count() == 9


@pytest.mark.parametrize(
    ("weights", "message"),
    [
        ({"recipient": 50, "purchaser": 30, "third_party": 25}, "三方权重合计须为100"),
        ({"recipient": 34, "purchaser": 36, "third_party": 30}, "服务对象满意度的权重须大于"),
        ({"recipient": 40, "purchaser": 40, "third_party": 20}, "服务对象满意度的权重须大于"),
    ],
)
def test_bad_party_weights_are_refused_and_nothing_is_saved(regions, actors, weights, message):
    before = (
        EvaluationTemplate.objects.count(),
        TemplateParty.objects.count(),
        TemplateIndicator.objects.count(),
    )
    with pytest.raises(ValidationError) as exc:
        services.template_create(
            actor=actors.county_admin, name="x", region=regions.county_a, parties=template_parties(**weights)
        )
    assert message in str(exc.value)
    after = (
        EvaluationTemplate.objects.count(),
        TemplateParty.objects.count(),
        TemplateIndicator.objects.count(),
    )
    assert after == before


def test_township_cannot_own_a_template(regions, actors):
    with pytest.raises(ValidationError):
        services.template_create(
            actor=actors.superuser, name="x", region=regions.a1, parties=template_parties()
        )


def test_only_an_administrator_maintains_province_wide_templates(regions, actors):
    with pytest.raises(ValidationError):
        services.template_create(actor=actors.county_admin, name="x", region=None, parties=template_parties())


def test_template_update_replaces_its_indicators(regions, actors):
    template = make_template(regions.county_a)
    parties = template_parties(recipient=60, purchaser=20, third_party=20)
    services.template_update(actor=actors.county_admin, template=template, name="新名", parties=parties)
    template.refresh_from_db()
    assert template.name == "新名"
    assert template.parties.get(party="recipient").weight == D(60)
    assert TemplateIndicator.objects.filter(party__template=template).count() == 9


def test_bad_update_keeps_the_old_content(regions, actors):
    template = make_template(regions.county_a)
    with pytest.raises(ValidationError):
        services.template_update(
            actor=actors.county_admin,
            template=template,
            name="新名",
            parties=template_parties(recipient=20, purchaser=40, third_party=40),
        )
    template.refresh_from_db()
    assert template.name == "测试模板"
    assert template.parties.get(party="recipient").weight == D(50)


def test_update_of_a_template_in_use_is_a_conflict(regions, actors, monkeypatch):
    template = make_template(regions.county_a)
    monkeypatch.setattr("evaluation.services.templates.template_in_use", lambda t: True)
    with pytest.raises(Conflict):
        services.template_update(
            actor=actors.county_admin, template=template, name="x", parties=template_parties()
        )


def test_a_category_outside_the_guidance_catalogue_is_refused(regions, actors):
    with pytest.raises(ValidationError) as exc:
        services.template_create(
            actor=actors.county_admin,
            name="x",
            region=regions.county_a,
            parties=template_parties(),
            service_category="审批低保",
        )
    assert "service_category" in exc.value.message_dict


def test_a_county_template_for_a_category_applies_to_projects_of_that_category(regions, actors):
    care = make_template(regions.county_a, name="照料模板", service_category="照料护理")
    general = make_template(regions.county_a, name="通用模板")
    contract = make_contract(regions.a1)
    assert (
        services.evaluation_create(actor=actors.county_admin, contract=contract, period="x").template
        == general
    )
    other = make_contract(regions.a1)
    other.project.items.add(CatalogueItem.objects.filter(name="照料护理").first())
    assert services.evaluation_create(actor=actors.county_admin, contract=other, period="x").template == care
