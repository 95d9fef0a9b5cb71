"""Training pages (Chinese): plan calendar, sessions with attendance, worker records, compliance dashboard."""

from .plans import (  # noqa: F401
    index,
    plan_create,
    planned_training_add,
    session_cancel,
    session_complete,
    session_create,
    session_detail,
    session_edit,
    session_list,
)
