"""Every write of the windows app, one module per entity: atomic, validated before anything is saved, audited.

粤民发〔2018〕170号 二(一): 首问负责制 and the steps 受理、分办、转办、反馈 (cases, intake); 二(四): online application,
appointments and cross-region application (异地申请).
"""

from .appointments import (
    appointment_book,
    appointment_cancel,
    appointment_convert,
    appointment_no_show,
    slot_create,
    slots_publish,
)
from .cases import (
    HOUSEHOLD_LEVELS,
    STEP_SERVICES,
    case_accept,
    case_assign,
    case_close,
    case_feedback,
    case_reject,
    case_transfer,
    case_withdraw,
)
from .deadlines import cases_mark_overdue, due_for, supervisors_of, time_limits, working_calendar
from .intake import Intake, case_attach, case_receive, department_for, next_sequence, open_duplicates
from .windows import WINDOW_FIELDS, window_save

__all__ = [
    "HOUSEHOLD_LEVELS",
    "STEP_SERVICES",
    "WINDOW_FIELDS",
    "Intake",
    "appointment_book",
    "appointment_cancel",
    "appointment_convert",
    "appointment_no_show",
    "case_accept",
    "case_assign",
    "case_attach",
    "case_close",
    "case_feedback",
    "case_receive",
    "case_reject",
    "case_transfer",
    "case_withdraw",
    "cases_mark_overdue",
    "department_for",
    "due_for",
    "next_sequence",
    "open_duplicates",
    "slot_create",
    "slots_publish",
    "supervisors_of",
    "time_limits",
    "window_save",
    "working_calendar",
]
