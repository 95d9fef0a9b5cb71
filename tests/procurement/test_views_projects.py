"""Pages of projects: list, detail, the form, steps through forms, the scoring screen with the track record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from procurement import services
from procurement.choices import ProjectStatus
from procurement.models import Project
from tests.factories.procurement import (
    ProjectFactory,
    record_result,
)


def test_project_list_shows_projects_in_scope(web, actors, regions, django_assert_max_num_queries):
    for _ in range(12):
        ProjectFactory(purchaser=regions.a1)
    other = ProjectFactory(purchaser=regions.b1, title="罗湖区项目")
    client = web(actors.county_admin)
    # session, user, grants, count, page with purchaser, grants for the nav (cached), messages
    with django_assert_max_num_queries(9):
        response = client.get("/procurement/")
    assert response.status_code == 200
    assert other.title not in response.content.decode()


def test_project_detail_shows_missing_and_timeline(web, actors, purchasing, eligible):
    project = purchasing()
    response = web(actors.county_admin).get(f"/procurement/projects/{project.pk}/")
    body = response.content.decode()
    assert "须有至少3家有效响应，现有0家" in body
    assert "开始组织购买" in body and "发布公告" in body
    assert "采购限额标准 1000000.00 元" in body


def test_project_detail_offers_the_steps_the_stage_allows(web, actors, purchasing, eligible):
    project = purchasing()
    body = web(actors.county_admin).get(f"/procurement/projects/{project.pk}/").content.decode()
    for action, label in (("award", "确定承接主体"), ("fail", "采购失败"), ("terminate", "终止项目")):
        assert f'action="/procurement/projects/{project.pk}/{action}/"' in body
        assert f"<summary>{label}</summary>" in body
    assert f"/procurement/projects/{project.pk}/publish/" not in body
    assert 'name="fail-reason"' in body  # the step's own form, prefixed by its action
    viewer = web(actors.city_viewer).get(f"/procurement/projects/{project.pk}/").content.decode()
    assert f'action="/procurement/projects/{project.pk}/award/"' not in viewer


def test_project_out_of_scope_is_404(web, actors, regions):
    project = ProjectFactory(purchaser=regions.a1)
    assert web(actors.outsider).get(f"/procurement/projects/{project.pk}/").status_code == 404
    assert web(actors.outsider).post(f"/procurement/projects/{project.pk}/publish/").status_code == 404


def test_project_created_through_the_form(web, actors, regions, care_item):
    response = web(actors.county_admin).post(
        "/procurement/projects/new/",
        {
            "purchaser": "440106",
            "year": 2026,
            "title": "表单项目",
            "items": [care_item.pk],
            "budget": "800000",
            "funding_source": "work_funds",
            "method": "below_limit",
            "public_call": "on",
            "quantity_indicator": "人次",
            "quantity_target": "1000",
            "quality_indicator": "满意率",
            "quality_target": "90%",
            "timeliness_indicator": "时限",
            "timeliness_target": "24小时",
            "price_weight": "30",
            "criterion_1": "方案",
            "weight_1": "40",
            "criterion_2": "团队",
            "weight_2": "30",
        },
    )
    project = Project.objects.get(title="表单项目")
    assert response.status_code == 302 and response.url.endswith(f"/projects/{project.pk}/")


def test_project_form_shows_the_rule_error_and_saves_nothing(web, actors, care_item):
    response = web(actors.county_admin).post(
        "/procurement/projects/new/",
        {
            "purchaser": "440106",
            "year": 2026,
            "title": "表单项目",
            "items": [care_item.pk],
            "budget": "800000",
            "funding_source": "work_funds",
            "method": "below_limit",
            "quantity_indicator": "人次",
            "quantity_target": "1000",
            "quality_indicator": "满意率",
            "quality_target": "90%",
            "timeliness_indicator": "时限",
            "timeliness_target": "24小时",
            "price_weight": "35",
            "criterion_1": "方案",
            "weight_1": "65",
        },
    )
    assert response.status_code == 200
    assert "价格分值须在10至30之间" in response.content.decode()
    assert not Project.objects.exists()


def test_steps_via_the_page_and_409_message(web, actors, project_kwargs):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    client = web(actors.county_admin)
    client.post(f"/procurement/projects/{project.pk}/publish/", {"publish-note": "发布"})
    project.refresh_from_db()
    assert project.status == ProjectStatus.PUBLISHED
    response = client.post(f"/procurement/projects/{project.pk}/award/", {}, follow=True)
    assert "不能执行此操作" in response.content.decode()


def test_scoring_screen_scores_and_shows_track_record(web, actors, purchasing, eligible):
    project = purchasing()
    contractors = eligible(3)
    client = web(actors.county_admin)
    for c, price in zip(contractors, ("900000", "1000000", "1100000"), strict=True):
        client.post(
            f"/procurement/projects/{project.pk}/bids/new/", {"contractor": c.credit_code, "price": price}
        )
    bids = list(project.bids.order_by("id"))
    assert len(bids) == 3
    criteria = list(project.criteria.filter(is_price=False).order_by("id"))

    record_result(
        contractors[0],
        published_on=dt.date(2025, 12, 1),
        title="上年照料项目",
        score=Decimal("55"),
        grade="不合格",
        failed=True,
    )
    for bid in bids:
        client.post(
            f"/procurement/projects/{project.pk}/bids/{bid.pk}/score/",
            {f"c{criteria[0].pk}": "30", f"c{criteria[1].pk}": "20"},
        )
    response = client.get(f"/procurement/projects/{project.pk}/bids/")
    body = response.content.decode()
    assert "上年照料项目" in body and "不合格" in body
    assert body.count("保存评分") == 3
    assert "80.00" in body  # the cheapest: 30 + 50
