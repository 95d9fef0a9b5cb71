"""The shell's own page: home, with what waits for the user (each app's `home_todo` selector, gathered here: config
may import every app), the user's regions and the areas of the product."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.web import TodoItem
from evaluation import selectors as evaluation_selectors
from regions import access
from regions.notifications import unread_count
from staffing import home_selectors as staffing_home
from supervision import selectors as supervision_selectors
from training import home_selectors as training_home
from windows import home_selectors as windows_home

from .navigation import areas

#: the apps' to-do selectors, in the order the home page lists them (the most urgent work first)
TODO_SOURCES = (
    windows_home.home_todo,
    evaluation_selectors.home_todo,
    supervision_selectors.home_todo,
    staffing_home.home_todo,
    training_home.home_todo,
)


def todo(user) -> list[TodoItem]:
    """What waits for `user`: only the lines with something in them, unread notifications last."""
    today = timezone.localdate()
    items = [item for source in TODO_SOURCES for item in source(user, today) if item.count]
    unread = unread_count(user)
    if unread:
        items.append(TodoItem(_("未读通知"), unread, f"{reverse('regions:notifications')}?unread=true"))
    return items


@login_required
def home(request):
    return render(
        request,
        "regions/home.html",
        {
            "todo": todo(request.user),
            "grants": access.grants(request.user),
            "areas": areas(request.user),
            "is_superuser": request.user.is_superuser,
        },
    )
