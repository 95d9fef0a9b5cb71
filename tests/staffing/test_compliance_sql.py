"""The compliance recompute computed in SQL (`compliance_sql`) and in Python (`compute_rows`, the pure rules) give the
figures worked out by hand on a tree that sits on every bracket edge (粤民发〔2018〕170号 二(二), 二(三); domain.md 12),
and a recompute writes only the rows that changed."""

from __future__ import annotations

import datetime as dt

import pytest

from regions.models import Region
from regions.rules import ancestor_codes, level_for_code
from staffing.choices import ComplianceStatus, Post
from staffing.models import Caseload, ComplianceSnapshot, Posting, StaffingRule, StaffingRuleSet
from staffing.selectors import rule_set_for
from staffing.services import compliance_recompute, compliance_sql
from staffing.services.compliance import compute_rows
from tests.factories.staffing import CaseloadFactory, WorkerFactory

PERIOD = "2026-10"
TODAY = dt.date(2026, 11, 26)  # the reference date of 2026-10 is 2026-10-31
SHORT, COMPLIANT, NO_DATA, FLAGGED = (
    ComplianceStatus.SHORT,
    ComplianceStatus.COMPLIANT,
    ComplianceStatus.NO_DATA,
    ComplianceStatus.FLAGGED,
)

# county brackets (the seeded rule set): 0–3000 → 2, 3000–5000 → 4, 5000–8000 → 6, 8000+ → 10, both ends inclusive
# (at an edge the larger minimum binds); township: 0–300 → 2, 300–600 → 4, 600+ → 6. Village: 1–2 coordinators.
# code: (households reported at the region itself (None: no caseload), counted staff or coordinators,
#        expected (households, required, actual, shortfall, status))
COUNTIES = {
    "440901": (None, 0, (None, 2, 0, 2, SHORT)),  # no caseload: the minimum of 0 households applies
    "440902": (None, 2, (None, 2, 2, 0, NO_DATA)),  # the floor met, but no data: never compliant
    "440903": (0, 2, (0, 2, 2, 0, COMPLIANT)),  # a caseload of 0 households is data
    "440904": (2999, 2, (2999, 2, 2, 0, COMPLIANT)),
    "440905": (3000, 3, (3000, 4, 3, 1, SHORT)),  # the edge: 2 and 4 apply, 4 binds
    "440906": (3001, 4, (3001, 4, 4, 0, COMPLIANT)),
    "440907": (5000, 6, (5000, 6, 6, 0, COMPLIANT)),
    "440908": (8000, 9, (8000, 10, 9, 1, SHORT)),
    "440910": (8001, 0, (8001, 10, 0, 10, SHORT)),
}
# townships of county 440909; their households come from their villages' caseloads (and the township's own)
TOWNSHIPS = {
    "440909001": (None, 2, (299, 2, 2, 0, COMPLIANT)),  # 299 from its village 440909001001
    "440909002": (300, 4, (300, 4, 4, 0, COMPLIANT)),
    "440909003": (301, 3, (301, 4, 3, 1, SHORT)),
    "440909004": (600, 5, (600, 6, 5, 1, SHORT)),
    "440909005": (601, 6, (601, 6, 6, 0, COMPLIANT)),
    "440909006": (None, 0, (None, 2, 0, 2, SHORT)),
}
VILLAGES = {
    "440909001001": (299, 0, (299, 1, 0, 1, SHORT)),
    "440909001002": (None, 1, (None, 1, 1, 0, COMPLIANT)),
    "440909001003": (None, 2, (None, 1, 2, 0, COMPLIANT)),
    "440909001004": (None, 3, (None, 1, 3, 0, FLAGGED)),  # more than 2: flagged, not short
}
# the county above the townships: 299 + 300 + 301 + 600 + 601 = 2101 households, no staff of its own
PARENT = {"440909": (None, 0, (2101, 2, 0, 2, SHORT))}
EXPECTED = {
    code: spec[2] for table in (COUNTIES, TOWNSHIPS, VILLAGES, PARENT) for code, spec in table.items()
}


@pytest.fixture
def tree(db):
    made: dict[str, Region] = {}
    for code in ["44", "4409", *sorted(EXPECTED)]:
        parent = made[ancestor_codes(code)[-1]] if len(code) > 2 else None
        made[code] = Region.objects.create(
            code=code, name=f"区域{code}", level=level_for_code(code), parent=parent
        )
    for table in (COUNTIES, TOWNSHIPS, VILLAGES, PARENT):
        for code, (households, staff, _) in table.items():
            region = made[code]
            if households is not None:
                # temporary households are not counted by the seeded rule set (dibao + tekun)
                CaseloadFactory(
                    region=region,
                    period=PERIOD,
                    dibao_households=households - households // 3,
                    tekun_households=households // 3,
                    temporary_households=7,
                )
            post = {"county": Post.COUNTY_BUREAU, "township": Post.TOWNSHIP}.get(
                region.level, Post.VILLAGE_COORDINATOR
            )
            for _ in range(staff):
                WorkerFactory(region=region, post=post)
    # not counted: a care-institution worker, a posting ended before the reference date, one starting after it,
    # and another period's caseload
    WorkerFactory(region=made["440904"], post=Post.SUPPORT_INSTITUTION)
    ended = WorkerFactory(region=made["440906"], post=Post.COUNTY_BUREAU)
    Posting.objects.filter(worker=ended).update(ended_on=dt.date(2026, 10, 31))
    WorkerFactory(region=made["440907"], post=Post.COUNTY_BUREAU, start_date=dt.date(2026, 11, 1))
    CaseloadFactory(region=made["440901"], period="2026-09", dibao_households=5000)
    return made


