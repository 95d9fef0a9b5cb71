"""Add the national holiday days that the installed `chinese-calendar` knows and the table lacks (kept rows stay).

Run after upgrading the package when it has a new year's State Council schedule; then check the year in the app
(windows:holidays). Open cases whose deadlines were provisional are recomputed.
"""

from django.core.management.base import BaseCommand

from windows import services


class Command(BaseCommand):
    help = "从 chinese-calendar 补充全国节假日安排（已有记录保留）"

    def handle(self, *args, **options):
        added = services.holidays_seed_from_package()
        years = services.loaded_years()
        self.stdout.write(f"新增 {added} 天；已录入年份 {min(years, default='—')}–{max(years, default='—')}")
