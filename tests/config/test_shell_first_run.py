"""The shell as a newcomer meets it (issue 14): a favicon, a skip link, the phone menu button, the help menu, the
demo accounts by role, and `make run` without kombu's "No hostname was supplied"."""

from __future__ import annotations

import io
import logging

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders

from regions import access
from regions.choices import Role
from regions.demo import DEMO_ACCOUNTS, seed_accounts
from regions.models import Region
from staffing.tasks import compliance_recompute_task


@pytest.mark.django_db
def test_every_page_links_a_favicon_that_exists_and_favicon_ico_redirects_to_it(client, actors):
    client.force_login(actors.county_admin)
    html = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg"' in html
    assert finders.find("favicon.svg")
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/favicon.svg"


@pytest.mark.django_db
def test_the_login_page_has_the_favicon_and_a_skip_link_to_the_main_content(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'rel="icon"' in html
    assert '<a class="skip-link" href="#main">跳到正文</a>' in html
    assert '<main class="page" id="main"' in html


@pytest.mark.django_db
def test_the_header_has_a_menu_button_for_phones_and_api_docs_under_help(client, actors):
    client.force_login(actors.county_staff)
    html = client.get("/").content.decode()
    assert 'aria-controls="site-menu" data-menu-toggle' in html
    assert 'id="site-menu"' in html
    help_menu = html.split('<details class="help-menu">', 1)[1].split("</details>", 1)[0]
    assert "/api/docs/" in help_menu
    # the docs are in the help menu only, not among the business areas
    areas = html.split('<nav class="areas"', 1)[1].split("</nav>", 1)[0]
    assert "/api/docs/" not in areas


def test_the_demo_accounts_cover_every_role_that_signs_in_including_a_village_coordinator():
    roles = {role for _, role, _, _ in DEMO_ACCOUNTS}
    assert roles == set(Role)  # the business roles and the three separated administrators
    coordinator = [a for a in DEMO_ACCOUNTS if a[1] == Role.VILLAGE_COORDINATOR]
    assert coordinator[0][2] == "440106001201"  # a 12-digit village under 五山街道 440106001


@pytest.mark.django_db
def test_seeding_the_accounts_grants_the_village_coordinator_its_village(regions):
    Region.objects.create(code="440106001201", name="五山街道第1社区", level="village", parent=regions.a1)
    out = io.StringIO()
    seed_accounts(out)
    assert "wushan_cun / " in out.getvalue()
    user = get_user_model().objects.get(username="wushan_cun")
    assert [(g.code, g.role) for g in access.grants(user)] == [("440106001201", Role.VILLAGE_COORDINATOR)]


@pytest.mark.django_db
def test_a_task_run_in_process_logs_no_missing_hostname(caplog, regions):
    if not settings.CELERY_TASK_ALWAYS_EAGER:
        pytest.skip("a broker is configured (CI's PostgreSQL run): tasks go to a worker, not in process")
    with caplog.at_level(logging.DEBUG):
        compliance_recompute_task.delay("2026-11")
    assert not [r for r in caplog.records if "No hostname was supplied" in r.getMessage()]
