"""The security audit trail (issue 13; 等保2.0 三级 安全审计): every event named in the issue is one record with who,
when, from which address, what and before/after (personal fields masked)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from accounts import services as account_services
from regions import personal
from regions.audit import set_actor
from regions.audit_models import AuditRecord
from regions.choices import AuditAction, Role
from regions.models import PersonalDataAccess
from regions.services import region_grant, region_revoke
from windows.models import Holiday

pytestmark = pytest.mark.django_db

PASSWORD = "Test-pass-2026"  # tests/conftest.py gives every actor this password


def _only(action: AuditAction) -> AuditRecord:
    return AuditRecord.objects.get(action=action)


def test_a_login_is_recorded_with_the_account_its_region_and_the_address(actors):
    Client(REMOTE_ADDR="192.0.2.10").post(reverse("login"), {"username": "township_a1", "password": PASSWORD})
    row = _only(AuditAction.LOGIN)
    assert (row.actor, row.username, row.address, row.region_code) == (
        actors.township_a1,
        "township_a1",
        "192.0.2.10",
        "440106001",
    )


def test_a_failed_login_names_the_typed_account_and_a_logout_is_recorded(actors):
    client = Client(REMOTE_ADDR="192.0.2.11")
    client.post(reverse("login"), {"username": "township_a1", "password": "wrong"})
    failed = _only(AuditAction.LOGIN_FAILED)
    assert (failed.actor, failed.username, failed.address, failed.region_code) == (
        None,
        "township_a1",
        "192.0.2.11",
        "440106001",
    )
    client.post(reverse("login"), {"username": "township_a1", "password": PASSWORD})
    client.post(reverse("logout"))
    assert _only(AuditAction.LOGOUT).actor == actors.township_a1


def test_the_fifth_failure_from_one_address_records_the_lock_out(actors):
    for _ in range(5):
        Client(REMOTE_ADDR="192.0.2.12").post(
            reverse("login"), {"username": "township_a2", "password": "wrong"}
        )
    assert AuditRecord.objects.filter(action=AuditAction.LOGIN_FAILED).count() == 5
    locked = AuditRecord.objects.filter(action=AuditAction.LOCKED_OUT).first()
    assert locked is not None
    assert (locked.username, locked.address) == ("township_a2", "192.0.2.12")


def test_a_password_change_is_recorded_without_any_part_of_the_password(actors):
    user = actors.township_a1
    user.set_password("Another-pass-2027")
    with set_actor(actors.county_admin):
        user.save()
    row = _only(AuditAction.PASSWORD_CHANGE)
    assert (row.actor, row.target.endswith("township_a1"), row.changes) == (actors.county_admin, True, {})
    assert not AuditRecord.objects.filter(action=AuditAction.ACCOUNT_CHANGE).exists()
    assert "pbkdf2" not in json.dumps(row.changes) and "md5" not in json.dumps(row.changes)


def test_an_account_change_keeps_before_and_after_with_the_email_masked(actors):
    user = actors.township_a1
    user.email = "zhang.wei@example.gov.cn"
    user.is_active = False
    with set_actor(actors.county_admin):
        user.save()
    row = _only(AuditAction.ACCOUNT_CHANGE)
    assert row.changes["is_active"] == ["True", "False"]
    before, after = row.changes["email"]
    assert before == "" and after.endswith(".cn") and "zhang" not in after
    assert row.region_code == "440106001"


def test_a_new_account_is_recorded_in_the_region_of_whoever_made_it(actors):
    with set_actor(actors.county_admin):
        get_user_model().objects.create_user("newcomer", email="newcomer@example.gov.cn")
    row = _only(AuditAction.ACCOUNT_CREATE)
    assert (row.actor, row.region_code, row.changes["username"]) == (
        actors.county_admin,
        "440106",
        [None, "newcomer"],
    )
    assert "newcomer@" not in row.changes["email"][1]


def test_granting_and_revoking_a_role_are_recorded_on_the_region(actors):
    region_grant(
        actor=actors.county_admin, user=actors.township_a1, region_code="440106002", role="township_staff"
    )
    region_revoke(
        actor=actors.county_admin, user=actors.township_a1, region_code="440106002", role="township_staff"
    )
    added, removed = _only(AuditAction.GRANT_ADD), _only(AuditAction.GRANT_REMOVE)
    assert (added.actor, added.region_code, added.changes) == (
        actors.county_admin,
        "440106002",
        {"role": [None, Role.TOWNSHIP_STAFF.value]},
    )
    assert (removed.region_code, removed.changes) == (
        "440106002",
        {"role": [Role.TOWNSHIP_STAFF.value, None]},
    )


def test_a_full_view_of_personal_data_is_recorded_and_names_its_access_row(actors):
    worker_model = get_user_model()  # any model instance serves as the revealed object
    target = worker_model.objects.get(pk=actors.no_grant.pk)
    personal.reveal(actors.county_admin, target, "username", region_code="440106", reason="核对身份")
    access_row = PersonalDataAccess.objects.get()
    row = _only(AuditAction.PERSONAL_REVEAL)
    assert (row.actor, row.region_code) == (actors.county_admin, "440106")
    assert row.target == f"auth.User#{target.pk}.username"
    assert row.summary == f"PersonalDataAccess#{access_row.pk} 核对身份"


def test_an_excel_export_is_recorded_with_its_file_rows_and_filters(actors, web):
    response = web(actors.county_admin).get(reverse("staffing:worker_export"), {"region": "440106"})
    assert response.status_code == 200
    row = _only(AuditAction.EXPORT)
    assert (row.actor, row.region_code, row.target) == (
        actors.county_admin,
        "440106",
        reverse("staffing:worker_export"),
    )
    assert row.summary.startswith("经办人员花名册.xlsx rows=0") and "region=440106" in row.summary


def test_a_change_to_a_reference_table_keeps_before_and_after(actors):
    with set_actor(actors.county_admin):
        day = Holiday.objects.create(date=dt.date(2026, 10, 9), name="调休", region_code="440106")
        day.name = "国庆调休"
        day.save()
    created, changed = AuditRecord.objects.filter(action=AuditAction.REFERENCE_CHANGE).order_by("seq")
    assert created.actor == changed.actor == actors.county_admin
    assert changed.changes["name"] == ["调休", "国庆调休"]
    assert changed.target.startswith(f"windows.holiday#{day.pk}")


def test_the_superusers_use_of_the_admin_site_is_recorded_once_a_session_and_each_change(actors, web):
    client = web(actors.superuser)
    client.get("/admin/")
    client.get("/admin/regions/region/")
    assert AuditRecord.objects.filter(action=AuditAction.ADMIN_USE).count() == 1
    region = actors.county_admin  # any object the admin can change: the county admin's first name
    response = client.post(
        f"/admin/auth/user/{region.pk}/change/",
        {
            "username": region.username,
            "first_name": "张伟伟",
            "last_name": "",
            "email": "",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    rows = AuditRecord.objects.filter(action=AuditAction.ADMIN_USE).order_by("seq")
    assert rows.count() == 2 and rows.last().actor == actors.superuser
    assert "张伟伟" in json.dumps(_only(AuditAction.ACCOUNT_CHANGE).changes, ensure_ascii=False)


def test_a_record_hash_is_sha256_of_its_fields_and_the_previous_hash(actors):
    """The chain's format written out by hand (not with the code's own canonical()): a reader of an archive can
    check it with any JSON and SHA-256 tool."""
    Client(REMOTE_ADDR="192.0.2.13").post(reverse("login"), {"username": "township_a1", "password": PASSWORD})
    row = _only(AuditAction.LOGIN)
    fields = {
        "action": "login",
        "actor_id": actors.township_a1.pk,
        "address": "192.0.2.13",
        "at": row.at.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "changes": {},
        "prev_hash": "0" * 64,
        "region_code": "440106001",
        "seq": 1,
        "summary": "",
        "target": f"auth.User#{actors.township_a1.pk} township_a1",
        "username": "township_a1",
    }
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert row.prev_hash == "0" * 64
    assert row.hash == hashlib.sha256(text.encode()).hexdigest()


def test_the_accounts_pages_services_are_recorded_whoever_wrote_them(actors):
    """Part A's services (accounts.services) write through the models: the trail records them without a call."""
    user, _password = account_services.account_create(
        actor=actors.county_admin,
        username="wushan_new",
        full_name="李新",
        phone="13800138000",
        region_code="440106001",
        role="township_staff",
    )
    account_services.password_reset(actor=actors.county_admin, user=user)
    account_services.account_deactivate(actor=actors.county_admin, user=user)
    rows = AuditRecord.objects.filter(actor=actors.county_admin).order_by("seq")
    actions = [r.action for r in rows]
    for action in ("account_create", "grant_add", "password_change", "account_change"):
        assert action in actions, (action, actions)
    assert "13800138000" not in json.dumps([r.changes for r in rows], ensure_ascii=False)
    deactivated = rows.filter(action=AuditAction.ACCOUNT_CHANGE, changes__has_key="is_active").get()
    assert deactivated.changes["is_active"] == ["True", "False"]
