"""Staffing pages (Chinese): compliance dashboard, villages without a coordinator, roster, caseload import,
recruitment, and the Excel downloads."""

from .caseloads import caseload_import, caseload_import_confirm, caseload_import_status, caseload_list  # noqa: F401
from .dashboard import index, recompute, rule_list, run_status, villages  # noqa: F401
from .exports import caseload_export, caseload_template, compliance_export, worker_export  # noqa: F401
from .recruitment import (  # noqa: F401
    candidate_add_view,
    candidate_decline_view,
    candidate_exception_view,
    candidate_hire_view,
    round_close_view,
    round_detail,
    round_list,
    round_post_add_view,
    round_rank_view,
)
from .unrecruited import unrecruited  # noqa: F401
from .workers import (  # noqa: F401
    worker_create_view,
    worker_detail,
    worker_edit,
    worker_leave_view,
    worker_list,
    worker_reassign_view,
)
