"""Places by name (issue 14): the queue and the case timeline show region names, the code as secondary text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.windows import make_case
from windows import services

pytestmark = pytest.mark.django_db


def test_the_queue_names_the_region_where_the_case_is(windows, actors, web):
    make_case(actors.township_a1, windows.a1, accept=True)
    body = web(actors.county_admin).get(reverse("windows:queue")).content.decode()
    assert '五山街道 <span class="hint mono">440106001</span>' in body


def test_the_timeline_names_both_ends_of_a_transfer(windows, actors, web, regions):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    services.case_transfer(
        actor=actors.township_a1, case=case, kind="region", reason="户籍在员村", to_region=regions.a2
    )
    body = web(actors.county_admin).get(reverse("windows:case_detail", args=[case.number])).content.decode()
    assert "办理地：五山街道" in body and "员村街道" in body
