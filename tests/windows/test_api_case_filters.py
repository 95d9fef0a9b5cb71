"""The case list's filters through core.api.filtering.LeanFilterBackend (issue 17): the FilterSet's parameters,
values and errors, without django-filter's per-request form; the pages keep the FilterSet itself."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.api.filtering import apply_filters, clean_filters
from tests.factories.windows import make_case
from windows.filters import CaseFilterSet
from windows.models import Case

pytestmark = pytest.mark.django_db
URL = "/api/v1/windows/cases/"


def test_bad_filter_values_are_one_400_naming_each_parameter_with_its_code(actors, api):
    response = api(actors.county_admin).get(f"{URL}?status=bogus&category=x&channel=walk_in&q=a%00b")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "detail": "提交的数据有误，请按各项说明修改",
        "fields": {
            "status": ["选择一个有效的选项。 bogus 不在可用的选项中。"],
            "category": ["选择一个有效的选项。 x 不在可用的选项中。"],
            "q": ["不允许是用空字符串。"],
        },
        "field_codes": {
            "status": ["invalid_choice"],
            "category": ["invalid_choice"],
            "q": ["null_characters_not_allowed"],
        },
    }


def test_filters_combine_as_on_the_page(windows, actors, api):
    accepted = make_case(actors.township_a1, windows.a1, seq=1, accept=True)
    received = make_case(actors.township_a1, windows.a1, seq=2, category="medical", phone="13900001234")
    late = make_case(actors.township_a1, windows.a1, seq=3, accept=True)
    Case.objects.filter(pk=late.pk).update(due_date=dt.date(2020, 1, 1))
    client = api(actors.county_admin)

    def numbers(query: str) -> list[str]:
        response = client.get(f"{URL}?{query}")
        assert response.status_code == 200, response.content
        return [c["number"] for c in response.json()["results"]]

    assert numbers("status=accepted&status=received") == [late.number, received.number, accepted.number]
    assert numbers("status=accepted&overdue=false") == [accepted.number]
    assert numbers("overdue=true&open=true") == [late.number]
    assert numbers("q=1234") == [received.number]  # the phone's last four digits
    assert numbers(f"q=&category=medical&region={windows.a1.region.code}") == [received.number]
    assert numbers("overdue=maybe&open=") == [late.number, received.number, accepted.number]  # not a filter


QUERIES = [
    "",
    "status=accepted",
    "status=accepted&status=closed&category=dibao&channel=phone",
    "overdue=true&ever_overdue=false&deadline_provisional=true&open=false&cross_region=true",
    "q=0001&mine=true&due_soon=false",
    "region=440106&status=received",
    "region=44x&overdue=maybe",
]


@pytest.mark.parametrize("query", QUERIES)
def test_the_lean_backend_builds_the_filtersets_query(actors, query):
    """django-filter's FilterSet is the reference: the same parameters give the same SQL."""
    request = Request(APIRequestFactory().get(f"{URL}?{query}"))
    request.user = actors.county_admin
    data = QueryDict(query)
    reference = CaseFilterSet(data, queryset=Case.objects.all(), request=request)
    assert reference.is_valid()
    lean = apply_filters(CaseFilterSet, Case.objects.all(), clean_filters(CaseFilterSet, data), request)
    assert _sql(lean) == _sql(reference.qs)


def _sql(queryset) -> str:
    return "nothing" if queryset.query.is_empty() else str(queryset.query)


def test_the_lean_backend_refuses_what_the_filterset_refuses(actors):
    data = QueryDict("status=accepted&status=nope&channel=fax")
    reference = CaseFilterSet(data, queryset=Case.objects.all())
    assert not reference.is_valid()
    with pytest.raises(ValidationError) as refused:
        clean_filters(CaseFilterSet, data)
    assert refused.value.get_codes() == {"status": ["invalid_choice"], "channel": ["invalid_choice"]}
    assert {k: [str(m) for m in v] for k, v in refused.value.detail.items()} == {
        k: list(v) for k, v in reference.errors.items()
    }
