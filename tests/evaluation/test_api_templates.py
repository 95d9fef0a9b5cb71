"""The templates API: its scope, creating and updating a template with its tree, a used template frozen."""

from __future__ import annotations

from evaluation.models import EvaluationTemplate
from tests.contract import AccessContract
from tests.factories.evaluation import (
    default_template,
    make_evaluation,
    make_template,
    template_parties,
    template_payload,
)

URL = "/api/v1/evaluation/templates/"


class TestTemplateAccess(AccessContract):
    list_url = URL
    model = EvaluationTemplate

    def make(self, regions, region):
        county = region if region.level == "county" else region.parent
        # templates belong to counties: "a1" and "a2" are both in county A, so give a2 a city template instead
        if region.code == "440106002":
            return make_template(regions.city, name="市级模板")
        return make_template(county)

    def test_list_shows_only_records_in_scope(self, regions, actors, api):
        mine = make_template(regions.county_a)
        other = make_template(regions.county_b)
        ids = self.result_ids(api(actors.township_a1).get(URL))
        assert str(mine.pk) in ids and str(other.pk) not in ids
        assert str(default_template().pk) in ids
        assert str(other.pk) in self.result_ids(api(actors.provincial_viewer).get(URL))

    def create_payload(self, regions, region):
        county = region if region.level == "county" else region.parent
        return template_payload(county.code)


def test_api_creates_a_template_with_its_tree(regions, actors, api):
    response = api(actors.county_admin).post(URL, template_payload("440106"), format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert [p["party"] for p in body["parties"]] == ["recipient", "purchaser", "third_party"]
    assert body["parties"][0]["indicators"][0]["dimension_label"] == "服务成效"


def test_api_refuses_weights_not_summing_to_100(regions, actors, api):
    before = EvaluationTemplate.objects.count()
    payload = template_payload("440106", parties=template_parties(recipient=50, purchaser=25, third_party=30))
    response = api(actors.county_admin).post(URL, payload, format="json")
    assert response.status_code == 400
    assert "100" in str(response.json()["fields"]["parties"])
    assert EvaluationTemplate.objects.count() == before


def test_api_refuses_satisfaction_not_the_largest(regions, actors, api):
    payload = template_payload("440106", parties=template_parties(recipient=30, purchaser=40, third_party=30))
    response = api(actors.county_admin).post(URL, payload, format="json")
    assert response.status_code == 400
    assert "满意度" in str(response.json())


def test_township_staff_cannot_create_a_county_template(regions, actors, api):
    response = api(actors.township_a1).post(URL, template_payload("440106"), format="json")
    assert response.status_code in (400, 403)


def test_template_list_query_count(regions, actors, api, django_assert_max_num_queries):
    for _ in range(5):
        make_template(regions.county_a)
    # session-less API: grants, count, page of templates (+ region join), parties prefetch, indicators prefetch
    with django_assert_max_num_queries(5):
        response = api(actors.county_admin).get(URL)
    assert response.json()["count"] == 6


def test_a_template_used_by_an_evaluation_is_frozen(regions, actors, api):
    template = make_template(regions.county_a)
    make_evaluation(regions.a1, template=template)
    payload = template_payload("440106", name="改名")
    response = api(actors.county_admin).put(f"{URL}{template.pk}/", payload, format="json")
    assert response.status_code == 409
    template.refresh_from_db()
    assert template.name == "测试模板"


def test_api_updates_an_unused_template(regions, actors, api):
    template = make_template(regions.county_a)
    payload = template_payload(
        "440106", name="改名", parties=template_parties(recipient=60, purchaser=20, third_party=20)
    )
    response = api(actors.county_admin).put(f"{URL}{template.pk}/", payload, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["parties"][0]["weight"] == "60.00"
