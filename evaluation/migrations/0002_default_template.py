"""The seeded default template (domain.md section 11): recipients 50, purchaser 25, third party 25; each party
covers 服务成效、项目管理、社会影响 (粤民发〔2018〕170号 一(六))."""

from decimal import Decimal

from django.db import migrations

DEFAULT_NAME = "政府购买社会救助服务绩效评价（默认模板）"

PARTIES = [
    (
        "recipient",
        "50",
        [
            ("effectiveness", "服务内容满足了您的实际需要", "25"),
            ("effectiveness", "服务人员的专业水平", "15"),
            ("management", "服务按约定的时间和频次提供", "20"),
            ("management", "服务人员的态度和礼貌", "15"),
            ("social_impact", "服务改善了您（家庭）的生活状况", "15"),
            ("social_impact", "您愿意向他人推荐这项服务", "10"),
        ],
    ),
    (
        "purchaser",
        "25",
        [
            ("effectiveness", "服务数量、质量、时效达到合同约定的服务标准", "40"),
            ("management", "项目管理制度健全、人员配备到位", "20"),
            ("management", "资金使用规范、按时报送财务报告", "20"),
            ("social_impact", "群众反映与社会评价", "20"),
        ],
    ),
    (
        "third_party",
        "25",
        [
            ("effectiveness", "服务目标完成情况", "35"),
            ("effectiveness", "服务对象状况改善程度", "15"),
            ("management", "服务档案与过程管理", "20"),
            ("management", "财务管理与资金使用绩效", "15"),
            ("social_impact", "社会影响与可持续性", "15"),
        ],
    ),
]


def seed(apps, schema_editor):
    Template = apps.get_model("evaluation", "EvaluationTemplate")
    Party = apps.get_model("evaluation", "TemplateParty")
    Indicator = apps.get_model("evaluation", "TemplateIndicator")
    if Template.objects.filter(region__isnull=True, is_default=True).exists():
        return
    template = Template.objects.create(name=DEFAULT_NAME, region=None, is_default=True)
    for party, weight, indicators in PARTIES:
        row = Party.objects.create(template=template, party=party, weight=Decimal(weight))
        for position, (dimension, name, w) in enumerate(indicators, start=1):
            Indicator.objects.create(party=row, dimension=dimension, name=name, weight=Decimal(w), position=position)


def unseed(apps, schema_editor):
    apps.get_model("evaluation", "EvaluationTemplate").objects.filter(name=DEFAULT_NAME, region__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_templates")]
    operations = [migrations.RunPython(seed, unseed)]