def _figures(rows) -> dict[str, tuple]:
    return {r[1]: (r[3], r[4], r[5], r[6], r[7]) for r in rows}


def test_sql_and_python_give_the_hand_computed_figures_on_every_bracket_edge(tree):
    assert Caseload.objects.filter(period=PERIOD).count() == 12  # 7 counties, 4 townships, 1 village
    in_force, python_rows = compute_rows(PERIOD, today=TODAY)
    sql_rows = compliance_sql.rows(compliance_sql.params(PERIOD, in_force=in_force, today=TODAY))
    assert _figures(python_rows) == EXPECTED
    assert _figures(sql_rows) == EXPECTED
    assert {r[0] for r in sql_rows} == {tree[code].pk for code in EXPECTED}


def test_an_area_is_computed_from_its_own_rows_alike_in_sql_and_python(tree):
    in_force, python_rows = compute_rows(PERIOD, today=TODAY, prefix="440909")
    sql_rows = compliance_sql.rows(
        compliance_sql.params(PERIOD, in_force=in_force, today=TODAY, prefix="440909")
    )
    expected = {code: figures for code, figures in EXPECTED.items() if code.startswith("440909")}
    assert _figures(python_rows) == _figures(sql_rows) == expected


def test_the_recompute_stores_the_hand_computed_figures(tree):
    assert compliance_recompute(PERIOD, today=TODAY) == len(EXPECTED)
    stored = {
        s.region_code: (s.households, s.required_staff, s.actual_staff, s.shortfall, s.status)
        for s in ComplianceSnapshot.objects.filter(period=PERIOD)
    }
    assert stored == EXPECTED
    assert set(ComplianceSnapshot.objects.values_list("rule_set_id", flat=True)) == {
        rule_set_for(PERIOD).rule_set.pk
    }


def test_a_recompute_writes_only_the_rows_that_changed(tree):
    compliance_recompute(PERIOD, today=TODAY)
    ComplianceSnapshot.objects.update(computed_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC))
    stray = ComplianceSnapshot.objects.create(
        region=tree["440901"],
        region_code="440999",
        level="county",
        period=PERIOD,
        status=SHORT,
        computed_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC),
    )
    # one village's caseload changes: the village, its township and its county change, nothing else
    Caseload.objects.filter(region=tree["440909001001"]).update(dibao_households=400, tekun_households=0)
    ComplianceSnapshot.objects.filter(region_code="440905").update(
        status=COMPLIANT
    )  # a wrong figure is mended

    assert compliance_recompute(PERIOD, today=TODAY) == len(EXPECTED)

    touched = set(
        ComplianceSnapshot.objects.filter(
            period=PERIOD, computed_at__gt=dt.datetime(2026, 11, 2, tzinfo=dt.UTC)
        ).values_list("region_code", flat=True)
    )
    assert touched == {"440909001001", "440909001", "440909", "440905"}
    assert not ComplianceSnapshot.objects.filter(pk=stray.pk).exists()
    village = ComplianceSnapshot.objects.get(period=PERIOD, region_code="440909001001")
    township = ComplianceSnapshot.objects.get(period=PERIOD, region_code="440909001")
    assert (village.households, township.households, township.required_staff, township.status) == (
        400,
        400,
        4,
        SHORT,
    )
    assert ComplianceSnapshot.objects.get(period=PERIOD, region_code="440905").status == SHORT
    assert ComplianceSnapshot.objects.filter(period=PERIOD).count() == len(EXPECTED)


def test_a_new_rule_set_rewrites_the_rows_it_judges(tree):
    compliance_recompute(PERIOD, today=TODAY)
    newer = StaffingRuleSet.objects.create(
        name="测试规则", effective_from=dt.date(2026, 10, 1), count_dibao=True, count_tekun=True
    )
    StaffingRule.objects.bulk_create(
        [
            StaffingRule(rule_set=newer, level="county", households_from=0, households_to=None, min_staff=3),
            StaffingRule(
                rule_set=newer, level="township", households_from=0, households_to=None, min_staff=1
            ),
        ]
    )
    compliance_recompute(PERIOD, today=TODAY)
    county = ComplianceSnapshot.objects.get(period=PERIOD, region_code="440904")
    village = ComplianceSnapshot.objects.get(period=PERIOD, region_code="440909001002")
    assert (county.required_staff, county.shortfall, county.status, county.rule_set_id) == (
        3,
        1,
        SHORT,
        newer.pk,
    )
    assert village.rule_set_id == newer.pk  # same figures, but judged under the new rule set
