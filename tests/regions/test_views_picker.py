"""The region picker (issue 14): its JSON endpoint is scoped like every list, the widget still posts the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.test import Client
from django.urls import reverse

from regions.widgets import RegionPicker

pytestmark = pytest.mark.django_db

PICK = reverse("regions:pick")


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["code"] for row in response.json()["results"]]


def test_search_by_name_finds_the_village_with_its_path(actors, web):
    rows = web(actors.township_a1).get(PICK, {"q": "华工"}).json()["results"]
    assert [(r["code"], r["name"], r["path"]) for r in rows] == [
        ("440106001001", "五山街道华工社区", "广州市 天河区 五山街道")
    ]
    assert rows[0]["level_label"] == "村（社区）" and rows[0]["selectable"]


def test_search_by_code_prefix_and_levels_the_field_accepts(actors, web):
    c = web(actors.county_admin)
    assert codes(c.get(PICK, {"q": "440106001"})) == ["440106001", "440106001001", "440106001002"]
    assert codes(c.get(PICK, {"q": "440106001", "levels": "village"})) == ["440106001001", "440106001002"]
    assert codes(c.get(PICK, {"q": "街道", "levels": "township"})) == ["440106001", "440106002"]


def test_own_scope_never_offers_a_region_outside_the_users_grants(actors, web):
    c = web(actors.township_a1)
    assert codes(c.get(PICK, {"q": "社区"})) == ["440106001001", "440106001002"]  # not 员村 (A2), not 罗湖
    assert codes(c.get(PICK, {"q": "440303"})) == []
    assert codes(c.get(PICK, {"parent": "440106"})) == ["440106001"]  # their township, not its neighbour
    assert c.get(PICK, {"code": "440303001001"}).json()["region"] is None


def test_all_scope_offers_the_province_for_household_and_transfer_targets(actors, web):
    c = web(actors.township_a1)
    assert codes(c.get(PICK, {"q": "老围", "scope": "all"})) == ["440303001001"]


def test_cascade_starts_at_the_users_grants_and_stops_at_the_deepest_level_accepted(actors, web):
    c = web(actors.county_admin)
    assert codes(c.get(PICK, {"parent": ""})) == ["440106"]
    assert codes(c.get(PICK, {"parent": "440106"})) == ["440106001", "440106002"]
    assert codes(c.get(PICK, {"parent": "440106001", "levels": "township"})) == []
    superuser = web(actors.superuser)
    assert codes(superuser.get(PICK, {"parent": ""})) == ["4401", "4403"]  # the cities, not the province


def test_chain_gives_each_step_of_the_cascade_with_the_choice_made(
    actors, web, django_assert_max_num_queries
):
    c = web(actors.county_admin)
    # 3 for the session and the user (read, saved), the grants, then the region, the top, their names, the steps
    with django_assert_max_num_queries(10):
        data = c.get(PICK, {"code": "440106001002", "levels": "township,village"}).json()
    assert data["region"]["name"] == "五山街道茶山社区"
    assert [step["selected"] for step in data["steps"]] == ["440106", "440106001", "440106001002"]
    assert [[o["code"] for o in step["options"]] for step in data["steps"]] == [
        ["440106"],
        ["440106001", "440106002"],
        ["440106001001", "440106001002"],
    ]
    assert [o["selectable"] for o in data["steps"][0]["options"]] == [False]  # a county: only to go down


def test_search_costs_the_same_few_queries_for_many_results(actors, web, django_assert_max_num_queries):
    c = web(actors.superuser)
    # 3 for the session and the user (read, saved), the matches, the names above them
    with django_assert_max_num_queries(7):
        assert len(codes(c.get(PICK, {"q": "4"}))) == 13


def test_visitors_get_only_the_public_levels_and_bad_parameters_are_4xx(actors):
    visitor = Client()
    assert visitor.get(PICK, {"q": "社区"}).status_code == 403
    assert codes(visitor.get(PICK, {"q": "社区", "scope": "all"})) == []  # villages are not public
    assert codes(visitor.get(PICK, {"q": "桂园", "scope": "all"})) == ["440303001"]
    bad = visitor.get(PICK, {"scope": "everything"})
    assert bad.status_code == 400 and bad.json()["code"] == "bad_scope"
    assert Client().get(PICK, {"parent": "x'--", "scope": "all"}).status_code == 400


def test_the_widget_is_a_code_field_with_the_regions_name_when_javascript_is_off(regions):
    class Form(forms.Form):
        place = forms.CharField(widget=RegionPicker(levels=("township", "village"), scope="all"))

    html = str(Form(initial={"place": "440106001001"})["place"])
    assert 'name="place"' in html and 'value="440106001001"' in html
    assert "五山街道华工社区" in html
    assert 'data-levels="township,village"' in html and 'data-scope="all"' in html
    empty = str(Form()["place"])
    assert "填写区划代码（乡镇（街道）、村（社区））" in empty


def test_the_picker_scripts_carry_no_chinese_text():
    for name in ("region-picker.js", "lookup.js", "listbox.js"):
        code = (Path(settings.BASE_DIR) / "static/js" / name).read_text(encoding="utf-8")
        strings = re.findall(r"\"[^\"\n]*\"", code)  # the literals (comments may name 市/县)
        assert [s for s in strings if re.search(r"[\u4e00-\u9fff]", s)] == [], name
