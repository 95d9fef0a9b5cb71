"""The audit trail as a list (issue 14): its headers sort both ways, it pages by the size chosen, its own export
(capped, recorded as an export) follows the page's sort and filters, another county's events never show, and the
page costs the same queries at a few records and many."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regions import audit
from regions.audit_models import AuditRecord
from regions.choices import AuditAction, Role
from tests.conftest import make_user
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def auditor_a(actors):
    return make_user("auditor_a", Role.AUDIT_ADMIN, "440106")


@pytest.fixture
def trail(actors, auditor_a):
    """Three grant events of county A by hand-picked accounts, and one of county B."""
    audit.record(AuditAction.GRANT_ADD, actor=actors.township_a2, region_code="440106002", target="t2")
    audit.record(AuditAction.GRANT_ADD, actor=actors.county_admin, region_code="440106", target="t0")
    audit.record(AuditAction.GRANT_ADD, actor=actors.township_a1, region_code="440106001", target="t1")
    audit.record(AuditAction.GRANT_ADD, actor=actors.outsider, region_code="440303", target="tb")


#: the three hand-made grants (the auditor's own role grant is recorded without an account name)
GRANTS = {"action": AuditAction.GRANT_ADD.value, "username": "_a"}


def _names(response) -> list[str]:
    return [r.username for r in response.context["page"]]


def test_the_trail_sorts_by_account_and_by_sequence_both_ways(trail, auditor_a, web):
    client = web(auditor_a)
    url = reverse("regions:audit")
    by_name = ["county_admin_a", "township_a1", "township_a2"]
    assert _names(client.get(url, {**GRANTS, "sort": "username"})) == by_name
    assert _names(client.get(url, {**GRANTS, "sort": "-username"})) == by_name[::-1]
    in_order = ["township_a2", "county_admin_a", "township_a1"]  # as recorded
    assert _names(client.get(url, {**GRANTS, "sort": "seq"})) == in_order
    assert _names(client.get(url, GRANTS)) == in_order[::-1]  # newest first by default
    response = client.get(url, {**GRANTS, "sort": "-region"})
    assert _names(response) == ["township_a2", "township_a1", "county_admin_a"]
    html = response.content.decode()
    assert 'aria-sort="descending"' in html and "outsider_b" not in html and "---------" not in html


def test_the_trail_pages_by_the_size_chosen(trail, auditor_a, web):
    for n in range(22):
        audit.record(AuditAction.LOGIN, actor=auditor_a, region_code="440106", target=f"n{n}")
    client = web(auditor_a)
    page = client.get(reverse("regions:audit"), {"action": "login", "per_page": "20"}).context["page"]
    assert len(page) == 20 and page.paginator.num_pages == 2
    logins = page.paginator.count  # the 22 and the auditor's own login(s) at sign-in
    second = client.get(reverse("regions:audit"), {"action": "login", "per_page": "20", "page": "2"})
    assert len(second.context["page"]) == logins - 20


def test_the_trails_export_follows_the_sort_and_stays_recorded(trail, auditor_a, web):
    client = web(auditor_a)
    html = client.get(reverse("regions:audit"), {**GRANTS, "sort": "username", "page": "1"}).content.decode()
    assert f'{reverse("regions:audit-export")}?action=grant_add&amp;username=_a&amp;sort=username"' in html
    rows = sheet_rows(client.get(reverse("regions:audit-export"), {**GRANTS, "sort": "-username"}))
    assert column(rows, "账号") == ["township_a2", "township_a1", "county_admin_a"]
    assert column(rows, "对象") == ["t2", "t1", "t0"]
    assert "哈希" in rows[0]  # the trail's own export, hash column and all
    export = AuditRecord.objects.get(action=AuditAction.EXPORT)
    assert export.actor == auditor_a


def test_the_page_has_no_second_export_that_would_skip_the_trails_own(trail, auditor_a, web):
    client = web(auditor_a)
    response = client.get(reverse("regions:audit"), {**GRANTS, "export": "xlsx"})
    assert response["Content-Type"].startswith("text/html")
    assert not AuditRecord.objects.filter(action=AuditAction.EXPORT).exists()


def test_the_trail_costs_the_same_sorted_at_many_records(
    trail, auditor_a, web, django_assert_max_num_queries
):
    client = web(auditor_a)

    def thirty_more():
        for n in range(30):
            audit.record(AuditAction.LOGOUT, actor=auditor_a, region_code="440106001", target=f"m{n}")

    assert_flat_query_count(
        lambda: client.get(reverse("regions:audit"), {"sort": "-at"}),
        thirty_more,
        django_assert_max_num_queries,
    )
