"""List filters shared by every app: a number filter whose value fits the database's integers.

django-filter's NumberFilter hands the query a Decimal of any size; Django's overflow guard for integer lookups
only sees ints, so `?year=1e30` raised OverflowError (SQLite) or "bigint out of range" (PostgreSQL): a 500. Here
a value outside the signed 64-bit range is a validation error (400 in the API, ignored on a page).
"""

from __future__ import annotations

from typing import Any

import django_filters

#: the signed 64-bit range of BigAutoField / BigIntegerField on every database we run on
MAX_INTEGER = 2**63 - 1


class BoundedNumberFilter(django_filters.NumberFilter):  # noqa: TID251 (the one allowed use)
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", -MAX_INTEGER)
        kwargs.setdefault("max_value", MAX_INTEGER)
        super().__init__(*args, **kwargs)
