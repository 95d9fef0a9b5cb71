"""The page scripts say nothing in Chinese themselves: their words come from the page (data-msg-* attributes
rendered through gettext), so the English page's scripts speak English too (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories.evaluation import make_evaluation

CJK = re.compile(r"[\u4e00-\u9fff]")


def _our_scripts() -> list[Path]:
    static = Path(settings.BASE_DIR) / "static"
    return sorted(p for p in static.rglob("*.js") if "vendor" not in p.parts)


def test_no_page_script_has_a_chinese_string_literal():
    found = {}
    for path in _our_scripts():
        literals = re.findall(r"\"[^\"\n]*\"|'[^'\n]*'", path.read_text(encoding="utf-8"))
        chinese = [s for s in literals if CJK.search(s)]
        if chinese:
            found[path.name] = chinese
    assert found == {}
    assert {"survey.js", "project-form.js", "region-picker.js"} <= {p.name for p in _our_scripts()}


@pytest.mark.django_db
def test_the_survey_entry_gives_its_script_the_words_in_the_pages_language(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    client = web(actors.township_a1)
    chinese = client.get(f"/evaluation/{evaluation.pk}/survey/").content.decode()
    assert 'data-msg-done="已答完，按回车保存"' in chinese and 'data-msg-left="还有 {n} 题未答"' in chinese
    english = client.get(f"/evaluation/{evaluation.pk}/survey/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-msg-done="All answered: press Enter to save"' in english
    assert 'data-msg-left="{n} questions left"' in english


@pytest.mark.django_db
def test_the_project_form_gives_its_running_total_the_words_in_the_pages_language(regions, actors, web):
    client = web(actors.county_admin)
    english = client.get("/procurement/projects/new/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'data-msg-over="{n} points over"' in english and 'data-msg-under="{n} points short"' in english
    chinese = client.get("/procurement/projects/new/").content.decode()
    assert 'data-msg-ok="合计正确"' in chinese
