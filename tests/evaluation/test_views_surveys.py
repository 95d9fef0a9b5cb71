"""The quick survey entry screen at a window."""

from __future__ import annotations

from evaluation.models import SurveyResponse
from tests.factories.evaluation import (
    indicator_ids,
    make_evaluation,
)


def test_quick_survey_entry_saves_and_keeps_the_channel(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    client = web(actors.township_a1)
    page = client.get(f"/evaluation/{evaluation.pk}/survey/")
    assert page.status_code == 200 and "保存并录入下一份" in page.content.decode()
    data = {"channel": "phone", **{f"q{i}": "4" for i in indicator_ids(evaluation, "recipient")}}
    response = client.post(f"/evaluation/{evaluation.pk}/survey/", data)
    assert response.status_code == 302 and response["Location"].endswith("?channel=phone")
    assert SurveyResponse.objects.get().channel == "phone"


def test_quick_survey_entry_is_refused_to_viewers(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    assert web(actors.city_viewer).get(f"/evaluation/{evaluation.pk}/survey/").status_code == 403
