"""Running calls at the same moment for the concurrency tests (row locks, conditional updates), on PostgreSQL and
on a file copy of the SQLite test database."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import connection, connections


def run_at_once(calls: list[Callable]) -> list:
    """Run the calls at the same moment, each in its own thread (own connection); return results or exceptions."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        try:
            barrier.wait()
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each side got
            results[i] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


@contextmanager
def threads_on_sqlite_file(path: Path) -> Iterator[None]:
    """Threads opened inside the block use a file copy of the SQLite test database, as the server does (the test
    database is in memory with a shared cache, where two writers collide differently from a file); the main
    thread keeps its own. Copied with sqlite3's backup API: needs a transactional test (committed rows)."""
    connection.ensure_connection()
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    target.close()
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path)}
    try:
        yield
    finally:
        connections.settings["default"] = original
