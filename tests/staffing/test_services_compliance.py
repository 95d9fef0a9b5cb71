"""Compliance recompute: figures per level, rule set in force, atomic replace, coalesced and idempotent runs."""

from __future__ import annotations

import datetime as dt
import importlib

from django.apps import apps as django_apps

from staffing.choices import ComplianceStatus, Post, RunState
from staffing.models import ComplianceRun, ComplianceSnapshot, StaffingRule, StaffingRuleSet
from staffing.selectors import rule_set_for
from staffing.services import compliance_recompute, compliance_request, compliance_run, worker_create
from tests.factories.staffing import CaseloadFactory, WorkerFactory, id_number

TODAY = dt.date(2026, 11, 26)


def _snap(period, region):
    return ComplianceSnapshot.objects.get(period=period, region_code=region.code)


def test_recompute_sums_caseloads_upwards_and_counts_staff_at_each_level(regions):
    CaseloadFactory(
        region=regions.a1_village, dibao_households=250, tekun_households=50, temporary_households=99
    )
    CaseloadFactory(region=regions.a1_village2, dibao_households=0, tekun_households=0)
    CaseloadFactory(region=regions.a2, dibao_households=100, tekun_households=0)
    WorkerFactory(region=regions.a1, post=Post.TOWNSHIP)
    WorkerFactory(region=regions.a1, post=Post.SUPPORT_INSTITUTION)
    for _ in range(3):
        WorkerFactory(region=regions.a1_village, post=Post.VILLAGE_COORDINATOR)
    WorkerFactory(region=regions.county_a, post=Post.COUNTY_BUREAU)
    WorkerFactory(region=regions.county_a, post=Post.COUNTY_BUREAU)

    rows = compliance_recompute("2026-10", today=TODAY)

    assert rows == ComplianceSnapshot.objects.filter(period="2026-10").count() == 10
    a1 = _snap("2026-10", regions.a1)
    # 300 households (temporary not counted): 300 is the edge, the larger minimum (4) binds
    # the worker posted to a care institution (特困人员供养服务机构) is not counted: 1 of 4
    assert (a1.households, a1.required_staff, a1.actual_staff, a1.shortfall, a1.status) == (
        300,
        4,
        1,
        3,
        ComplianceStatus.SHORT,
    )
    a2 = _snap("2026-10", regions.a2)
    assert (a2.households, a2.required_staff, a2.actual_staff, a2.status) == (
        100,
        2,
        0,
        ComplianceStatus.SHORT,
    )
    county = _snap("2026-10", regions.county_a)
    assert (county.households, county.required_staff, county.actual_staff, county.status) == (
        400,
        2,
        2,
        ComplianceStatus.COMPLIANT,
    )
    assert _snap("2026-10", regions.a1_village).status == ComplianceStatus.FLAGGED
    assert _snap("2026-10", regions.a1_village2).status == ComplianceStatus.SHORT
    # no caseload and nobody posted: the minimum of 2 for 0 households makes it short, not "no data"
    county_b = _snap("2026-10", regions.county_b)
    assert (county_b.households, county_b.required_staff, county_b.shortfall, county_b.status) == (
        None,
        2,
        2,
        ComplianceStatus.SHORT,
    )


def test_without_caseload_two_staff_are_a_warning_and_institution_staff_do_not_count(regions):
    WorkerFactory(region=regions.b1, post=Post.TOWNSHIP)
    WorkerFactory(region=regions.b1, post=Post.TOWNSHIP)
    for _ in range(2):
        WorkerFactory(region=regions.county_b, post=Post.COUNTY_BUREAU)
    WorkerFactory(region=regions.county_b, post=Post.SUPPORT_INSTITUTION)
    WorkerFactory(region=regions.county_b, post=Post.SUPPORT_INSTITUTION)
    compliance_recompute("2026-10", today=TODAY)
    b1 = _snap("2026-10", regions.b1)
    assert (b1.households, b1.required_staff, b1.actual_staff, b1.status) == (
        None,
        2,
        2,
        ComplianceStatus.NO_DATA,
    )
    county_b = _snap("2026-10", regions.county_b)
    assert (county_b.actual_staff, county_b.status) == (2, ComplianceStatus.NO_DATA)


