"""Default colours of the overview (data: a province may change them in the admin)."""

from django.db import migrations

#: (area, figure, label, amber, red, higher_is_worse)
DEFAULTS = [
    ("staffing", "short_regions", "不达标县、乡镇：有 1 个即为红色", None, 1, True),
    ("staffing", "no_data_regions", "无户数数据的县、乡镇", 1, None, True),
    ("staffing", "villages_without_coordinator", "无协理员的村（二(二)：每村至少 1 名）", None, 1, True),
    ("windows", "overdue_now", "当前超期事项", 1, 5, True),
    ("windows", "ever_overdue", "本月受理中曾超期的事项", 1, 5, True),
    ("procurement", "rectifications_open", "未完成整改", 1, 3, True),
    ("procurement", "debarments", "禁入中的承接主体", 1, None, True),
    ("training", "compliant_share", "培训达标率：低于 90% 黄色，低于 70% 红色", "0.9", "0.7", False),
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
    dependencies = [("oversight", "0001_overview")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
