"""Public pages: published results only, the survey reached with a one-time code, its rate limit."""

from __future__ import annotations

from django.core.cache import cache
from django.test import Client

from evaluation import services
from evaluation.models import SurveyResponse
from evaluation.views import public as public_views
from tests.factories.evaluation import (
    indicator_ids,
    make_evaluation,
    superuser,
)


def test_unpublished_evaluations_are_not_public(regions):
    evaluation = make_evaluation(regions.a1)
    assert Client().get(f"/evaluation/public/{evaluation.pk}/").status_code == 404
    assert evaluation.contract.project.title not in Client().get("/evaluation/public/").content.decode()


def test_public_survey_with_a_one_time_code(regions):
    evaluation = make_evaluation(regions.a1)
    code = services.invitations_issue(actor=superuser(), survey=evaluation.survey, count=1)[0].code
    client = Client()
    response = client.post("/evaluation/s/", {"code": code.lower()})
    assert response.status_code == 302 and response["Location"] == f"/evaluation/s/{code}/"
    form = client.get(f"/evaluation/s/{code}/")
    assert form.status_code == 200 and "匿名" in form.content.decode()
    answers = {f"q{i}": "5" for i in indicator_ids(evaluation, "recipient")}
    response = client.post(f"/evaluation/s/{code}/", answers)
    assert response.status_code == 302 and response["Location"] == "/evaluation/s/thanks/"
    assert SurveyResponse.objects.get().channel == "public_link"
    assert client.get(f"/evaluation/s/{code}/").status_code == 404
    again = client.post("/evaluation/s/", {"code": code})
    assert "已使用" in again.content.decode()


def test_public_code_entry_is_rate_limited_per_ip(db, monkeypatch):
    cache.clear()
    monkeypatch.setattr(public_views, "CODE_TRIES_PER_MINUTE", 2)
    client = Client()
    assert client.post("/evaluation/s/", {"code": "AAAAAAAA"}).status_code == 200
    assert client.post("/evaluation/s/", {"code": "AAAAAAAB"}).status_code == 200
    response = client.post("/evaluation/s/", {"code": "AAAAAAAC"})
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    cache.clear()
