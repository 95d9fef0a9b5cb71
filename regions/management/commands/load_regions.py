from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from core.tabular import ImportRejected, UnreadableFile
from regions.imports import load_regions
from regions.tasks import load_regions_task


class Command(BaseCommand):
    help = "Load regions from a CSV or XLSX file (code,name,level,parent_code); all rows or none."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--background", action="store_true", help="queue it for a Celery worker")

    def handle(self, *args: Any, file: str, background: bool = False, **options: Any) -> None:
        if background:
            task = load_regions_task.delay(str(Path(file).resolve()))
            self.stdout.write(f"queued 已加入队列: {task.id}")
            return
        try:
            result = load_regions(file)
        except ImportRejected as exc:
            for error in exc.errors:
                self.stderr.write(str(error))
            raise CommandError(_("{value} 处错误，未导入任何数据").format(value=len(exc.errors))) from exc
        except (UnreadableFile, FileNotFoundError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"新增 created {result.created}，更新 updated {result.updated}，未变 unchanged {result.unchanged}"
            )
        )
