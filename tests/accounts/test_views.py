"""Account pages: the users list with filters, creating an account, a user's page with grants and history, the
actions; pages out of the administrator's area are 404, above its role 403."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from accounts.models import Account
from regions import access
from regions.choices import Role
from tests.conftest import make_user

User = get_user_model()


def test_the_users_list_shows_the_accounts_of_the_admins_county_only(actors, web):
    page = web(actors.county_admin).get(reverse("accounts:index")).content.decode()
    assert ">township_a1</a>" in page and ">county_staff_a</a>" in page
    assert ">outsider_b</a>" not in page and ">provincial_viewer</a>" not in page


def test_the_users_list_filters_by_region_role_active_and_last_login(actors, web):
    client = web(actors.county_admin)
    page = client.get(reverse("accounts:index"), {"region": "440106002"}).content.decode()
    assert "township_a2" in page and "township_a1" not in page
    page = client.get(reverse("accounts:index"), {"role": "county_staff"}).content.decode()
    assert "county_staff_a" in page and "township_a1" not in page
    page = client.get(reverse("accounts:index"), {"last_login": "never"}).content.decode()
    assert "township_a1" in page
    User.objects.filter(pk=actors.township_a1.pk).update(is_active=False)
    page = client.get(reverse("accounts:index"), {"active": "false"}).content.decode()
    assert "township_a1" in page and "township_a2" not in page


def test_the_users_list_costs_the_same_few_queries_for_many_accounts(
    actors, web, django_assert_max_num_queries
):
    client = web(actors.county_admin)
    for n in range(15):
        make_user(f"w{n}", Role.TOWNSHIP_STAFF, "440106001")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("accounts:index")).status_code == 200


def test_users_pages_are_not_found_for_roles_that_administer_no_accounts(actors, web):
    for name in ("township_a1", "county_staff", "provincial_viewer", "service_account"):
        client = web(getattr(actors, name))
        assert client.get(reverse("accounts:index")).status_code == 404, name
        assert client.get(reverse("accounts:user_detail", args=[actors.township_a2.pk])).status_code == 404


def test_an_account_of_another_county_is_not_found(actors, web):
    response = web(actors.county_admin).get(reverse("accounts:user_detail", args=[actors.outsider.pk]))
    assert response.status_code == 404


def test_creating_an_account_shows_its_temporary_password_once(actors, web):
    client = web(actors.county_admin)
    form = client.get(reverse("accounts:user_create")).content.decode()
    assert "440106001" in form and "440303" not in form and "安全管理员" not in form
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "wushan_li",
            "full_name": "李明",
            "phone": "13800138000",
            "region": "440106001",
            "role": "township_staff",
        },
    )
    user = User.objects.get(username="wushan_li")
    assert response.status_code == 302 and response["Location"] == reverse(
        "accounts:user_detail", args=[user.pk]
    )
    page = client.get(response["Location"]).content.decode()
    assert "临时密码" in page and "138****8000" in page and "13800138000" not in page
    assert "临时密码（只显示这一次）" not in client.get(response["Location"]).content.decode()


def test_a_form_for_a_region_outside_the_admins_area_is_refused_without_saving(actors, web):
    response = web(actors.county_admin).post(
        reverse("accounts:user_create"),
        {
            "username": "x1",
            "full_name": "李明",
            "phone": "13800138000",
            "region": "440303001",
            "role": "township_staff",
        },
    )
    assert response.status_code == 200 and not User.objects.filter(username="x1").exists()


def test_granting_and_revoking_on_the_users_page_with_the_history_kept(actors, web):
    client = web(actors.county_admin)
    url = reverse("accounts:user_detail", args=[actors.township_a1.pk])
    client.post(
        reverse("accounts:grant_add", args=[actors.township_a1.pk]),
        {"region": "440106001001", "role": "village_coordinator"},
    )
    access.clear_cache(actors.township_a1)
    assert {g.role for g in access.grants(actors.township_a1)} == {
        Role.TOWNSHIP_STAFF,
        Role.VILLAGE_COORDINATOR,
    }
    client.post(
        reverse("accounts:grant_revoke", args=[actors.township_a1.pk]),
        {"region": "440106001001", "role": "village_coordinator"},
    )
    access.clear_cache(actors.township_a1)
    assert {g.role for g in access.grants(actors.township_a1)} == {Role.TOWNSHIP_STAFF}
    history = client.get(url).content.decode().split('id="history"')[1]
    assert history.count("440106001001 · 村（社区）协理员") == 2  # granted, then revoked
    assert "张伟" in history  # by the county admin


def test_a_grant_of_a_role_above_the_admin_is_refused_on_the_page(actors, web):
    response = web(actors.county_admin).post(
        reverse("accounts:grant_add", args=[actors.township_a1.pk]),
        {"region": "440106", "role": "security_admin"},
    )
    assert (
        response.status_code == 302
    )  # the form offers no such role: refused with a message, nothing granted
    access.clear_cache(actors.township_a1)
    assert {g.role for g in access.grants(actors.township_a1)} == {Role.TOWNSHIP_STAFF}


def test_reset_and_deactivate_on_the_users_page(actors, web):
    client = web(actors.county_admin)
    client.post(reverse("accounts:password_reset", args=[actors.township_a1.pk]))
    assert Account.objects.get(user=actors.township_a1).must_change_password
    client.post(reverse("accounts:deactivate", args=[actors.township_a1.pk]))
    assert not User.objects.get(pk=actors.township_a1.pk).is_active


def test_the_navigation_shows_accounts_to_admins_and_no_business_area_to_a_security_administrator(
    actors, web
):
    assert reverse("accounts:index") in web(actors.county_admin).get(reverse("home")).content.decode()
    assert reverse("accounts:index") not in web(actors.township_a1).get(reverse("home")).content.decode()
    security = make_user("th_security", Role.SECURITY_ADMIN, "440106")
    page = web(security).get(reverse("home")).content.decode()
    assert reverse("accounts:index") in page and reverse("windows:index") not in page
