"""Copy the evaluations published before procurement kept its own record of them (粤民发〔2018〕170号 一(六)).

From now on evaluation pushes each published result through procurement's `contractor_result_record`.
"""

from django.db import migrations
from django.urls import reverse

#: evaluation's Grade as it stood when this migration was written (a migration does not import app code)
GRADE_LABELS = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}


def backfill(apps, schema_editor):
    Evaluation = apps.get_model("evaluation", "Evaluation")
    ContractorResult = apps.get_model("procurement", "ContractorResult")
    published = Evaluation.objects.filter(status="published").select_related("contract").order_by("id")
    ContractorResult.objects.bulk_create(
        [
            ContractorResult(
                contractor_id=e.contract.contractor_id,
                contract_id=e.contract_id,
                period=e.period,
                grade=GRADE_LABELS[e.grade],
                failed=e.grade == "fail",
                score=e.total,
                published_on=e.published_on,
                evaluation_ref=e.pk,
                url=reverse("evaluation:public-detail", args=[e.pk]),
            )
            for e in published
        ],
        ignore_conflicts=True,
    )


def forget(apps, schema_editor):
    apps.get_model("procurement", "ContractorResult").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("procurement", "0003_contractor_result"),
        ("evaluation", "0003_evaluations"),
    ]

    operations = [migrations.RunPython(backfill, forget)]