def test_staff_count_follows_postings_on_the_periods_last_day(regions):
    CaseloadFactory(region=regions.a1, period="2026-05")
    WorkerFactory(region=regions.a1, start_date=dt.date(2026, 6, 1))
    WorkerFactory(region=regions.a1, start_date=dt.date(2026, 5, 31))
    compliance_recompute("2026-05", today=TODAY)
    assert _snap("2026-05", regions.a1).actual_staff == 1


def test_a_rule_set_that_changes_mid_year_applies_from_its_date(regions):
    new = StaffingRuleSet.objects.create(
        name="新标准", source_document="某县 2026 补充规定", effective_from=dt.date(2026, 7, 1)
    )
    StaffingRule.objects.create(rule_set=new, level="township", households_from=0, min_staff=3)
    for period in ("2026-06", "2026-07"):
        CaseloadFactory(region=regions.a1, period=period, dibao_households=100, tekun_households=0)
        compliance_recompute(period, today=TODAY)
    assert _snap("2026-06", regions.a1).required_staff == 2
    assert _snap("2026-07", regions.a1).required_staff == 3
    assert _snap("2026-07", regions.a1).rule_set == new


def test_recompute_replaces_a_periods_rows_and_is_idempotent(regions):
    CaseloadFactory(region=regions.a1)
    compliance_recompute("2026-10", today=TODAY)
    first = set(ComplianceSnapshot.objects.filter(period="2026-10").values_list("region_code", "status"))
    compliance_recompute("2026-10", today=TODAY)
    again = set(ComplianceSnapshot.objects.filter(period="2026-10").values_list("region_code", "status"))
    assert first == again
    assert ComplianceSnapshot.objects.filter(period="2026-10").count() == len(first)


def test_a_burst_of_requests_queues_one_recompute(regions, django_capture_on_commit_callbacks):
    CaseloadFactory(region=regions.a1)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert compliance_request("2026-10") is True
        assert compliance_request("2026-10") is False
        assert compliance_request("2026-10") is False
    assert len(callbacks) == 1
    callbacks[0]()
    run = ComplianceRun.objects.get(period="2026-10")
    assert (
        run.state == RunState.DONE and run.rows == ComplianceSnapshot.objects.filter(period="2026-10").count()
    )
    assert compliance_run("2026-10") == "skipped"  # nothing pending: a duplicate delivery does nothing


def test_a_request_during_a_run_repeats_the_run_once(regions, django_capture_on_commit_callbacks):
    CaseloadFactory(region=regions.a1)
    with django_capture_on_commit_callbacks(execute=False):
        compliance_request("2026-10")
    ComplianceRun.objects.filter(period="2026-10").update(requested_at=dt.datetime(2100, 1, 1, tzinfo=dt.UTC))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        compliance_run("2026-10")
    assert ComplianceRun.objects.get(period="2026-10").state == RunState.PENDING
    assert len(callbacks) == 1


def test_worker_change_queues_a_recompute_of_the_current_periods(
    regions, actors, django_capture_on_commit_callbacks
):
    CaseloadFactory(region=regions.a1, period="2026-10")
    with django_capture_on_commit_callbacks(execute=True):
        worker_create(
            actor=actors.county_admin,
            region=regions.a1,
            name="王五",
            id_number=id_number(),
            post=Post.TOWNSHIP,
            employment="established",
            education="college",
            start_date=dt.date(2026, 1, 1),
        )
    assert ComplianceRun.objects.get(period="2026-10").state == RunState.DONE
    assert _snap("2026-10", regions.a1).actual_staff == 1


POLICY = "粤民发〔2018〕170号 二(二)"


def test_seeded_rule_set_takes_effect_on_the_policys_date_2018_12_07(db):
    seeded = StaffingRuleSet.objects.get(source_document=POLICY)
    assert seeded.effective_from == dt.date(2018, 12, 7)
    assert rule_set_for("2019-01").rule_set == seeded
    assert rule_set_for("2018-11").rule_set is None


def test_data_migration_moves_an_existing_rule_set_to_the_policys_date(db):
    StaffingRuleSet.objects.filter(source_document=POLICY).update(effective_from=dt.date(2018, 1, 1))
    migration = importlib.import_module("staffing.migrations.0010_rule_set_effective_policy_date")
    migration.forwards(django_apps, None)
    assert StaffingRuleSet.objects.get(source_document=POLICY).effective_from == dt.date(2018, 12, 7)
