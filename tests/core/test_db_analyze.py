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


def test_the_tables_of_the_models_given_get_statistics_on_postgresql(django_assert_num_queries):
    assert StaffingRuleSet.objects.exists()  # the reference rule set: a table with rows to sample
    if connection.vendor != "postgresql":
        with django_assert_num_queries(0):  # nothing to refresh elsewhere
            analyze(StaffingRuleSet)
        return
    analyze(StaffingRuleSet)
    assert _columns_with_statistics(StaffingRuleSet._meta.db_table) > 0


def test_without_models_every_table_is_analysed(django_assert_num_queries):
    if connection.vendor != "postgresql":
        with django_assert_num_queries(0):
            analyze()
        return
    analyze()
    assert _columns_with_statistics(StaffingRuleSet._meta.db_table) > 0
