"""The public history of a case is all in Chinese (issue 15): the bilingual notes the steps used to write are
rewritten to their Chinese half. CaseEvent rows are otherwise immutable; only these fixed texts change."""

from django.db import migrations

BILINGUAL = {
    "您的求助已登记 / your request is registered": "您的求助已登记",
    "您的求助已受理 / your request is accepted": "您的求助已受理",
    "您的求助已分办承办单位 / your request is with the handling unit": "您的求助已分办承办单位",
    "您的求助已转户籍地办理 / your request was sent to your home region": "您的求助已转户籍地办理",
    "您的求助已转相关部门协同办理 / your request was sent to the responsible department": "您的求助已转相关部门协同办理",
    "已办结 / closed": "已办结",
    "申请人已撤回 / withdrawn by the applicant": "申请人已撤回",
    "已向您反馈办理结果 / you have been told the outcome": "已向您反馈办理结果",
}


def forwards(apps, schema_editor):
    event = apps.get_model("windows", "CaseEvent")
    for old, new in BILINGUAL.items():
        event.objects.filter(public_note=old).update(public_note=new)


class Migration(migrations.Migration):
    dependencies = [("windows", "0010_case_text_messages")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
