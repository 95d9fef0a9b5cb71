import datetime

from django.db import migrations


def seed(apps, schema_editor):
    TrainingRule = apps.get_model("training", "TrainingRule")
    TrainingRule.objects.get_or_create(
        effective_from=datetime.date(2018, 1, 1),
        defaults={
            "pre_job_grace_days": 30,
            "source": "粤民发〔2018〕170号 二(五) 岗前培训；上岗后30天宽限期为默认值，可按本地规定调整",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
