"""The reference tables a case's clocks and routing read (time limits, holidays, routing), kept per process under a
version (issue 17: four of an intake's queries read them, and they change a few times a year).

The version is a random token in the shared cache (Redis in production: every process sees the same one; the
rate limits already need it shared). A process keeps what it read under the version it saw, and every read first
compares that version with the cache's: one cache read instead of a query, and a change is seen by the next read
in every process. A change of any of the three tables draws a new token (`reference_changed`): each row saved or
deleted (windows.apps connects the models' signals, so the services, the admin and the seeders all count) and the
bulk writes of the seeders, which call it themselves; once at once and once after the commit, so a read between
the two that saw the old rows is not kept. A token, not a counter: a cache emptied or evicted gives a new token,
never an old one again.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

VERSION_KEY = "windows:reference-version"

_T = TypeVar("_T")
_kept: dict[str, Any] = {"version": None, "values": {}}


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)  # the first process to ask names it
        version = cache.get(VERSION_KEY)
    return str(version)


def kept(key: tuple[Any, ...], read: Callable[[], _T]) -> _T:
    """What `read()` returns, read once per process and version of the reference tables."""
    version = _version()
    if _kept["version"] != version:
        _kept["version"], _kept["values"] = version, {}
    values = _kept["values"]
    if key not in values:
        values[key] = read()
    result: _T = values[key]
    return result


def _new_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def reference_changed(**_signal: Any) -> None:
    """A reference table changed: every process reads the tables again (now, and after the commit)."""
    _new_version()
    transaction.on_commit(_new_version)


def forget() -> None:
    """Drop this process's copy (tests: a rolled-back test's rows must not outlive it)."""
    _kept["version"], _kept["values"] = None, {}
