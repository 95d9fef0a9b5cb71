"""The system administrator's page (三员分立): effective security settings and the beat schedule, read-only, for the
system and security administrators only; no business data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from regions.audit_models import AuditRecord
from regions.backup_models import BackupRun, BackupStatus
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


# -- database backups (regions.backup) on the system page --


@pytest.fixture
def backup_dir(settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    settings.BACKUP_MAX_AGE_HOURS = 26
    return settings.BACKUP_DIR


def _succeeded(ago: dt.timedelta) -> BackupRun:
    finished = timezone.now() - ago
    return BackupRun.objects.create(
        started_at=finished - dt.timedelta(minutes=2),
        finished_at=finished,
        status=BackupStatus.SUCCESS,
        vendor="sqlite",
        file_name="jiuzhu-x.sqlite3.gz",
        size=1234,
        sha256="a" * 64,
    )


def test_a_backup_25h59_ago_raises_no_warning(regions, web, backup_dir):
    _succeeded(dt.timedelta(hours=25, minutes=59))
    page = web(make_user("th_system", Role.SYSTEM_ADMIN, "440106")).get(reverse("system:index"))
    html = page.content.decode()
    assert "data-backup-overdue" not in html and "data-backup-ok" in html
    assert "jiuzhu-x.sqlite3.gz" in html


def test_a_backup_26h01_ago_raises_the_warning(regions, web, backup_dir):
    _succeeded(dt.timedelta(hours=26, minutes=1))
    html = (
        web(make_user("th_system", Role.SYSTEM_ADMIN, "440106")).get(reverse("system:index")).content.decode()
    )
    assert "data-backup-overdue" in html and "最近 26 小时内没有成功的备份" in html


def test_no_backup_ever_raises_the_warning(regions, web, backup_dir):
    html = (
        web(make_user("th_system", Role.SYSTEM_ADMIN, "440106")).get(reverse("system:index")).content.decode()
    )
    assert "还没有成功的备份" in html


@pytest.mark.django_db(transaction=True)  # the backup runs after the request's commit, as on a server
def test_the_system_administrator_backs_up_now_and_it_is_audited(regions, web, backup_dir):
    admin = make_user("th_system", Role.SYSTEM_ADMIN, "440106")
    client = web(admin)
    response = client.post(reverse("system:backup"))
    assert response.status_code == 302
    run = BackupRun.objects.get()
    assert run.requested_by == admin and run.status == BackupStatus.SUCCESS, run.error
    assert (backup_dir / run.file_name).is_file()
    records = list(AuditRecord.objects.filter(action="backup").order_by("seq"))
    assert [(r.username, r.summary.split()[0]) for r in records] == [
        ("th_system", "requested"),
        ("th_system", "success"),
    ]
    html = client.get(reverse("system:index")).content.decode()
    assert "data-backup-ok" in html and run.file_name in html


def test_a_second_backup_while_one_runs_is_409(regions, web, backup_dir):
    BackupRun.objects.create(started_at=timezone.now(), vendor="sqlite")
    response = web(make_user("th_system", Role.SYSTEM_ADMIN, "440106")).post(reverse("system:backup"))
    assert response.status_code == 409
    assert "已有一次备份正在进行，请等待其完成" in response.content.decode()
    assert BackupRun.objects.count() == 1


def test_only_the_system_administrator_starts_a_backup(regions, actors, web, backup_dir):
    security = make_user("th_security", Role.SECURITY_ADMIN, "440106")
    assert web(security).post(reverse("system:backup")).status_code == 403
    for user in (actors.county_admin, actors.township_a1, make_user("th_audit", Role.AUDIT_ADMIN, "440106")):
        assert web(user).post(reverse("system:backup")).status_code == 404
    assert not BackupRun.objects.exists()


def test_the_backup_list_costs_the_same_for_many_runs(
    regions, web, backup_dir, django_assert_max_num_queries
):
    client = web(make_user("th_system", Role.SYSTEM_ADMIN, "440106"))
    for hours in range(30):
        _succeeded(dt.timedelta(hours=hours + 1))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("system:index")).status_code == 200
