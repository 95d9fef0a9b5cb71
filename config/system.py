"""The system administrator's page (三员分立 系统管理员, issue 13): the effective security settings (password,
session and lock-out policy, token lifetime), the periodic jobs of the beat schedule and how tasks run. Read-only:
settings change in the deployment's environment. Shown to the system and security administrators and the superuser;
no business data on it."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import Http404
from django.shortcuts import render
from django.urls import path
from django.utils.translation import gettext_lazy as _

from regions import access
from regions.choices import SECURITY_ADMIN_ROLES, SYSTEM_ADMIN_ROLES

from .celery import app as celery_app

#: who opens the page: the system administrator (settings, jobs) and the security administrator (its policies)
SYSTEM_PAGE_ROLES = frozenset(SYSTEM_ADMIN_ROLES | SECURITY_ADMIN_ROLES)

SETTINGS = [
    (_("密码最少字符数"), "PASSWORD_MIN_LENGTH"),
    (_("密码最少字符类别（小写、大写、数字、符号）"), "PASSWORD_MIN_CLASSES"),
    (_("不得重复使用最近的密码个数"), "PASSWORD_HISTORY_COUNT"),
    (_("密码定期更换天数（0：不强制）"), "PASSWORD_MAX_AGE_DAYS"),
    (_("无操作自动退出（秒）"), "SESSION_COOKIE_AGE"),
    (_("会话最长有效时间（秒）"), "SESSION_ABSOLUTE_AGE"),
    (_("每个账号同时登录的会话上限（0：不限）"), "SESSION_MAX_PER_USER"),
    (_("登录失败锁定次数（同一账号同一地址）"), "AXES_FAILURE_LIMIT"),
    (_("登录失败锁定的各项上限"), "AXES_LOCKOUT_LIMITS"),
    (_("锁定时长"), "AXES_COOLOFF_TIME"),
    (_("接口令牌有效天数"), "API_TOKEN_DAYS"),
]


@login_required
def system_status(request):
    if not (access.sees_everything(request.user) or access.acts_somewhere(request.user, SYSTEM_PAGE_ROLES)):
        raise Http404
    jobs = sorted(
        (name, entry["task"], str(entry["schedule"])) for name, entry in celery_app.conf.beat_schedule.items()
    )
    context = {
        "settings_rows": [(label, name, getattr(settings, name, "—")) for label, name in SETTINGS],
        "jobs": jobs,
        "database": connection.vendor,
        "eager": bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", False)),
    }
    return render(request, "system/status.html", context)


urlpatterns = [path("", system_status, name="index")]
