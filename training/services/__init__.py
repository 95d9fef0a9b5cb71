"""Every write in training goes through a service here: `<entity>_<verb>(*, actor, ...)`, atomic, audited."""

from __future__ import annotations

from .assessment import assessment_record
from .attendance import (
    attendance_import,
    attendance_remove,
    attendance_sign_in,
    attendance_sign_in_by_code,
    attendance_update,
    certificate_verify,
    invitation_create,
)
from .compliance import (
    missing_training_notify,
    organiser_compliance_queue,
    organiser_compliance_recompute,
    worker_compliance_queue,
    worker_compliance_recompute,
)
from .plans import (
    plan_create,
    plan_finalise,
    plan_update,
    planned_training_create,
    planned_training_delete,
    planned_training_update,
    session_cancel,
    session_complete,
    session_create,
    session_update,
)
from .prior import prior_training_record

__all__ = [
    "assessment_record",
    "attendance_import",
    "attendance_remove",
    "attendance_sign_in",
    "attendance_sign_in_by_code",
    "attendance_update",
    "certificate_verify",
    "invitation_create",
    "missing_training_notify",
    "organiser_compliance_queue",
    "organiser_compliance_recompute",
    "plan_create",
    "plan_finalise",
    "plan_update",
    "planned_training_create",
    "planned_training_delete",
    "planned_training_update",
    "prior_training_record",
    "session_cancel",
    "session_complete",
    "session_create",
    "session_update",
    "worker_compliance_queue",
    "worker_compliance_recompute",
]
