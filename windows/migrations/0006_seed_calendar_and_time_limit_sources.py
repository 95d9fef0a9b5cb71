"""Seed the national holiday schedule from chinese-calendar (every year it knows, make-up working days included),
give every default time limit its source and a whole-case limit, and carry the old cases over: a case already
marked overdue was overdue (ever_overdue), an open case gets its whole-case clock from its registration day."""

from django.db import migrations
from django.utils import timezone


def seed(apps, schema_editor):
    from windows.reference import seed_calendar_and_limits  # noqa: PLC0415  (a data migration: the code of now)

    seed_calendar_and_limits(apps)


def carry_cases_over(apps, schema_editor):
    from windows import rules  # noqa: PLC0415  (a data migration: the pure rules of now)

    case_model = apps.get_model("windows", "Case")
    case_model.objects.filter(overdue_marked_at__isnull=False).update(ever_overdue=True)
    limits = {
        (c, s): d
        for c, s, d in apps.get_model("windows", "DeadlineRule")
        .objects.filter(region_code="")
        .values_list("category", "step", "working_days")
    }
    calendar = dict(
        apps.get_model("windows", "Holiday").objects.filter(region_code="").values_list("date", "is_working_day")
    )
    open_cases = case_model.objects.filter(status__in=rules.OPEN_STATUSES, case_due_date__isnull=True)
    for case in open_cases.only("pk", "category", "received_at").iterator():
        due = rules.case_due_date(case.category, timezone.localdate(case.received_at), limits, calendar)
        case_model.objects.filter(pk=case.pk).update(case_due_date=due)


class Migration(migrations.Migration):
    dependencies = [("windows", "0005_holiday_scope_two_clocks")]

    operations = [
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(carry_cases_over, migrations.RunPython.noop),
    ]
