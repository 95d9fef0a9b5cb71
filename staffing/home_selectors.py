"""What waits for one user in staffing, for the home page (issue 14): their caseload imports validated and waiting
for confirmation (nothing is saved until they confirm)."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext

from core.web import TodoItem

from .choices import ImportState
from .models import CaseloadImport


def home_todo(user, today: dt.date) -> list[TodoItem]:
    valid = CaseloadImport.objects.filter(uploaded_by=user, state=ImportState.VALID)
    waiting = list(valid.order_by("-created_at", "-pk").values_list("pk", flat=True)[:2])
    count = len(waiting) if len(waiting) < 2 else valid.count()
    if count == 1:  # the one import's page, where its preview and the confirm button are
        url = reverse("staffing:caseload_import_status", args=[waiting[0]])
    else:
        url = reverse("staffing:caseloads")
    return [TodoItem(gettext("待确认的户数导入"), count, url, "warn")]
