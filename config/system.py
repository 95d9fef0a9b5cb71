"""The system administrator's page (三员分立 系统管理员, issue 13): the effective security settings (password,
session and lock-out policy, token lifetime), the periodic jobs of the beat schedule and how tasks run, and the
database backups (the latest runs, the last success's age, a warning when none succeeded in BACKUP_MAX_AGE_HOURS,
and a button to back up now). Shown to the system and security administrators and the superuser; no business data
on it. Only the system administrator (and the superuser) starts a backup."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.tasks import dispatch_on_commit
from core.web import refused_status, run_service
from regions import access, backup
from regions.backup_selectors import backup_overview
from regions.choices import SECURITY_ADMIN_ROLES, SYSTEM_ADMIN_ROLES
from regions.tasks import backup_execute_task

from .celery import app as celery_app

#: who opens the page: the system administrator (settings, jobs) and the security administrator (its policies)
SYSTEM_PAGE_ROLES = frozenset(SYSTEM_ADMIN_ROLES | SECURITY_ADMIN_ROLES)

SETTINGS = [
    (gettext_lazy("密码最少字符数"), "PASSWORD_MIN_LENGTH"),
    (gettext_lazy("密码最少字符类别（小写、大写、数字、符号）"), "PASSWORD_MIN_CLASSES"),
    (gettext_lazy("不得重复使用最近的密码个数"), "PASSWORD_HISTORY_COUNT"),
    (gettext_lazy("密码定期更换天数（0：不强制）"), "PASSWORD_MAX_AGE_DAYS"),
    (gettext_lazy("无操作自动退出（秒）"), "SESSION_COOKIE_AGE"),
    (gettext_lazy("会话最长有效时间（秒）"), "SESSION_ABSOLUTE_AGE"),
    (gettext_lazy("每个账号同时登录的会话上限（0：不限）"), "SESSION_MAX_PER_USER"),
    (gettext_lazy("登录失败锁定次数（同一账号同一地址）"), "AXES_FAILURE_LIMIT"),
    (gettext_lazy("登录失败锁定的各项上限"), "AXES_LOCKOUT_LIMITS"),
    (gettext_lazy("锁定时长"), "AXES_COOLOFF_TIME"),
    (gettext_lazy("接口令牌有效天数"), "API_TOKEN_DAYS"),
    (gettext_lazy("保留的备份文件个数"), "BACKUP_KEEP"),
    (gettext_lazy("超过多少小时无成功备份即告警"), "BACKUP_MAX_AGE_HOURS"),
]


def _may_open(user) -> bool:
    return access.sees_everything(user) or access.acts_somewhere(user, SYSTEM_PAGE_ROLES)


def _may_back_up(user) -> bool:
    return access.sees_everything(user) or access.acts_somewhere(user, SYSTEM_ADMIN_ROLES)


def _page(request, status: int = 200):
    jobs = sorted(
        (name, entry["task"], str(entry["schedule"])) for name, entry in celery_app.conf.beat_schedule.items()
    )
    context = {
        "settings_rows": [(label, name, getattr(settings, name, "—")) for label, name in SETTINGS],
        "jobs": jobs,
        "database": connection.vendor,
        "eager": bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False)),
        "backups": backup_overview(timezone.now()),
        "may_back_up": _may_back_up(request.user),
    }
    return render(request, "system/status.html", context, status=status)


@login_required
def system_status(request):
    if not _may_open(request.user):
        raise Http404
    return _page(request)


@login_required
@require_POST
def backup_now(request):
    """Start a backup (the system administrator): it runs as a task; 409 while another one runs."""
    if not _may_open(request.user):
        raise Http404
    if not _may_back_up(request.user):
        raise PermissionDenied(_("只有系统管理员可以发起备份"))
    ok, run = run_service(
        request,
        lambda: backup.backup_start(actor=request.user),
        success=_("备份已开始，完成后在下表查看结果"),
    )
    if not ok:
        return _page(request, status=refused_status(request))
    dispatch_on_commit(backup_execute_task, run.pk)
    return redirect("system:index")


urlpatterns = [path("", system_status, name="index"), path("backup/", backup_now, name="backup")]
