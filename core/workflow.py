"""State machines, the house way: a transition table in the app's rules.py, a service per step, and a conditional
update here so two people acting on one record at once cannot both win (the loser gets Conflict → HTTP 409).

    # rules.py (pure)
    CASE_TRANSITIONS = {(CaseStatus.RECEIVED, "accept"): CaseStatus.ACCEPTED, ...}
    # services.py
    new = next_state(CASE_TRANSITIONS, case.status, "accept", labels=CaseStatus)
    apply_transition(Case.objects, case, new, accepted_at=now)   # raises Conflict if someone moved it first
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db import models
from django.utils.translation import gettext as _

from .exceptions import Conflict

#: a state: a plain string or an app's TextChoices member
S = TypeVar("S", bound=str)

#: (state, action) → the state it leads to
Transitions = Mapping[tuple[S, str], S]


def allowed_actions(table: Transitions[S], state: str) -> list[str]:
    """The actions the table allows from `state` (for showing what can be done next)."""
    return [action for (s, action) in table if s == state]


def next_state(
    table: Transitions[S],
    state: str,
    action: str,
    *,
    labels: type[models.Choices] | None = None,
) -> S:
    """The state `action` leads to from `state`, or Conflict naming the state and what is allowed."""
    try:
        return table[(state, action)]  # type: ignore[index]  # a TextChoices member equals its string
    except KeyError:
        label = labels(state).label if labels is not None else state
        allowed = ", ".join(allowed_actions(table, state)) or _("无")
        raise Conflict(
            _("当前状态“{label}”下不能执行此操作（{action}），可执行: {allowed}").format(
                label=label, action=action, allowed=allowed
            ),
            code="illegal_transition",
        ) from None


def apply_transition(
    queryset: models.Manager[Any] | models.QuerySet[Any],
    obj: models.Model,
    new_state: str,
    *,
    status_field: str = "status",
    **changes: Any,
) -> None:
    """Move `obj` from the state it was read in to `new_state` with one conditional UPDATE; Conflict if another
    writer changed it since. On success the in-memory object is updated too."""
    old_state = getattr(obj, status_field)
    updated = queryset.filter(pk=obj.pk, **{status_field: old_state}).update(
        **{status_field: new_state}, **changes
    )
    if not updated:
        raise Conflict(
            _("该记录刚被他人处理，状态已变化，请刷新后重试"),
            code="concurrent_change",
        )
    setattr(obj, status_field, new_state)
    for name, value in changes.items():
        setattr(obj, name, value)
