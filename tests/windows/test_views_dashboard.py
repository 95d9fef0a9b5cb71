"""The windows dashboard renders its figures."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.windows import make_case

pytestmark = pytest.mark.django_db


def test_dashboard_renders_figures(windows, actors, web, regions):
    make_case(actors.township_a1, windows.a1, seq=1, household=regions.b1_village, accept=True)
    body = web(actors.provincial_viewer).get(reverse("windows:dashboard")).content.decode()
    assert "chart-data" in body and "异地申请" in body
