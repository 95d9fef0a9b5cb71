"""The system administrator's page (三员分立): effective security settings and the beat schedule, read-only, for the
system and security administrators only; no business data."""

from __future__ import annotations

from django.urls import reverse

from regions.choices import Role
from tests.conftest import make_user


def test_the_system_administrator_sees_the_settings_and_jobs_and_its_menu_entry(regions, web, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    client = web(make_user("th_system", Role.SYSTEM_ADMIN, "440106"))
    page = client.get(reverse("system:index")).content.decode()
    assert "PASSWORD_MAX_AGE_DAYS" in page and "staffing-compliance-nightly" in page
    home = client.get(reverse("home")).content.decode()
    assert reverse("system:index") in home
    # no grants to give, no cases to see
    assert reverse("accounts:index") not in home and reverse("windows:index") not in home


def test_the_security_administrator_sees_the_policies(regions, web):
    page = web(make_user("th_security", Role.SECURITY_ADMIN, "440106")).get(reverse("system:index"))
    assert page.status_code == 200 and "SESSION_ABSOLUTE_AGE" in page.content.decode()


def test_business_roles_and_the_audit_administrator_do_not_find_the_page(regions, actors, web):
    for user in (actors.county_admin, actors.township_a1, make_user("th_audit", Role.AUDIT_ADMIN, "440106")):
        assert web(user).get(reverse("system:index")).status_code == 404
