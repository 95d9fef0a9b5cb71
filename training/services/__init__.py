"""Every write in training goes through a service here: `<entity>_<verb>(*, actor, ...)`, atomic, audited."""

from __future__ import annotations

from .plans import (
    plan_create,
    plan_update,
    planned_training_create,
    planned_training_delete,
    planned_training_update,
    session_cancel,
    session_complete,
    session_create,
    session_update,
)

__all__ = [
    "plan_create",
    "plan_update",
    "planned_training_create",
    "planned_training_delete",
    "planned_training_update",
    "session_cancel",
    "session_complete",
    "session_create",
    "session_update",
]
