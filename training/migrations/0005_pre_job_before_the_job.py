"""Pre-job training comes before the job (粤民发〔2018〕170号 二(五) 岗前培训): the 30-day grace period that counted
an untrained new worker as compliant is gone. Saved snapshots that were "within grace" (pending) or "overdue" become
"awaiting pre-job training" and are not compliant, and "done" after the start date becomes "late" (补训); the grace table and the snapshot's deadline column go."""

from django.db import migrations, models


def without_grace(apps, schema_editor):
    WorkerCompliance = apps.get_model("training", "WorkerCompliance")
    WorkerCompliance.objects.filter(pre_job_status__in=["pending", "overdue"]).update(
        pre_job_status="awaiting", compliant=False
    )
    # "done within grace" after the start date is training after starting: 补训 (late), still trained
    WorkerCompliance.objects.filter(
        pre_job_status="done", pre_job_completed_on__gt=models.F("start_date")
    ).update(pre_job_status="late")


def with_grace(apps, schema_editor):
    # back to the old vocabulary; the old grace would have to be recomputed by the beat job
    WorkerCompliance = apps.get_model("training", "WorkerCompliance")
    WorkerCompliance.objects.filter(pre_job_status="awaiting").update(pre_job_status="overdue")


class Migration(migrations.Migration):
    dependencies = [("training", "0004_plan_final_political_prior_training")]

    operations = [
        migrations.RunPython(without_grace, with_grace),
        migrations.AlterField(
            model_name="workercompliance",
            name="pre_job_status",
            field=models.CharField(
                choices=[("done", "岗前已培训"), ("late", "上岗后补训"), ("awaiting", "待岗前培训")],
                max_length=10,
                verbose_name="岗前培训",
            ),
        ),
        migrations.RemoveField(model_name="workercompliance", name="pre_job_deadline"),
        migrations.DeleteModel(name="TrainingRule"),
    ]
