"""backup_database: write a backup of the database to settings.BACKUP_DIR now (regions.backup); the nightly job
runs the same. Exits with an error when the backup failed or another is running."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from regions import backup
from regions.backup_models import BackupStatus


class Command(BaseCommand):
    help = "Back up the database (SQLite: online backup API, gzip; PostgreSQL: pg_dump --format=custom)."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            run = backup.backup_database()
        except Conflict as exc:
            raise CommandError(exc.message) from exc
        if run.status != BackupStatus.SUCCESS:
            raise CommandError(_("备份失败：%(error)s") % {"error": run.error})
        self.stdout.write(
            _("备份完成：%(name)s，%(size)s 字节，SHA-256 %(sha)s")
            % {"name": run.file_name, "size": run.size, "sha": run.sha256}
        )
