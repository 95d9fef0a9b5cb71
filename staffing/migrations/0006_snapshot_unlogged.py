"""PostgreSQL: the compliance snapshot is an UNLOGGED table.

It holds derived data only, replaced ~28,000 rows at a time by every recompute; skipping the write-ahead log makes
a province recompute 2-3x faster. The trade-off: after a database crash PostgreSQL empties the table (and a
streaming replica does not carry it) until the next recompute (nightly, after a change, or "recompute now").
"""

from __future__ import annotations

from django.db import migrations


def set_unlogged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE staffing_compliancesnapshot SET UNLOGGED")


def set_logged(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE staffing_compliancesnapshot SET LOGGED")


class Migration(migrations.Migration):
    dependencies = [("staffing", "0005_snapshot_plain_index")]
    operations = [migrations.RunPython(set_unlogged, set_logged)]
