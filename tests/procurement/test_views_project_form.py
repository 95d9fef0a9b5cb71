"""The project form in sections (issue 14): 基本信息 / 采购方式 / 绩效目标 / 评分办法, a running total of the scoring
weights, 适用情形 tied to the method, and what the government must do itself never offered."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from procurement.models import CatalogueItem, Project

pytestmark = pytest.mark.django_db

NEW = "/procurement/projects/new/"


def _page(client, data=None):
    response = client.post(NEW, data) if data is not None else client.get(NEW)
    return response, BeautifulSoup(response.content.decode(), "html.parser")


def test_the_form_comes_in_four_sections_in_order(web, actors):
    _, soup = _page(web(actors.county_admin))
    legends = [legend.get_text(strip=True) for legend in soup.select("fieldset.form-section > legend")]
    assert legends == ["1. 基本信息", "2. 采购方式", "3. 绩效目标", "4. 评分办法"]
    method_section = soup.select("fieldset.form-section")[1]
    assert method_section.select_one("select[name=method]") is not None
    assert method_section.select_one("select[name=method_condition]") is not None


def test_items_the_government_must_do_itself_are_not_offered(web, actors):
    _, soup = _page(web(actors.county_admin))
    offered = {option.get_text() for option in soup.select("select[name=items] option")}
    # the three matters of 粤民发〔2018〕170号 一(二) that stay with the government (seeded as reference data)
    for name in (
        "救助申请的审批（批准或不予批准）",
        "救助待遇的认定与决定",
        "作出行政决定（停发、减发、追回等）",
    ):
        assert not any(name in text for text in offered)
    assert offered and not any("不得购买" in text for text in offered)


def test_a_posted_government_only_item_is_refused_and_nothing_saved(web, actors, care_item):
    forbidden = CatalogueItem.objects.get(code="G-approval")
    response, _ = _page(
        web(actors.county_admin),
        {"purchaser": "440106", "year": 2026, "title": "审批外包", "items": [care_item.pk, forbidden.pk]},
    )
    assert response.status_code == 200 and "items" in response.context["form"].errors
    assert not Project.objects.exists()


def test_each_condition_says_the_methods_it_serves(web, actors):
    _, soup = _page(web(actors.county_admin))
    methods = {
        o["value"]: o.get("data-methods", "") for o in soup.select("select[name=method_condition] option")
    }
    # 政府采购法 第三十条 (竞争性谈判) and 财库〔2014〕214号 第三条 (竞争性磋商) both allow "技术复杂或性质特殊"
    assert methods["too_complex"].split() == ["consultation", "negotiation"]
    assert methods["only_supplier"].split() == ["single_source"]  # 第三十一条
    assert methods["limited_suppliers"].split() == ["invited_tender"]  # 第二十九条
    assert methods[""] == ""


def test_the_weight_total_shows_the_sum_as_typed(web, actors, care_item):
    _, soup = _page(web(actors.county_admin))
    assert soup.select_one("#weight-total").get_text() == "100"  # 30 + 40 + 30 as first offered
    assert len(soup.select("input[data-weight]")) == 5
    _, soup = _page(
        web(actors.county_admin),
        {"title": "", "price_weight": "30", "weight_1": "40", "weight_2": "20.5", "criterion_1": "方案"},
    )
    assert soup.select_one("#weight-total").get_text() == "90.5"
    assert "合计应为 100" in soup.select_one("#weight-note").get_text()
