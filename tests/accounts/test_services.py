"""Account management services: create, grant, revoke, reset, deactivate, and every escalation path refused."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from accounts import services
from accounts.models import Account
from core.exceptions import Conflict
from regions import access
from regions.choices import Role
from tests.conftest import make_user

User = get_user_model()


def _new(actor, username="wushan_li", region="440106001", role=Role.TOWNSHIP_STAFF):
    return services.account_create(
        actor=actor, username=username, full_name="李明", phone="13800138000", region_code=region, role=role
    )


def _roles(user):
    access.clear_cache(user)
    return {(g.code, g.role) for g in access.grants(user)}


def test_a_county_admin_creates_a_township_account_that_must_change_its_password(actors):
    user, password = _new(actors.county_admin)
    assert _roles(user) == {("440106001", Role.TOWNSHIP_STAFF)}
    account = Account.objects.get(user=user)
    assert account.must_change_password and account.region.code == "440106001"
    assert account.created_by == actors.county_admin
    assert user.check_password(password) and len(password) == 16
    assert account.phone == "13800138000" and account.phone_hash  # stored encrypted with a lookup hash


def test_bad_input_is_refused_with_every_error_and_nothing_saved(actors):
    with pytest.raises(ValidationError) as refused:
        services.account_create(
            actor=actors.county_admin,
            username="a b",
            full_name="",
            phone="123",
            region_code="440106001",
            role=Role.TOWNSHIP_STAFF,
        )
    assert set(refused.value.message_dict) == {"username", "full_name", "phone"}
    assert not User.objects.filter(username="a b").exists()


def test_a_username_is_used_once_whatever_its_case(actors):
    with pytest.raises(ValidationError):
        _new(actors.county_admin, username="TOWNSHIP_A1")


def test_a_role_that_does_not_fit_the_level_of_the_region_is_refused(actors):
    with pytest.raises(ValidationError) as refused:
        _new(actors.county_admin, region="440106", role=Role.TOWNSHIP_STAFF)
    assert "role" in refused.value.message_dict


@pytest.mark.parametrize(
    ("region", "role", "error"),
    [
        ("4401", Role.CITY_VIEWER, Http404),  # the city above its county
        ("44", Role.PROVINCIAL_VIEWER, Http404),  # the province
        ("440303001", Role.TOWNSHIP_STAFF, Http404),  # a township of another county
        ("440106", Role.SECURITY_ADMIN, PermissionDenied),  # an administrator duty above its role
        ("440106", Role.AUDIT_ADMIN, PermissionDenied),
        ("440106", Role.SYSTEM_ADMIN, PermissionDenied),
    ],
)
def test_a_county_admin_cannot_create_or_grant_above_its_region_or_role(actors, region, role, error):
    with pytest.raises(error):
        _new(actors.county_admin, region=region, role=role)
    with pytest.raises(error):
        services.grant_add(actor=actors.county_admin, user=actors.township_a1, region_code=region, role=role)
    assert _roles(actors.township_a1) == {("440106001", Role.TOWNSHIP_STAFF)}


@pytest.mark.parametrize(
    "name", ["township_a1", "county_staff", "city_viewer", "provincial_viewer", "service_account"]
)
def test_a_role_that_administers_no_accounts_grants_nothing(actors, name):
    with pytest.raises(Http404):
        services.grant_add(
            actor=getattr(actors, name),
            user=actors.township_a2,
            region_code="440106002",
            role=Role.TOWNSHIP_STAFF,
        )


def test_nobody_grants_to_themselves(actors):
    with pytest.raises(PermissionDenied):
        services.grant_add(
            actor=actors.county_admin,
            user=actors.county_admin,
            region_code="440106001",
            role=Role.TOWNSHIP_STAFF,
        )


def test_an_account_granted_above_the_county_is_not_managed_by_the_county_admin(actors):
    # the city viewer of 广州 is also made a township worker of 五山: the county admin sees it, cannot manage it
    from regions.services import region_grant

    region_grant(actor=None, user=actors.city_viewer, region_code="440106001", role=Role.TOWNSHIP_STAFF)
    for call in (
        lambda: services.password_reset(actor=actors.county_admin, user=actors.city_viewer),
        lambda: services.account_deactivate(actor=actors.county_admin, user=actors.city_viewer),
        lambda: services.grant_revoke(
            actor=actors.county_admin,
            user=actors.city_viewer,
            region_code="440106001",
            role=Role.TOWNSHIP_STAFF,
        ),
    ):
        with pytest.raises(PermissionDenied):
            call()
    assert User.objects.get(pk=actors.city_viewer.pk).is_active


def test_an_account_of_another_county_is_not_found(actors):
    with pytest.raises(Http404):
        services.password_reset(actor=actors.county_admin, user=actors.outsider)


def test_the_superuser_is_managed_by_nobody_but_itself(actors):
    with pytest.raises(Http404):
        services.account_deactivate(actor=actors.county_admin, user=actors.superuser)


def test_a_city_admin_manages_the_accounts_of_its_counties(regions, actors):
    city_admin = make_user("gz_admin", Role.COUNTY_ADMIN, "4401")
    services.grant_add(
        actor=city_admin, user=actors.county_admin, region_code="440106001", role=Role.TOWNSHIP_STAFF
    )
    assert ("440106001", Role.TOWNSHIP_STAFF) in _roles(actors.county_admin)
    user, _ = _new(city_admin, username="gz_viewer", region="4401", role=Role.CITY_VIEWER)
    assert _roles(user) == {("4401", Role.CITY_VIEWER)}
    with pytest.raises(Http404):  # 深圳 is beside 广州
        services.password_reset(actor=city_admin, user=actors.outsider)


def test_a_security_administrator_grants_the_administrator_roles_of_its_area_but_not_two_to_one_account(
    regions,
):
    security = make_user("gz_security", Role.SECURITY_ADMIN, "4401")
    auditor, _ = _new(security, username="gz_audit", region="4401", role=Role.AUDIT_ADMIN)
    with pytest.raises(ValidationError) as refused:
        services.grant_add(actor=security, user=auditor, region_code="4401", role=Role.SYSTEM_ADMIN)
    assert refused.value.error_dict["role"][0].code == "separation_of_duties"
    with pytest.raises(ValidationError):
        services.grant_add(actor=security, user=auditor, region_code="440106", role=Role.COUNTY_ADMIN)
    assert _roles(auditor) == {("4401", Role.AUDIT_ADMIN)}


def test_a_county_admin_does_not_manage_the_security_administrator_of_its_county(regions, actors):
    security = make_user("th_security", Role.SECURITY_ADMIN, "440106")
    with pytest.raises(PermissionDenied):
        services.password_reset(actor=actors.county_admin, user=security)


def test_revoking_a_grant_and_revoking_it_again(actors):
    services.grant_revoke(
        actor=actors.county_admin, user=actors.township_a1, region_code="440106001", role=Role.TOWNSHIP_STAFF
    )
    assert _roles(actors.township_a1) == set()
    with pytest.raises((Conflict, Http404)):
        services.grant_revoke(
            actor=actors.county_admin,
            user=actors.township_a1,
            region_code="440106001",
            role=Role.TOWNSHIP_STAFF,
        )


def test_granting_the_same_role_twice_is_a_conflict(actors):
    with pytest.raises(Conflict):
        services.grant_add(
            actor=actors.county_admin,
            user=actors.township_a1,
            region_code="440106001",
            role=Role.TOWNSHIP_STAFF,
        )


def test_a_reset_password_must_be_changed_and_ends_the_users_sessions(actors):
    from accounts.models import UserSession

    UserSession.objects.create(user=actors.township_a1, session_key="k" * 32)
    password = services.password_reset(actor=actors.county_admin, user=actors.township_a1)
    user = User.objects.get(pk=actors.township_a1.pk)
    assert user.check_password(password)
    assert Account.objects.get(user=user).must_change_password
    assert UserSession.objects.get(session_key="k" * 32).ended_at is not None


def test_deactivation_keeps_the_account_and_twice_is_a_conflict(actors):
    services.account_deactivate(actor=actors.county_admin, user=actors.township_a1)
    user = User.objects.get(pk=actors.township_a1.pk)
    assert not user.is_active
    with pytest.raises(Conflict):
        services.account_deactivate(actor=actors.county_admin, user=user)
    services.account_reactivate(actor=actors.county_admin, user=user)
    assert User.objects.get(pk=user.pk).is_active
