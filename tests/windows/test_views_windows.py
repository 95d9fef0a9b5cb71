"""Window pages: list, detail, editor (out of scope 404, a viewer may not edit)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_window_pages(windows, actors, web, regions):
    client = web(actors.county_admin)
    assert "五山街道社会救助窗口" in client.get(reverse("windows:window_list")).content.decode()
    assert client.get(reverse("windows:window_detail", args=[windows.a1.pk])).status_code == 200
    assert client.get(reverse("windows:window_detail", args=[windows.b1.pk])).status_code == 404
    response = client.post(
        reverse("windows:window_edit", args=[windows.a1.pk]),
        {
            "region": "440106001",
            "name": "五山街道社会救助窗口",
            "hours": "9-17",
            "has_signage": "on",
            "has_fixed_posts": "on",
            "has_duties": "on",
            "has_service_rules": "on",
            "has_policies_displayed": "on",
            "active": "on",
            "staff": [actors.township_a1.pk],
            "duty_officer": actors.township_a1.pk,
        },
    )
    assert response.status_code == 302
    windows.a1.refresh_from_db()
    assert windows.a1.checklist_done == 5


def test_viewer_cannot_open_the_window_editor(windows, actors, web):
    assert (
        web(actors.city_viewer).get(reverse("windows:window_edit", args=[windows.a1.pk])).status_code == 403
    )
    assert web(actors.outsider).get(reverse("windows:window_edit", args=[windows.a1.pk])).status_code == 404
