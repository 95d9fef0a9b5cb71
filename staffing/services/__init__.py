"""Writes of the staffing app, one module per entity; the public ones are re-exported here.

Other apps import from this package: training uses `worker_create`, `worker_reassign` and `worker_leave`
(an "unsuited" assessment → reassignment, 粤民发〔2018〕170号 二(五)).
"""

from .caseloads import caseload_bulk_upsert
from .compliance import (
    compliance_recompute,
    compliance_recompute_now,
    compliance_request,
    compliance_request_current,
    compliance_run,
    current_periods,
)
from .imports import (
    caseload_import_failed,
    caseload_import_save,
    caseload_import_start,
    caseload_import_validate,
    caseload_imports_reclaim,
)
from .recruitment import (
    candidate_add,
    candidate_admit_exception,
    candidate_decline,
    candidate_hire,
    round_close,
    round_create,
    round_post_add,
    round_rank,
)
from .workers import worker_create, worker_leave, worker_reassign, worker_update

__all__ = [
    "candidate_add",
    "candidate_admit_exception",
    "candidate_decline",
    "candidate_hire",
    "caseload_bulk_upsert",
    "caseload_import_failed",
    "caseload_import_save",
    "caseload_import_start",
    "caseload_import_validate",
    "caseload_imports_reclaim",
    "compliance_recompute",
    "compliance_recompute_now",
    "compliance_request",
    "compliance_request_current",
    "compliance_run",
    "current_periods",
    "round_close",
    "round_create",
    "round_post_add",
    "round_rank",
    "worker_create",
    "worker_leave",
    "worker_reassign",
    "worker_update",
]
