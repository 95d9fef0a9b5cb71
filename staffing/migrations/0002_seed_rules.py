"""Seed the staffing rule table from 粤民发〔2018〕170号 二(二) (brackets inclusive at both ends: the larger binds)."""

from __future__ import annotations

import datetime as dt

from django.db import migrations

DOCUMENT = "粤民发〔2018〕170号 二(二)"
BRACKETS = [
    # level, households from, to (inclusive; None = no upper end), minimum staff
    ("county", 0, 3000, 2),
    ("county", 3000, 5000, 4),
    ("county", 5000, 8000, 6),
    ("county", 8000, None, 10),
    ("township", 0, 300, 2),
    ("township", 300, 600, 4),
    ("township", 600, None, 6),
]


def seed(apps, schema_editor):
    RuleSet = apps.get_model("staffing", "StaffingRuleSet")
    Rule = apps.get_model("staffing", "StaffingRule")
    if RuleSet.objects.filter(source_document=DOCUMENT).exists():
        return
    rule_set = RuleSet.objects.create(
        name="广东省县乡两级社会救助经办人员配备比例",
        source_document=DOCUMENT,
        effective_from=dt.date(2018, 12, 7),  # the policy's date (粤民发〔2018〕170号, 2018-12-07)
        count_dibao=True,
        count_tekun=True,
        count_temporary=False,
    )
    Rule.objects.bulk_create(
        Rule(rule_set=rule_set, level=level, households_from=low, households_to=high, min_staff=staff)
        for level, low, high, staff in BRACKETS
    )


def unseed(apps, schema_editor):
    apps.get_model("staffing", "StaffingRuleSet").objects.filter(source_document=DOCUMENT).delete()


class Migration(migrations.Migration):
    dependencies = [("staffing", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
