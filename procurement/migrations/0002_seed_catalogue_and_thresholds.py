"""Seed the guidance catalogue of 粤民发〔2018〕170号 一(二) and the Guangdong procurement figures from 2018."""

from decimal import Decimal

from django.db import migrations

TRANSACTIONAL = [
    ("screening", "对象排查"),
    ("means_test", "家计调查"),
    ("training", "业务培训"),
    ("publicity", "政策宣传"),
    ("evaluation", "绩效评价"),
    ("information", "信息管理"),
]
SERVICE = [
    ("care", "照料护理"),
    ("rehabilitation", "康复训练"),
    ("medical_escort", "送医陪护"),
    ("integration", "社会融入"),
    ("capacity", "能力提升"),
    ("counselling", "心理疏导"),
    ("resource_linking", "资源链接"),
]
ASSISTANCE = [("dibao", "最低生活保障"), ("tekun", "特困人员救助供养"), ("temporary", "临时救助")]
GOVERNMENT_ONLY = [
    ("approval", "救助申请的审批（批准或不予批准）"),
    ("entitlement", "救助待遇的认定与决定"),
    ("decision", "作出行政决定（停发、减发、追回等）"),
]


def seed(apps, schema_editor):
    CatalogueItem = apps.get_model("procurement", "CatalogueItem")
    ThresholdSet = apps.get_model("procurement", "ThresholdSet")
    for kind, items in (("transactional", TRANSACTIONAL), ("service", SERVICE)):
        for key, name in items:
            for assistance, label in ASSISTANCE:
                CatalogueItem.objects.get_or_create(
                    code=f"{kind[0].upper()}-{key}-{assistance}",
                    defaults={
                        "name": name,
                        "work_kind": kind,
                        "assistance": assistance,
                        "description": f"{label}{'经办中的' if kind == 'transactional' else '对象的'}{name}",
                    },
                )
    for key, name in GOVERNMENT_ONLY:
        CatalogueItem.objects.get_or_create(
            code=f"G-{key}",
            defaults={
                "name": name,
                "work_kind": "government",
                "assistance": "all",
                "government_only": True,
                "description": "应当由政府直接承担的行政管理性事务，不得向社会力量购买（粤民发〔2018〕170号 一(二)）",
            },
        )
    ThresholdSet.objects.get_or_create(
        year=2018,
        region=None,
        defaults={
            "procurement_limit": Decimal("1000000.00"),
            "open_tender_threshold": Decimal("2000000.00"),
            "price_weight_min": Decimal("10"),
            "price_weight_max": Decimal("30"),
            "single_source_addition_pct": Decimal("10"),
        },
    )


class Migration(migrations.Migration):
    dependencies = [("procurement", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
