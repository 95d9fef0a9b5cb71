"""After a bulk load the seed refreshes the planner's statistics (PostgreSQL; autovacuum may be off)."""

from __future__ import annotations

import pytest
from django.db import connection

from core.db import analyze
from staffing.models import StaffingRuleSet

pytestmark = pytest.mark.django_db


def _columns_with_statistics(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM pg_stats WHERE tablename = %s", [table])
        return cursor.fetchone()[0]


def test_the_tables_of_the_models_given_get_statistics_on_postgresql():
    assert StaffingRuleSet.objects.exists()  # the reference rule set: a table with rows to sample
    if connection.vendor != "postgresql":
        analyze(StaffingRuleSet)  # nothing to refresh elsewhere, and no error
        return
    table = StaffingRuleSet._meta.db_table
    analyze(StaffingRuleSet)
    assert _columns_with_statistics(table) > 0


def test_without_models_every_table_is_analysed():
    analyze()
    if connection.vendor == "postgresql":
        assert _columns_with_statistics(StaffingRuleSet._meta.db_table) > 0
