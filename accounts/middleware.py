"""Session rules applied on every page (issue 13; GB/T 22239-2019 8.1.4.1): a session ends SESSION_ABSOLUTE_AGE
after login whatever the activity (the idle timeout is SESSION_COOKIE_AGE), and a user whose password was reset by
an administrator or is older than PASSWORD_MAX_AGE_DAYS is sent to the change-password page until it is changed.

Reads only the session (filled at login by accounts.sessions): no query on a request."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .sessions import CHANGE_PASSWORD, STARTED_AT

#: paths a user who must change the password may still open
OPEN_PREFIXES = (
    "/accounts/password/",
    "/accounts/2fa/verify/",
    "/accounts/2fa/enrol/",
    "/accounts/logout/",
    "/accounts/login/",
    "/static/",
    "/i18n/",
    "/jsi18n/",
)


class AccountSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        if session is None or SESSION_KEY not in session:
            return self.get_response(request)
        started = session.get(STARTED_AT)
        if started is None:
            session[STARTED_AT] = time.time()  # signed in before this rule: its lifetime counts from now
        elif time.time() - float(started) > settings.SESSION_ABSOLUTE_AGE:
            logout(request)
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("登录已超过最长有效时间，请重新登录"), "code": "session_expired"}, status=401
                )
            messages.info(request, _("登录已超过最长有效时间，请重新登录"), fail_silently=True)
            return self._to(request, reverse("login"))
        if session.get(CHANGE_PASSWORD) and not request.path.startswith(OPEN_PREFIXES):
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"detail": _("请先修改密码"), "code": "password_change_required"}, status=403
                )
            return self._to(request, reverse("accounts:password_change"))
        return self.get_response(request)

    @staticmethod
    def _to(request: HttpRequest, url: str) -> HttpResponse:
        if request.method == "GET" and not request.path.startswith("/api/"):
            url = f"{url}?{urlencode({'next': request.get_full_path()})}"
        return HttpResponseRedirect(url)
