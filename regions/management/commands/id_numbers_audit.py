"""id_numbers_audit: list stored resident ID numbers that fail the corrected check; changes nothing."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from regions.id_audit import failing_id_numbers, id_number_fields


class Command(BaseCommand):
    help = (
        "列出未通过公民身份号码校验（GB 11643-1999）的已存号码，供人工核对：模型、主键、区划、密钥哈希、脱敏号码。"
        "不修改任何数据。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", help="按此日期判断出生日期是否在未来（YYYY-MM-DD，默认今天）")

    def handle(self, *args: Any, today: str | None = None, **options: Any) -> None:
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError:
            raise CommandError("--today 应为 YYYY-MM-DD 格式的日期") from None
        counts: Counter[str] = Counter()
        self.stdout.write("模型\t主键\t区划代码\t密钥哈希\t脱敏号码\t问题")
        for finding in failing_id_numbers(day):
            counts[finding.model] += 1
            self.stdout.write(
                f"{finding.model}\t{finding.pk}\t{finding.region_code}\t{finding.keyed_hash}\t"
                f"{finding.masked}\t{finding.problem}"
            )
        for model, field in id_number_fields():
            label = model._meta.label
            self.stdout.write(f"{label}.{field.name}: {counts[label]} 个号码未通过校验")
        self.stdout.write(f"合计 {sum(counts.values())} 个；未修改任何数据。")
