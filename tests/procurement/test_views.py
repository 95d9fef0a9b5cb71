"""Pages: lists, details, the scoring screen, steps through forms, public pages without login, Excel export."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from procurement import services
from procurement.choices import ContractStatus, ProjectStatus
from procurement.models import Contract, Project
from tests.factories.procurement import (
    ContractFactory,
    ContractorFactory,
    ProjectFactory,
    SanctionFactory,
    record_result,
)
from tests.procurement.conftest import PLAN_PAYLOAD, all_conditions


@pytest.fixture
def contract(actors, awarded):
    contract = services.contract_create(
        actor=actors.county_admin,
        project=awarded.project,
        number="WEB-1",
        amount="1400000.00",
        signed_on=dt.date(2026, 3, 1),
        start_date=dt.date(2026, 3, 15),
        end_date=dt.date(2027, 3, 14),
    )
    return contract


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


def test_contract_page_takeover_plan_start_and_takeover(web, actors, contract):
    client = web(actors.county_admin)
    response = client.post(f"/procurement/contracts/{contract.pk}/start/", follow=True)
    assert "临时接管预案" in response.content.decode()
    client.post(
        f"/procurement/contracts/{contract.pk}/plan/", {f"plan-{k}": v for k, v in PLAN_PAYLOAD.items()}
    )
    client.post(f"/procurement/contracts/{contract.pk}/start/")
    contract.refresh_from_db()
    assert contract.status == ContractStatus.ACTIVE
    client.post(f"/procurement/contracts/{contract.pk}/takeover/", {"takeover-reason": "承接主体停业"})
    contract.refresh_from_db()
    assert contract.status == ContractStatus.SUSPENDED
    body = client.get(f"/procurement/contracts/{contract.pk}/").content.decode()
    assert "无遗漏" in body


def test_contract_created_through_the_page(web, actors, awarded):
    response = web(actors.county_admin).post(
        f"/procurement/projects/{awarded.project.pk}/contract/",
        {
            "number": "WEB-2",
            "amount": "1400000.00",
            "signed_on": "2026-03-01",
            "start_date": "2026-03-15",
            "end_date": "2027-03-14",
            **{f"plan-{k}": v for k, v in PLAN_PAYLOAD.items()},
        },
    )
    contract = Contract.objects.get(number="WEB-2")
    assert response.status_code == 302
    assert contract.takeover_plan.triggers == PLAN_PAYLOAD["triggers"]


def test_contractor_pages_and_review_upload(web, actors, regions):
    from django.core.files.uploadedfile import SimpleUploadedFile

    contractor = ContractorFactory(region=regions.a1)
    SanctionFactory(
        contractor=contractor,
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2099, 1, 1),
    )
    client = web(actors.county_admin)
    data = {"region": "440106", "work_kind": "service", "reviewed_on": "2026-01-05"}
    for row in all_conditions():
        data[f"{row['condition']}_met"] = "on"
        data[f"{row['condition']}_note"] = "已核验"
    data["staff_file"] = SimpleUploadedFile("社工证.pdf", b"%PDF")
    client.post(f"/procurement/contractors/{contractor.pk}/reviews/", data)
    review = contractor.reviews.get()
    assert review.result == "passed"
    body = client.get(f"/procurement/contractors/{contractor.pk}/").content.decode()
    assert "禁入期内" in body and "证明材料" in body
    evidence = review.conditions.get(condition="staff")
    assert client.get(f"/procurement/evidence/{evidence.pk}/").status_code == 200
    assert web(actors.outsider).get(f"/procurement/evidence/{evidence.pk}/").status_code == 404
    assert client.get("/procurement/contractors/").status_code == 200


def test_contractor_form_reports_a_kind_mismatch(web, actors):
    from tests.factories.procurement import credit_code

    response = web(actors.county_admin).post(
        "/procurement/contractors/new/",
        {
            "region": "440106",
            "name": "某公司",
            "credit_code": credit_code("52", 3),
            "kind": "enterprise",
            "legal_representative": "王五",
        },
    )
    assert "主体类型与统一社会信用代码不一致" in response.content.decode()


def test_catalogue_and_sanction_pages(web, actors, regions):
    client = web(actors.county_admin)
    body = client.get("/procurement/catalogue/").content.decode()
    assert "不得购买" in body and "照料护理" in body
    contractor = ContractorFactory()
    client.post(
        "/procurement/sanctions/new/",
        {
            "s-contractor": contractor.credit_code,
            "s-region": "440106",
            "s-kind": "fraud",
            "s-reason": "虚报",
            "s-debar_from": "2026-01-01",
            "s-debar_to": "2027-12-31",
        },
    )
    assert contractor.sanctions.count() == 1
    assert contractor.name in client.get("/procurement/sanctions/").content.decode()


def test_public_pages_need_no_login_and_hide_unpublished_projects(client, regions, awarded, actors):
    hidden = ProjectFactory(purchaser=regions.a1, title="未发布项目")
    listing = client.get("/procurement/public/").content.decode()
    assert awarded.project.title in listing and hidden.title not in listing
    page = client.get(f"/procurement/public/projects/{awarded.project.pk}/")
    assert page.status_code == 200
    assert "成交公告" in page.content.decode()
    assert client.get(f"/procurement/public/projects/{hidden.pk}/").status_code == 404
    assert client.get("/procurement/public/debarments/").status_code == 200


def test_public_debarment_list_shows_organisations_not_contacts(client, regions):
    contractor = ContractorFactory(contact_phone="13912345678", contact_name="赵六")
    SanctionFactory(
        contractor=contractor,
        region=regions.county_b,
        debar_from=dt.date(2026, 1, 1),
        debar_to=dt.date(2099, 1, 1),
    )
    body = client.get("/procurement/public/debarments/").content.decode()
    assert contractor.name in body and contractor.credit_code in body
    assert "13912345678" not in body and "赵六" not in body


def test_excel_exports_of_projects_and_contracts(web, actors, regions):
    ContractFactory(project__purchaser=regions.a1, number="XL-1")
    ContractFactory(project__purchaser=regions.b1, number="XL-OTHER")
    client = web(actors.county_admin)
    listing = client.get("/procurement/contracts/").content.decode()
    assert "XL-1" in listing and "XL-OTHER" not in listing
    response = client.get("/procurement/export/contracts.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    numbers = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert numbers == ["XL-1"]
    response = client.get("/procurement/export/projects.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2 and sheet.cell(1, 5).value == "项目名称"
