"""Every write in supervision goes through a service here: `<entity>_<verb>(*, actor, ...)`, atomic, audited."""

from __future__ import annotations

from .instructions import (
    instruction_answer,
    instruction_close,
    instruction_issue,
    instruction_return,
    overdue_notify,
)

__all__ = [
    "instruction_answer",
    "instruction_close",
    "instruction_issue",
    "instruction_return",
    "overdue_notify",
]
