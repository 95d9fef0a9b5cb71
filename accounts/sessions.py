"""Signed-in sessions (GB/T 22239-2019 8.1.4.1 登录失败处理和连接超时; issue 13): each login is recorded with its
address, the user's sessions beyond SESSION_MAX_PER_USER are ended (the oldest first), "log out all my sessions"
ends them all, and the session remembers when it began (absolute lifetime) and whether the password must change
(the middleware reads only the session: no query per request)."""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.contrib.sessions.backends.base import SessionBase
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from core.ratelimit import client_ip

from . import rules
from .models import Account, UserSession

#: session keys: when the session began (epoch seconds), and why the password must change ("reset", "expired")
STARTED_AT = "accounts_started_at"
CHANGE_PASSWORD = "accounts_change_password"


def _store(key: str | None = None) -> SessionBase:
    engine = import_string(f"{settings.SESSION_ENGINE}.SessionStore")
    store: SessionBase = engine(session_key=key)
    return store


def end_sessions(user: Any, *, keep: str | None = None) -> int:
    """End the user's signed-in sessions (all, or all but `keep`): the session data is deleted, so the next
    request of each is signed out. Returns how many were ended."""
    rows = UserSession.objects.filter(user=user, ended_at__isnull=True)
    if keep:
        rows = rows.exclude(session_key=keep)
    keys = list(rows.values_list("session_key", flat=True))
    for key in keys:
        _store().delete(key)
    UserSession.objects.filter(session_key__in=keys).update(ended_at=timezone.now())
    return len(keys)


def _limit_sessions(user: Any, current: str) -> int:
    """End the oldest sessions beyond SESSION_MAX_PER_USER (0: no limit); expired ones are closed first."""
    limit = settings.SESSION_MAX_PER_USER
    active = list(UserSession.objects.filter(user=user, ended_at__isnull=True).order_by("created_at", "id"))
    gone = [s.session_key for s in active if s.session_key != current and not _store().exists(s.session_key)]
    UserSession.objects.filter(session_key__in=gone).update(ended_at=timezone.now())
    active = [s for s in active if s.session_key not in gone]
    if limit <= 0 or len(active) <= limit:
        return 0
    ended = 0
    for s in active[: len(active) - limit]:
        if s.session_key != current:
            _store().delete(s.session_key)
            UserSession.objects.filter(pk=s.pk).update(ended_at=timezone.now())
            ended += 1
    return ended


def _say(request: HttpRequest, level: int, text: str) -> None:
    messages.add_message(request, level, text, fail_silently=True)


@receiver(user_logged_in, dispatch_uid="accounts_logged_in")
def on_login(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    if request is None or not hasattr(request, "session"):
        return
    now, ip = timezone.now(), client_ip(request)
    key = request.session.session_key or ""
    request.session[STARTED_AT] = time.time()
    account = Account.objects.filter(user=user).first()
    if account is not None and account.last_login_at:
        when = formats.date_format(timezone.localtime(account.last_login_at), "Y-m-d H:i")
        _say(
            request,
            messages.INFO,
            _("上次登录：%(when)s，地址 %(ip)s")
            % {"when": when, "ip": rules.shown_address(account.last_login_ip)},
        )
    if account is not None:
        Account.objects.filter(pk=account.pk).update(last_login_at=now, last_login_ip=ip)
    reason = _password_change_reason(user, account, now)
    if reason:
        request.session[CHANGE_PASSWORD] = reason
    if key:
        agent = request.META.get("HTTP_USER_AGENT", "")[:200]
        UserSession.objects.update_or_create(
            session_key=key, defaults={"user": user, "ip": ip, "user_agent": agent}
        )
        if _limit_sessions(user, key):
            _say(request, messages.WARNING, _("同时登录的会话超过上限，已退出最早的会话"))


def _password_change_reason(user: Any, account: Account | None, now: Any) -> str:
    if account is not None and account.must_change_password:
        return "reset"
    changed = account.password_changed_at if account is not None else None
    if rules.password_expired(changed, settings.PASSWORD_MAX_AGE_DAYS, now):
        return "expired"
    return ""


@receiver(user_logged_out, dispatch_uid="accounts_logged_out")
def on_logout(sender: Any, request: HttpRequest | None, user: Any, **kwargs: Any) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key, ended_at__isnull=True).update(ended_at=timezone.now())


def active_sessions(user: Any) -> list[UserSession]:
    return list(UserSession.objects.filter(user=user, ended_at__isnull=True).order_by("-created_at"))
