"""Periodic jobs of the windows app (gathered into the beat schedule by config/celery.py)."""

from celery.schedules import crontab

SCHEDULE = {
    "windows-cases-mark-overdue": {
        "task": "windows.tasks.cases_mark_overdue_task",
        # every morning before the windows open, and again at noon
        "schedule": crontab(minute=30, hour="7,12"),
    },
    "windows-holiday-schedule-remind": {
        "task": "windows.tasks.holiday_schedule_remind_task",
        # daily; it notifies only from 1 November while next year's schedule is missing, once per admin and year
        "schedule": crontab(minute=0, hour=8),
    },
    "windows-follow-ups-report-overdue": {
        "task": "windows.tasks.follow_ups_report_overdue_task",
        # every morning (国办发〔2019〕51号: 差评 are followed up within the limit)
        "schedule": crontab(minute=45, hour=7),
    },
    "windows-case-messages-retry": {
        "task": "windows.tasks.case_messages_retry_task",
        # failed text messages are tried again after 5, 10, 20, 40 minutes (settings.SMS_RETRY_MINUTES)
        "schedule": crontab(minute="*/10"),
    },
}
