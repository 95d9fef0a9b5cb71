"""Pages of the spine: login, logout, home; and the mixin every app's pages use for region scoping."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render

from . import access
from .choices import ACTING_ROLES
from .forms import LoginForm
from .navigation import areas


class RegionScopedViewMixin(LoginRequiredMixin):
    """For class-based views over a region-owned model: the queryset is `visible_to(user)`, so out of scope is 404."""

    write_roles = ACTING_ROLES

    def get_queryset(self):
        return super().get_queryset().visible_to(self.request.user)


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    template_name = "registration/logged_out.html"


@login_required
def home(request):
    return render(
        request,
        "regions/home.html",
        {"grants": access.grants(request.user), "areas": areas(), "is_superuser": request.user.is_superuser},
    )
