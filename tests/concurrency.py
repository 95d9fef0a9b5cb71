"""Running calls at the same moment for the PostgreSQL concurrency tests (row locks, conditional updates)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connection


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
