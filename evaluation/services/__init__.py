"""Every write of the evaluation app: `<entity>_<verb>(*, actor, ...)`, atomic, validated first, audited."""

from __future__ import annotations

from .evaluations import (
    evaluation_assign_evaluator,
    evaluation_cancel,
    evaluation_create,
    evaluation_publish,
    evaluation_refer_sanction,
    rectification_complete,
    score_enter,
)
from .surveys import (
    invitations_issue,
    response_submit,
    response_submit_public,
    survey_aggregate,
    survey_update,
)
from .templates import template_create, template_update

__all__ = [
    "evaluation_assign_evaluator",
    "evaluation_cancel",
    "evaluation_create",
    "evaluation_publish",
    "evaluation_refer_sanction",
    "invitations_issue",
    "rectification_complete",
    "response_submit",
    "response_submit_public",
    "score_enter",
    "survey_aggregate",
    "survey_update",
    "template_create",
    "template_update",
]
