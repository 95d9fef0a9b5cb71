"""The API tokens page as a list (issue 14): sort by a header, page by the size chosen, find by purpose or prefix
(an administrator also by username), export the filtered view (prefixes only, never a key), one's own tokens only,
and the same queries at 3 rows and 30."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regions.models import ApiToken
from regions.services import api_token_create, api_token_revoke
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def tokens(actors):
    made = [
        api_token_create(actor=actors.county_admin, user=actors.county_admin, name=name, days=days)
        for name, days in (("低保数据对接", 30), ("统计报表", 90), ("备用", 10))
    ]
    api_token_create(actor=actors.outsider, user=actors.outsider, name="罗湖对接", days=30)
    return made


def _names(response):
    return [t.name for t in response.context["page"]]


def test_tokens_sort_by_expiry_both_ways(tokens, actors, web):
    client = web(actors.county_admin)
    url = reverse("regions:tokens")
    assert _names(client.get(url, {"sort": "expires"})) == ["备用", "低保数据对接", "统计报表"]
    assert _names(client.get(url, {"sort": "-expires"})) == ["统计报表", "低保数据对接", "备用"]


def test_a_token_is_found_by_purpose_or_prefix_and_only_ones_own(tokens, actors, web):
    client = web(actors.county_admin)
    url = reverse("regions:tokens")
    assert _names(client.get(url, {"q": "统计"})) == ["统计报表"]
    prefix = tokens[2][0].prefix
    assert _names(client.get(url, {"q": prefix})) == ["备用"]
    assert _names(client.get(url, {"q": "罗湖"})) == []
    admin = web(actors.superuser)
    assert _names(admin.get(url, {"q": "outsider"})) == ["罗湖对接"]


def test_the_token_export_is_the_filtered_view_with_prefixes_only(tokens, actors, web):
    api_token_revoke(actor=actors.county_admin, token=tokens[1][0])
    rows = sheet_rows(
        web(actors.county_admin).get(reverse("regions:tokens"), {"sort": "-expires", "export": "xlsx"})
    )
    assert column(rows, "用途") == ["统计报表", "低保数据对接", "备用"]

    # a random prefix may begin with "-": a spreadsheet would read it as a formula, so the export writes it after an
    # apostrophe (OWASP, CSV/formula injection: cells starting with = + - @ are escaped)
    def as_exported(prefix: str) -> str:
        return "'" + prefix if prefix[:1] in ("=", "+", "-", "@") else prefix

    expected = [tokens[1][0].prefix, tokens[0][0].prefix, tokens[2][0].prefix]
    assert column(rows, "前缀") == [as_exported(p) for p in expected]
    assert column(rows, "状态") == ["已撤销", "有效", "有效"]
    keys = [key for _token, key in tokens]
    assert not any(key in str(rows) for key in keys)
    assert "用户" not in rows[0]  # a user's own list has no owner column


def test_the_token_list_costs_the_same_for_30_rows(tokens, actors, web, django_assert_max_num_queries):
    client = web(actors.county_admin)

    def thirty_more():
        for n in range(30):
            api_token_create(actor=actors.county_admin, user=actors.county_admin, name=f"令牌{n:02d}", days=5)

    assert_flat_query_count(
        lambda: client.get(reverse("regions:tokens"), {"sort": "state"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    page = client.get(reverse("regions:tokens"), {"per_page": "20", "page": "2"}).context["page"]
    assert len(page) == 13 and ApiToken.objects.filter(user=actors.county_admin).count() == 33
