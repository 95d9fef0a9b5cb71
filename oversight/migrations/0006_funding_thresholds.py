"""The overview colours a county whose recorded funding falls below the reference values red."""

from django.db import migrations

DEFAULTS = [
    ("funding", "work_fund_below", "工作经费低于上年度低保支出 3% 的县", None, 1, True),
    ("funding", "pay_below", "派遣人员人均薪酬低于参考值的县", None, 1, True),
]


def seed(apps, schema_editor):
    threshold = apps.get_model("oversight", "Threshold")
    for area, figure, label, amber, red, higher in DEFAULTS:
        threshold.objects.get_or_create(
            area=area,
            figure=figure,
            defaults={"label": label, "amber": amber, "red": red, "higher_is_worse": higher},
        )


class Migration(migrations.Migration):
    dependencies = [("oversight", "0005_funding_references")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
