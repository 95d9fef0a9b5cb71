"""One FilterSet per list, shared by the page and the API."""

from __future__ import annotations

import django_filters

from .choices import IssueStatus
from .models import Issue


class IssueFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=IssueStatus.choices, label="状态")

    class Meta:
        model = Issue
        fields = ["status"]
