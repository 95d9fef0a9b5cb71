"""The backup warning's boundary and the retention's arithmetic, with values worked out by hand."""

from __future__ import annotations

import datetime as dt

from regions.rules import backup_overdue, backups_beyond

NOW = dt.datetime(2026, 12, 7, 8, 0, tzinfo=dt.UTC)


def test_a_backup_25h59_ago_is_not_overdue_26h01_is():
    assert backup_overdue(dt.datetime(2026, 12, 6, 6, 1, tzinfo=dt.UTC), NOW, 26) is False
    assert backup_overdue(dt.datetime(2026, 12, 6, 5, 59, tzinfo=dt.UTC), NOW, 26) is True


def test_no_backup_at_all_is_overdue():
    assert backup_overdue(None, NOW, 26) is True


def test_beyond_the_last_n():
    assert backups_beyond([9, 7, 5, 2], 2) == [5, 2]
    assert backups_beyond([9], 2) == []
    assert backups_beyond([9, 7], 0) == [7]  # the newest is always kept
