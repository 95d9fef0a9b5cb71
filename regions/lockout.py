"""Login lockout with a limit per parameter set (django-axes has one AXES_FAILURE_LIMIT for all of them).

settings.AXES_LOCKOUT_PARAMETERS lists the sets counted (username+address, username, address) and
settings.AXES_LOCKOUT_LIMITS the failures each tolerates within the cool-off time. A request is locked out as soon
as any one set reaches its own limit: one address cannot spray passwords across usernames, and many addresses
cannot guess at one account, while the tight username+address limit stays as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def _key(parameter: str | Sequence[str]) -> str:
    return parameter if isinstance(parameter, str) else ",".join(parameter)


class TieredLockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The failures axes compares with AXES_FAILURE_LIMIT: that limit itself once any set has reached its own
        limit, otherwise the largest count kept below it (so axes locks out exactly when a set is exhausted)."""
        limit: int = get_failure_limit(request, credentials)
        limits: dict[str, int] = settings.AXES_LOCKOUT_LIMITS
        counts = [
            attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        ]
        for parameter, count in zip(settings.AXES_LOCKOUT_PARAMETERS, counts, strict=True):
            if count >= limits.get(_key(parameter), limit):
                return limit
        return min(max(counts, default=0), limit - 1)
