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
from .calendar import (
    cases_recompute_clocks,
    holiday_delete,
    holiday_save,
    holiday_schedule_remind,
    holidays_seed_from_package,
    is_province_admin,
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
from .deadlines import (
    Clocks,
    cases_mark_overdue,
    clocks_for,
    due_for,
    loaded_years,
    record_overdue,
    supervisors_of,
    time_limits,
    working_calendar,
)
from .intake import Intake, case_attach, case_receive, department_for, next_sequence, open_duplicates
from .timelimits import deadline_rule_delete, deadline_rule_save
from .windows import WINDOW_FIELDS, window_save

__all__ = [
    "Clocks",
    "cases_recompute_clocks",
    "clocks_for",
    "deadline_rule_delete",
    "deadline_rule_save",
    "holiday_delete",
    "holiday_save",
    "holiday_schedule_remind",
    "holidays_seed_from_package",
    "is_province_admin",
    "loaded_years",
    "record_overdue",
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
