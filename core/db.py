"""Reads that may go to a streaming replica (docs/scaling.md), and the planner's statistics after a bulk load.

With `DATABASE_REPLICA_URL` set, settings add a `replica` database and this router. Only code that runs inside
`read_replica()` (dashboards and Excel exports, through the `reads_from_replica` view decorator) reads from the
replica; everything else, and every write, uses `default`. A replica lags the primary by a moment, which a dashboard
or an export can afford and a workflow step cannot (it reads its record under a lock on the primary).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection

REPLICA = "replica"

_reading_from_replica: ContextVar[bool] = ContextVar("reading_from_replica", default=False)

F = TypeVar("F", bound=Callable[..., Any])


@contextmanager
def read_replica() -> Iterator[None]:
    """Reads inside this block go to the replica when one is configured."""
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def reads_from_replica(view: F) -> F:
    """A view whose reads may lag the primary (a dashboard, an export)."""

    @wraps(view)
    def wrapped(*args: Any, **kwargs: Any) -> Any:
        with read_replica():
            return view(*args, **kwargs)

    return wrapped  # type: ignore[return-value]


class ReplicaRouter:
    def db_for_read(self, model: type, **hints: Any) -> str | None:
        if _reading_from_replica.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model: type, **hints: Any) -> str | None:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool | None:
        return True  # one database, two copies of it

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool | None:
        return db == "default"


def analyze(*models: Any) -> None:
    """Refresh PostgreSQL's planner statistics of these models' tables (of every table without models) after a bulk
    load, as pg_restore's documentation asks. Autovacuum may be off (it is on the CI machine) or not yet caught up,
    and a plan made without statistics can take minutes: the province seed's first training compliance recompute
    ran eight minutes on fresh tables and half a second once they were analysed. Elsewhere nothing."""
    if connection.vendor != "postgresql":
        return
    tables = ", ".join(connection.ops.quote_name(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {tables}".strip())
