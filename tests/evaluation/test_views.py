"""Pages: list per region, workspace, quick survey entry, results with charts, templates, public pages."""

from __future__ import annotations

from django.test import Client

from evaluation import services
from evaluation.models import Evaluation, EvaluationTemplate, SurveyResponse
from tests.factories.evaluation import (
    default_template,
    indicator_ids,
    make_contract,
    make_evaluation,
    ready_to_publish,
    superuser,
)


def test_list_shows_evaluations_in_scope_only(regions, actors, web, django_assert_max_num_queries):
    mine = [make_evaluation(regions.a1) for _ in range(4)]
    other = make_evaluation(regions.b1)
    client = web(actors.county_admin)
    # session, user, grants, count, the shell's unread notifications, page (joined: contract, project,
    # contractor, region, survey), then the session save (savepoint, update, release)
    with django_assert_max_num_queries(9):
        response = client.get("/evaluation/")
    assert response.status_code == 200
    text = response.content.decode()
    assert all(e.contract.number in text for e in mine)
    assert other.contract.number not in text


def test_workspace_shows_what_each_party_entered_and_what_is_missing(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    response = web(actors.township_a1).get(f"/evaluation/{evaluation.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "已评0项，缺3项" in text and "尚未指定第三方评价机构" in text


def test_workspace_out_of_scope_is_404(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    assert web(actors.outsider).get(f"/evaluation/{evaluation.pk}/").status_code == 404
    assert web(actors.township_a2).get(f"/evaluation/{evaluation.pk}/").status_code == 404


def test_create_page_creates_an_evaluation(regions, actors, web):
    contract = make_contract(regions.a1)
    client = web(actors.county_admin)
    assert client.get(f"/evaluation/new/?contract={contract.pk}").status_code == 200
    response = client.post("/evaluation/new/", {"contract": contract.pk, "period": "合同期满"})
    evaluation = Evaluation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/evaluation/{evaluation.pk}/"


def test_score_form_saves_and_reports_bad_input(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    ids = indicator_ids(evaluation, "purchaser")
    client = web(actors.county_admin)
    client.post(f"/evaluation/{evaluation.pk}/scores/purchaser/", {f"i{ids[0]}": "150"})
    assert not evaluation.scores.exists()
    client.post(f"/evaluation/{evaluation.pk}/scores/purchaser/", {f"i{i}": "80" for i in ids})
    assert evaluation.scores.count() == 3


def test_evaluator_form_refuses_the_contractor_itself(regions, actors, web):
    evaluation = make_evaluation(regions.a1)
    response = web(actors.county_admin).post(
        f"/evaluation/{evaluation.pk}/evaluator/",
        {"name": "x", "credit_code": evaluation.contract.contractor.credit_code},
        follow=True,
    )
    assert "不能是承接主体本身" in response.content.decode()
    evaluation.refresh_from_db()
    assert evaluation.evaluator_credit_code == ""


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


def test_results_page_has_a_chart_per_dimension(regions, actors, web):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    response = web(actors.city_viewer).get(f"/evaluation/{evaluation.pk}/results/")
    text = response.content.decode()
    assert response.status_code == 200
    assert text.count('class="chart"') == 3 and "echarts.min.js" in text and "evaluation-chart" in text


def test_publish_page_flow_and_public_page_without_recipient_data(regions, actors, web):
    evaluation = ready_to_publish(make_evaluation(regions.a1))
    web(actors.county_admin).post(f"/evaluation/{evaluation.pk}/publish/", {"summary": "良好"})
    evaluation.refresh_from_db()
    assert evaluation.status == "published"
    anonymous = Client()
    listing = anonymous.get("/evaluation/public/").content.decode()
    assert evaluation.contract.contractor.name in listing and evaluation.contract.project.title in listing
    detail = anonymous.get(f"/evaluation/public/{evaluation.pk}/")
    text = detail.content.decode()
    assert detail.status_code == 200 and str(evaluation.total) in text and "优秀" in text
    assert "窗口" not in text and "问卷" not in text  # no responses, channels or recipients


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


def test_template_pages(regions, actors, web):
    client = web(actors.county_admin)
    assert client.get("/evaluation/templates/").status_code == 200
    assert client.get(f"/evaluation/templates/{default_template().pk}/").status_code == 200
    page = client.get("/evaluation/templates/new/")
    assert page.status_code == 200
    data = {k: v for k, v in page.context["form"].initial.items()}
    form = page.context["form"]
    post = {name: (form[name].initial if form[name].initial is not None else "") for name in form.fields}
    post.update(data)
    post.update({"name": "天河区照料模板", "region": "440106"})
    response = client.post("/evaluation/templates/new/", post)
    created = EvaluationTemplate.objects.get(name="天河区照料模板")
    assert response.status_code == 302 and created.region == regions.county_a
    # bad weights: refused with the message, nothing saved
    post.update({"name": "坏模板", "recipient_weight": "20"})
    response = client.post("/evaluation/templates/new/", post)
    assert response.status_code == 200 and "三方权重合计须为100" in response.content.decode()
    assert not EvaluationTemplate.objects.filter(name="坏模板").exists()


def test_template_creation_page_is_404_without_an_admin_role(regions, actors, web):
    assert web(actors.township_a1).get("/evaluation/templates/new/").status_code == 404


def test_public_code_entry_is_rate_limited_per_ip(db, monkeypatch):
    from django.core.cache import cache

    from evaluation.views import public as public_views

    cache.clear()
    monkeypatch.setattr(public_views, "CODE_TRIES_PER_MINUTE", 2)
    client = Client()
    assert client.post("/evaluation/s/", {"code": "AAAAAAAA"}).status_code == 200
    assert client.post("/evaluation/s/", {"code": "AAAAAAAB"}).status_code == 200
    response = client.post("/evaluation/s/", {"code": "AAAAAAAC"})
    assert response.status_code == 429 and "过于频繁" in response.content.decode()
    cache.clear()
