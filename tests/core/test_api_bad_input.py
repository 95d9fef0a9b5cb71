"""Bad input is a 400, never a 500 (issue 12 item 13): numbers out of the database's range in filters and bodies,
JSON nested deeper than any request of ours needs."""

from __future__ import annotations

import pytest

from core.api.parsers import MAX_DEPTH, nesting_depth

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"  # 10**20 - 1: past the signed 64-bit range (9223372036854775807)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/training/sessions/?plan=" + HUGE,
        "/api/v1/training/attendance/?worker=" + HUGE,
        "/api/v1/training/plans/?year=1e30",
        "/api/v1/windows/slots/?window=-" + HUGE,
        "/api/v1/procurement/contracts/?contractor=" + HUGE,
        "/api/v1/procurement/projects/?year=" + HUGE,
        "/api/v1/evaluation/evaluations/?contractor=" + HUGE,
    ],
)
def test_a_number_filter_out_of_range_is_a_400(actors, api, url):
    response = api(actors.county_admin).get(url)
    assert response.status_code == 400, response.content


def test_the_largest_64_bit_id_in_a_filter_is_an_empty_list(actors, api):
    response = api(actors.county_admin).get("/api/v1/training/sessions/?plan=9223372036854775807")
    assert response.status_code == 200 and response.json()["count"] == 0
    assert (
        api(actors.county_admin).get("/api/v1/training/sessions/?plan=9223372036854775808").status_code == 400
    )


def test_a_page_ignores_a_number_filter_out_of_range(actors, web):
    assert web(actors.county_admin).get("/training/sessions/?plan=" + HUGE).status_code == 200


def test_json_nested_100000_deep_is_a_400(actors, api):
    body = "[" * 100_000 + "]" * 100_000
    response = api(actors.county_admin).post(
        "/api/v1/staffing/caseloads/bulk/", body, content_type="application/json"
    )
    assert response.status_code == 400 and "嵌套" in response.json()["detail"]


def test_json_nested_at_the_limit_is_parsed(actors, api):
    body = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    response = api(actors.county_admin).post(
        "/api/v1/staffing/caseloads/bulk/", body, content_type="application/json"
    )
    assert response.status_code == 400 and "嵌套" not in str(response.json())  # refused as data, not as depth


@pytest.mark.parametrize(
    ("text", "depth"),
    [('{"a": [1, {"b": []}]}', 4), ('"[[[[{{{{"', 0), ('["\\"[[["]', 1), ("", 0), ("[][][]", 1)],
)
def test_nesting_depth_counts_brackets_outside_strings(text, depth):
    assert nesting_depth(text) == depth


@pytest.mark.django_db
def test_a_malformed_id_in_a_detail_url_is_a_404_not_a_500(actors, api):
    # found by the API fuzzer: DELETE /api/v1/windows/time-limits/null,null/ raised ValueError
    client = api(actors.county_admin)
    assert client.delete("/api/v1/windows/time-limits/null,null/").status_code == 404
    assert client.delete("/api/v1/windows/holidays/null,null/").status_code == 404
    # found by the fuzzer's CI run on the accounts and webhook actions
    for action in ("deactivate", "reactivate", "reset-password"):
        assert client.post(f"/api/v1/accounts/users/null,null/{action}/").status_code == 404, action
    assert client.post("/api/v1/changes/deliveries/null,null/resend/").status_code == 404
