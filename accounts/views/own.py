"""The signed-in user's own account: its sessions and "log out all my sessions", and the password change (forced
after an administrator's reset or when the password is older than PASSWORD_MAX_AGE_DAYS)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regions import access

from .. import services
from ..sessions import CHANGE_PASSWORD, active_sessions, end_sessions


@login_required
def me(request: HttpRequest) -> HttpResponse:
    account = getattr(request.user, "account", None)
    context = {
        "account": account,
        "grants": access.grants(request.user),
        "sessions": active_sessions(request.user),
        "current": request.session.session_key,
        "max_sessions": settings.SESSION_MAX_PER_USER,
        "absolute_hours": settings.SESSION_ABSOLUTE_AGE // 3600,
    }
    return render(request, "accounts/me.html", context)


@login_required
@require_POST
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    """Log out all my sessions, this one included."""
    end_sessions(request.user)
    logout(request)
    messages.success(request, _("已退出全部会话"))
    return redirect("login")


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    reason = request.session.get(CHANGE_PASSWORD, "")
    form = PasswordChangeForm(request.user, request.POST or None)  # type: ignore[arg-type]
    if request.method == "POST" and form.is_valid():
        user = form.save()
        services.password_changed_by_owner(user=user)
        update_session_auth_hash(request, user)
        end_sessions(user, keep=request.session.session_key)
        request.session.pop(CHANGE_PASSWORD, None)
        messages.success(request, _("密码已修改"))
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "home"
        return redirect(target)
    return render(request, "accounts/password_change.html", {"form": form, "reason": reason})
