"""Training pages (Chinese): plan calendar, sessions with attendance, worker records, compliance dashboard."""

from .attendance import (  # noqa: F401
    attendance_add,
    attendance_delete,
    attendance_edit,
    attendance_upload,
    certificate_print,
    invitation_add,
    session_attendance,
)
from .compliance import compliance_dashboard, missing_list  # noqa: F401
from .exports import attendance_export, compliance_export  # noqa: F401
from .plans import (  # noqa: F401
    index,
    plan_create,
    plan_finalise,
    planned_training_add,
    planned_training_delete,
    session_cancel,
    session_complete,
    session_create,
    session_edit,
    session_list,
)
from .public import sign_in, verify  # noqa: F401
from .workers import prior_training_add, worker_list, worker_record  # noqa: F401
