from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from regions import access
from regions.choices import Role
from regions.models import Region
from regions.services import region_grant, region_revoke
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


def codes(qs) -> set[str]:
    return set(qs.values_list("code", flat=True))


def test_township_worker_sees_own_township_and_its_villages_only(actors):
    seen = codes(Region.objects.visible_to(actors.township_a1))
    assert seen == {"440106001", "440106001001", "440106001002"}


def test_county_admin_sees_county_and_townships_not_another_county(actors):
    seen = codes(Region.objects.visible_to(actors.county_admin))
    assert {"440106", "440106001", "440106002", "440106002001"} <= seen
    assert "440303" not in seen and "4401" not in seen


def test_provincial_viewer_sees_everything(actors):
    assert codes(Region.objects.visible_to(actors.provincial_viewer)) == set(
        Region.objects.values_list("code", flat=True)
    )


def test_anonymous_and_ungranted_users_see_nothing(actors):
    assert not Region.objects.visible_to(AnonymousUser()).exists()
    assert not Region.objects.visible_to(actors.no_grant).exists()


def test_overlapping_grants_collapse_to_the_widest_prefix(actors):
    user = make_user("two_grants", Role.COUNTY_STAFF, "440106")
    region_grant(actor=None, user=user, region_code="440106001", role=Role.TOWNSHIP_STAFF)
    region_grant(actor=None, user=user, region_code="440303", role=Role.COUNTY_STAFF)
    assert access.visible_prefixes(user) == ["440106", "440303"]


def test_viewer_roles_cannot_act(actors):
    assert not access.has_role(actors.provincial_viewer, "440106001")
    assert access.has_role(actors.county_admin, "440106001")
    assert not access.has_role(actors.township_a1, "440106002")


def test_revoking_a_grant_removes_access(actors):
    user = make_user("temp", Role.TOWNSHIP_STAFF, "440106001")
    region_revoke(actor=None, user=user, region_code="440106001", role=Role.TOWNSHIP_STAFF)
    assert not Region.objects.visible_to(user).exists()
    assert not user.groups.filter(name=Role.TOWNSHIP_STAFF).exists()


def test_user_grants_cost_one_query(actors, django_assert_num_queries):
    user = type(actors.county_admin).objects.get(pk=actors.county_admin.pk)
    with django_assert_num_queries(1):  # the grants; the filter itself is then one indexed prefix query
        access.visible_prefixes(user)
        access.visible_prefixes(user)


def test_region_api_detail_out_of_scope_is_404(actors, api):
    assert api(actors.township_a1).get("/api/v1/regions/440106001/").status_code == 200
    assert api(actors.township_a1).get("/api/v1/regions/440106002/").status_code == 404
    assert api(actors.outsider).get("/api/v1/regions/440106/").status_code == 404
    assert api(actors.outsider).get("/api/v1/regions/999999/").status_code == 404


def test_region_admin_page_out_of_scope_is_404_for_superuser_only(actors, web):
    # the admin is for support staff; ordinary users are redirected to its login
    response = web(actors.county_admin).get(reverse("admin:regions_region_changelist"))
    assert response.status_code == 302


def test_grant_region_command_grants_the_role(regions):
    from django.core.management import call_command

    user = make_user("cmd_user")
    call_command("grant_region", "cmd_user", "440106", "county_admin")
    user = type(user).objects.get(pk=user.pk)
    assert [g.code for g in access.grants(user)] == ["440106"]
    assert access.grants(user)[0].role == Role.COUNTY_ADMIN


def test_grant_region_command_refuses_unknown_role(regions):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    make_user("cmd_user2")
    with pytest.raises(CommandError, match="角色"):
        call_command("grant_region", "cmd_user2", "440106", "mayor")


def test_users_with_role_finds_holders_on_the_region_or_above_only(actors):
    found = access.users_with_role(["440106001", "440303"], [Role.COUNTY_ADMIN, Role.TOWNSHIP_STAFF])
    assert {u.username for u in found["440106001"]} == {"county_admin_a", "township_a1"}
    assert {u.username for u in found["440303"]} == {"outsider_b"}


def test_users_with_role_skips_inactive_users_and_other_roles(actors):
    actors.county_admin.is_active = False
    actors.county_admin.save()
    found = access.users_with_role(["440106002"], [Role.COUNTY_ADMIN])
    assert found == {"440106002": []}
