"""Region codes by primary key, kept per process (issue 17: a list that shows its rows' regions joined the regions
table on every page, which made PostgreSQL plan a page of cases for 0.74 ms instead of 0.13 ms).

A region's code is its identity: cases, snapshots and grants store it as text, so it does not change once the
region exists (the admin shows it read-only) and a region is never deleted (its rows protect it). A process reads
each region's code once, the first time a page shows it."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Region

_codes: dict[int, str] = {}


def codes_of(ids: Iterable[int]) -> dict[int, str]:
    """{id: code} of these regions (read once per process)."""
    wanted = set(ids)
    missing = wanted - _codes.keys()
    if missing:
        _codes.update(Region.objects.filter(pk__in=missing).values_list("pk", "code"))
    return {pk: _codes[pk] for pk in wanted if pk in _codes}


def forget() -> None:
    """Drop this process's copy (tests: SQLite gives a rolled-back test's ids to the next test's regions)."""
    _codes.clear()
