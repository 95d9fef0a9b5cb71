"""Two-factor login per region, set in the product (issue 13): a security administrator requires it of the
accounts working in a region of its area and below (or turns it off), with history and an audit record; the
installation default (TWO_FACTOR_REQUIRED_REGIONS) applies where no region in the path has a setting."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import Client
from django.urls import reverse

from regions import twofactor
from regions.audit_models import AuditRecord
from regions.choices import Role
from regions.models import RegionTwoFactor
from regions.rules import two_factor_required_in
from tests.conftest import make_user
from tests.regions.test_twofactor import _login

pytestmark = pytest.mark.django_db


def test_the_nearest_regions_setting_wins_then_the_installation_default():
    explicit = {"440106": True, "440106002": False}
    assert two_factor_required_in("440106001", explicit, ()) is True  # the county's, one level up
    assert two_factor_required_in("440106002001", explicit, ()) is False  # the township's, nearer
    assert two_factor_required_in("440303001", explicit, ()) is False  # no setting, no default
    assert two_factor_required_in("440303001", explicit, ("4403",)) is True  # the default
    assert two_factor_required_in("440106002", explicit, ("44",)) is False  # a setting beats the default


def test_a_township_user_under_a_region_that_requires_it_is_sent_to_enrolment_and_not_when_turned_off(
    actors, web
):
    security = make_user("security_a", Role.SECURITY_ADMIN, "440106")
    client = web(security)
    response = client.post(reverse("twofactor-regions"), {"region": "440106", "choice": "on"})
    assert response.status_code == 302
    assert _login(Client(), "township_a1").startswith(reverse("twofactor-enrol"))

    response = client.post(reverse("twofactor-regions"), {"region": "440106", "choice": "off"})
    assert response.status_code == 302
    assert _login(Client(), "township_a1") == "/"


def test_the_page_shows_the_setting_and_its_history_and_each_change_is_audited(actors, web):
    security = make_user("security_a", Role.SECURITY_ADMIN, "440106", first_name="安全员甲")
    client = web(security)
    client.post(reverse("twofactor-regions"), {"region": "440106001", "choice": "on"})
    client.post(reverse("twofactor-regions"), {"region": "440106001", "choice": "inherit"})
    assert not RegionTwoFactor.objects.exists()
    html = client.get(reverse("twofactor-regions")).content.decode()
    history = html[html.index('id="history"') :]
    assert history.count("安全员甲") == 2 and "新建" in history and "删除" in history
    records = AuditRecord.objects.filter(action="otp_policy").order_by("seq")
    assert [(r.region_code, r.changes["required"]) for r in records] == [
        ("440106001", ["inherit", "on"]),
        ("440106001", ["on", "inherit"]),
    ]


def test_the_same_setting_twice_is_a_409(actors, web):
    client = web(make_user("security_a", Role.SECURITY_ADMIN, "440106"))
    client.post(reverse("twofactor-regions"), {"region": "440106", "choice": "on"})
    response = client.post(reverse("twofactor-regions"), {"region": "440106", "choice": "on"})
    assert response.status_code == 409 and "该区域已是此设置" in response.content.decode()


def test_a_security_administrator_of_another_city_gets_404(actors, web):
    other_city = make_user("security_sz", Role.SECURITY_ADMIN, "4403")
    client = web(other_city)
    assert "440106" not in client.get(reverse("twofactor-regions")).content.decode()
    response = client.post(reverse("twofactor-regions"), {"region": "440106", "choice": "on"})
    assert response.status_code == 404
    with pytest.raises(Http404):
        twofactor.region_setting_set(actor=other_city, region_code="440106001", choice="on")
    assert not RegionTwoFactor.objects.exists()


def test_business_roles_do_not_find_the_page(actors, web):
    for user in (actors.county_admin, actors.township_a1):
        assert web(user).get(reverse("twofactor-regions")).status_code == 404
