"""Queueing Celery tasks after commit without putting the saved request at risk.

Celery's `delay_on_commit` runs `delay` in the commit hook: with the in-process (eager) default an exception of the
task itself, and with a broker a connection error, escapes from the commit of a request whose writes are already
saved, and the user sees a 500 for work that was done. Here a failure is logged and swallowed: what the task would
have recomputed stays pending (each caller's state says so, and the nightly run catches up).
"""

from __future__ import annotations

import logging
from contextvars import ContextVar
from functools import partial
from typing import Any

from django.db import transaction

logger = logging.getLogger(__name__)

#: what a page says when the save succeeded and the follow-up work could not be started
PENDING_MESSAGE = "已保存，重新计算待执行。"
_failures: ContextVar[int] = ContextVar("dispatch_failures", default=0)


def failures() -> int:
    """How many dispatches have failed in this context (a request's thread): compare before and after a call."""
    return _failures.get()


def dispatch_on_commit(task: Any, *args: Any, **kwargs: Any) -> None:
    """Queue `task(*args, **kwargs)` once the current transaction commits (at once outside one); never raises."""
    transaction.on_commit(partial(dispatch, task, *args, **kwargs))


def dispatch(task: Any, *args: Any, **kwargs: Any) -> bool:
    """Queue (or, eager, run) a task now; False when that failed (logged with the traceback)."""
    try:
        task.delay(*args, **kwargs)
    except Exception:
        logger.exception(
            "task %s could not be queued or failed: %s", getattr(task, "name", task), PENDING_MESSAGE
        )
        _failures.set(_failures.get() + 1)
        return False
    return True
