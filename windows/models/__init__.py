"""Service windows, cases with their first responder and immutable events, appointments, and the rule tables
(routing, time limits, holidays) that counties edit as data; one module per entity.

粤民发〔2018〕170号 二(一) (windows, first-inquiry responsibility, the steps) and 二(四) (online, appointments,
cross-region application).
"""

from .appointments import Appointment, AppointmentSlot
from .cases import (
    Case,
    CaseAttachment,
    CaseCounter,
    CaseEvent,
    CaseQuerySet,
    _attachment_path,
    ever_overdue_q,
    overdue_q,
    region_prefix_q,
    sees_case,
)
from .guides import CaseNotice, GuideNote, MatterGuide
from .messages import CaseMessage
from .ratings import CaseRating, FollowUpLimit, RatingFollowUp
from .reference import DeadlineRule, Holiday, RoutingRule
from .windows import ServiceWindow

__all__ = [
    "Appointment",
    "AppointmentSlot",
    "Case",
    "CaseAttachment",
    "CaseCounter",
    "CaseEvent",
    "CaseMessage",
    "CaseNotice",
    "GuideNote",
    "MatterGuide",
    "CaseQuerySet",
    "CaseRating",
    "FollowUpLimit",
    "RatingFollowUp",
    "DeadlineRule",
    "Holiday",
    "RoutingRule",
    "ServiceWindow",
    "_attachment_path",
    "ever_overdue_q",
    "region_prefix_q",
    "sees_case",
    "overdue_q",  # migration 0004 names the upload path as windows.models._attachment_path
]
