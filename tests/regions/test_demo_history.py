"""The seed's change history: kept for the demo city (广州市, 4401) at every scale; at province scale the other
cities' generated rows are written without django-auditlog entries."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.management.base import CommandError

from config.management.commands import seed_demo
from regions.demo import generated_history
from staffing.models import StaffingRuleSet


def _entries_for_a_row_written(scale: str, region_code: str) -> int:
    with generated_history(scale, region_code):
        row = StaffingRuleSet.objects.create(
            name=f"规则{scale}{region_code}",
            source_document="粤民发〔2018〕170号",
            effective_from=dt.date(2027, 1, 1),
        )
    return LogEntry.objects.get_for_object(row).count()


@pytest.mark.parametrize(
    ("scale", "region_code", "entries"),
    [
        ("province", "440106", 1),  # 天河区, in the demo city
        ("province", "4401", 1),  # 广州市 itself
        ("province", "440304", 0),  # 深圳市福田区: generated load
        ("province", "441802", 0),  # 清远市清城区
        ("city", "440106", 1),
        ("county", "440106", 1),
    ],
)
def test_history_is_kept_in_the_demo_city_and_left_out_elsewhere_at_province_scale(
    db, scale, region_code, entries
):
    assert _entries_for_a_row_written(scale, region_code) == entries


def test_every_seeder_runs_once_and_regions_first():
    chains = [chain for stage in seed_demo.STAGES for chain in stage]
    apps = [app for chain in chains for app in chain]
    assert sorted(apps) == sorted(seed_demo.SEEDERS) and len(apps) == len(set(apps))
    assert seed_demo.STAGES[0] == (("regions",),)
    # what reads another app's demo runs after it: training the workers, evaluation the contracts,
    # supervision a window and a contract, oversight everything
    order = {
        app: (n, chain.index(app))
        for n, stage in enumerate(seed_demo.STAGES)
        for chain in stage
        for app in chain
    }
    assert order["staffing"] < order["training"] and order["procurement"] < order["evaluation"]
    assert order["supervision"][0] > max(
        order[a][0] for a in ("windows", "procurement", "evaluation", "training")
    )
    assert order["oversight"] > order["supervision"]


def test_chains_run_side_by_side_and_a_failed_one_fails_the_seed(monkeypatch):
    started = []

    class Child:
        def __init__(self, command):
            started.append(command)
            self.code = 1 if "windows" in command else 0

        def wait(self):
            assert len(started) == 2  # both started before the first is waited on
            return self.code

    monkeypatch.setattr(seed_demo.subprocess, "Popen", Child)
    with pytest.raises(CommandError, match="windows"):
        seed_demo.Command()._side_by_side((("staffing", "training"), ("windows",)), "province")
    assert [c[-1] for c in started] == ["staffing,training", "windows"]
