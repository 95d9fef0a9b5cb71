"""The shell's own page: home, with the user's regions and the areas of the product."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from regions import access

from .navigation import areas


@login_required
def home(request):
    return render(
        request,
        "regions/home.html",
        {"grants": access.grants(request.user), "areas": areas(), "is_superuser": request.user.is_superuser},
    )
