"""Every write of the procurement app: `<entity>_<verb>(*, actor, ...)`, atomic, validated first, audited.

Split by responsibility; import from here (`from procurement.services import sanction_open`).
"""

from __future__ import annotations

from .bids import bid_invalidate, bid_score, bid_submit, project_award
from .common import thresholds_for
from .contractors import (
    catalogue_item_create,
    contractor_create,
    contractor_update,
    local_condition_publish,
    local_conditions_for,
    review_create,
)
from .contracts import contract_create, contract_start, takeover_activate, takeover_plan_set
from .platform import project_platform_set
from .projects import (
    project_close,
    project_create,
    project_fail,
    project_mark_evaluated,
    project_mark_evaluated_if_due,
    project_open,
    project_publish,
    project_retender,
    project_switch_method,
    project_terminate,
)
from .reminders import send_supervision_reminders
from .results import contractor_result_record
from .sanctions import sanction_open
from .subcontracting import subcontracting_sanction
from .supervision import acceptance_record, financial_report_submit, monitoring_record, monitoring_rectified

__all__ = [
    "project_platform_set",
    "acceptance_record",
    "bid_invalidate",
    "bid_score",
    "bid_submit",
    "catalogue_item_create",
    "contract_create",
    "contract_start",
    "contractor_create",
    "contractor_result_record",
    "contractor_update",
    "financial_report_submit",
    "local_condition_publish",
    "local_conditions_for",
    "monitoring_record",
    "monitoring_rectified",
    "project_award",
    "project_close",
    "project_create",
    "project_fail",
    "project_mark_evaluated",
    "project_mark_evaluated_if_due",
    "project_open",
    "project_publish",
    "project_retender",
    "project_switch_method",
    "project_terminate",
    "review_create",
    "sanction_open",
    "send_supervision_reminders",
    "subcontracting_sanction",
    "takeover_activate",
    "takeover_plan_set",
    "thresholds_for",
]
