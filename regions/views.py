"""Pages of the spine: login, logout, notifications, a region with its path and children."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from core.web import paginate

from . import access, notifications
from .forms import LoginForm
from .models import Region
from .rules import ancestor_codes

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    class AuthenticatedRequest(HttpRequest):
        """What a @login_required view receives: request.user is a User, never AnonymousUser."""

        user: User


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "registration/logged_out.html"


@login_required
def notification_list(request: AuthenticatedRequest) -> HttpResponse:
    page = paginate(request, request.user.notifications.all())
    return render(request, "regions/notifications.html", {"page": page})


@login_required
@require_POST
def notification_mark_read(request: AuthenticatedRequest) -> HttpResponse:
    ids = request.POST.getlist("id") or None
    notifications.mark_read(request.user, ids)
    return redirect("regions:notifications")


@login_required
def region_detail(request: HttpRequest, code: str) -> HttpResponse:
    """A region in scope with the path above it and the regions directly below it; out of scope is 404."""
    region = get_object_or_404(Region.objects.visible_to(request.user), code=code)
    path = [
        r
        for r in Region.objects.filter(code__in=ancestor_codes(code)).order_by("code")
        if access.can_see_code(request.user, r.code)
    ]
    children = Region.objects.filter(parent=region).order_by("code")
    return render(
        request, "regions/region_detail.html", {"region": region, "path": path, "children": children}
    )
