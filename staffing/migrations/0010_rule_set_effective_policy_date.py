"""The seeded rule set takes effect on the policy's date, 2018-12-07 (粤民发〔2018〕170号), not 2018-01-01."""

from __future__ import annotations

import datetime as dt

from django.db import migrations

DOCUMENT = "粤民发〔2018〕170号 二(二)"
WRONG = dt.date(2018, 1, 1)
POLICY_DATE = dt.date(2018, 12, 7)


def forwards(apps, schema_editor):
    RuleSet = apps.get_model("staffing", "StaffingRuleSet")
    RuleSet.objects.filter(source_document=DOCUMENT, effective_from=WRONG).update(effective_from=POLICY_DATE)


def backwards(apps, schema_editor):
    RuleSet = apps.get_model("staffing", "StaffingRuleSet")
    RuleSet.objects.filter(source_document=DOCUMENT, effective_from=POLICY_DATE).update(effective_from=WRONG)


class Migration(migrations.Migration):
    dependencies = [("staffing", "0009_candidate_exception_reason")]
    operations = [migrations.RunPython(forwards, backwards)]
