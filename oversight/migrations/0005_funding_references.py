"""The implementation plan's reference values (data, not rules): dispatched staff pay and the county work fund."""

from decimal import Decimal

from django.db import migrations

#: the Pearl River Delta's nine cities: 广州 深圳 珠海 佛山 江门 肇庆 惠州 东莞 中山
PRD = "4401,4403,4404,4406,4407,4412,4413,4419,4420"

REFERENCES = [
    (
        "dispatched_pay_min_prd",
        "派遣经办人员年人均薪酬（珠三角地区）不低于",
        Decimal("80000"),
        "元/人/年",
        PRD,
        "粤民发〔2018〕170号 实施方案参考值",
    ),
    (
        "dispatched_pay_min_other",
        "派遣经办人员年人均薪酬（粤东西北地区）不低于",
        Decimal("50000"),
        "元/人/年",
        "",
        "粤民发〔2018〕170号 实施方案参考值",
    ),
    (
        "work_fund_share_of_dibao",
        "县级社会救助工作经费占上年度低保资金支出比例不低于",
        Decimal("0.03"),
        "比例",
        "",
        "粤民发〔2018〕170号 一(五)、实施方案参考值",
    ),
]


def seed(apps, schema_editor):
    reference = apps.get_model("oversight", "FundingReference")
    for key, label, value, unit, prefixes, source in REFERENCES:
        reference.objects.get_or_create(
            key=key,
            defaults={"label": label, "value": value, "unit": unit, "region_prefixes": prefixes, "source": source},
        )


class Migration(migrations.Migration):
    dependencies = [("oversight", "0004_county_funding")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
