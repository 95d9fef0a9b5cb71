"""Celery tasks: thin wrappers that call a service.

The services queue these tasks and these tasks call the services: both sides import the other's module and look
names up when called, so either may be imported first.
"""

from __future__ import annotations

import datetime as dt

from celery import shared_task

from . import services


@shared_task
def cases_mark_overdue_task() -> int:
    """Mark overdue cases and notify first responders and supervisors (idempotent)."""
    return services.cases_mark_overdue()


@shared_task
def cases_recompute_clocks_task(day: str, county_code: str = "") -> int:
    """Recompute the clocks of open cases after a day of the holiday table changed ('' : the provisional ones)."""
    return services.cases_recompute_clocks(
        day=dt.date.fromisoformat(day) if day else None, county_code=county_code
    )


@shared_task
def holiday_schedule_remind_task() -> int:
    """From 1 November: remind admins that next year's holiday schedule is missing (idempotent per year)."""
    return services.holiday_schedule_remind()


@shared_task
def follow_ups_report_overdue_task() -> int:
    """Tell county admins of bad-rating follow-ups past their limit (idempotent)."""
    return services.follow_ups_report_overdue()


@shared_task
def case_step_message_task(case_id: int, action: str, day: str) -> bool:
    """Text the applicant of a case the step it reached (once per step; only if they asked for it)."""
    return (
        services.case_step_message(case_id=case_id, action=action, day=dt.date.fromisoformat(day)) is not None
    )


@shared_task
def case_messages_retry_task() -> int:
    """Try again the text messages the gateway refused, whose retry time has come."""
    return services.case_messages_retry()
