"""Procurement documents (bid documents, financial reports, review evidence) are checked like case attachments and
served only through scoped views (issue 12 item 10): listed types with their signatures, a size cap, random storage
names, no media URL in the API, downloads as attachments with nosniff, out of scope 404."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from procurement import services
from procurement.models import Bid, FinancialReport
from tests.factories.procurement import ContractorFactory
from tests.procurement.conftest import all_conditions
from tests.procurement.test_services_contracts import PLAN, sign

# written out by hand, not taken from the code under test: what a real PDF and a page that runs script look like
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n"
HTML_AS_PDF = b"<html><script>alert(document.cookie)</script></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
BASE = "/api/v1/procurement"


@pytest.fixture
def running(actors, awarded):
    contract = sign(actors, awarded.project, takeover_plan=PLAN)
    services.contract_start(actor=actors.county_admin, contract=contract)
    return contract


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("投标文件.pdf", HTML_AS_PDF),
        ("logo.svg", SVG),
        ("page.html", HTML_AS_PDF),
        ("run.exe", b"MZ\x90\x00"),
    ],
)
def test_a_bid_document_that_is_not_a_listed_type_or_not_what_it_claims_is_refused(
    name, content, actors, purchasing, eligible
):
    project = purchasing()
    (contractor,) = eligible(1)
    with pytest.raises(ValidationError) as exc:
        services.bid_submit(
            actor=actors.county_admin,
            project=project,
            contractor=contractor,
            price="1000000",
            document=SimpleUploadedFile(name, content),
        )
    assert "document" in exc.value.message_dict
    assert not Bid.objects.exists()


def test_a_document_over_the_size_cap_is_refused(actors, purchasing, eligible, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    project = purchasing()
    (contractor,) = eligible(1)
    with pytest.raises(ValidationError) as exc:
        services.bid_submit(
            actor=actors.county_admin,
            project=project,
            contractor=contractor,
            price="1000000",
            document=SimpleUploadedFile("投标文件.pdf", PDF + b"0" * 1024),
        )
    assert "超过" in exc.value.message_dict["document"][0]


def test_a_bid_document_is_stored_under_a_random_name_and_the_api_gives_the_scoped_download(
    actors, purchasing, eligible, api, web
):
    project = purchasing()
    (contractor,) = eligible(1)
    bid = services.bid_submit(
        actor=actors.county_admin,
        project=project,
        contractor=contractor,
        price="1000000",
        document=SimpleUploadedFile("张三的投标文件.pdf", PDF),
    )
    assert "张三" not in bid.document.name and bid.document.name.endswith(".pdf")
    rows = api(actors.county_admin).get(f"{BASE}/projects/{project.pk}/bids/").json()
    url = rows[0]["document"] if isinstance(rows, list) else rows["results"][0]["document"]
    assert "/media/" not in url and url == f"/procurement/bid-documents/{bid.pk}/"
    response = web(actors.county_admin).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PDF
    assert web(actors.outsider).get(url).status_code == 404


def test_a_financial_report_with_an_svg_is_refused_and_a_pdf_is_served_only_in_scope(
    actors, running, api, web
):
    period = {"period_start": dt.date(2026, 3, 15), "period_end": dt.date(2026, 6, 30)}
    with pytest.raises(ValidationError) as exc:
        services.financial_report_submit(
            actor=actors.county_admin,
            contract=running,
            received="300000",
            spent="280000",
            document=SimpleUploadedFile("report.svg", SVG),
            **period,
        )
    assert "document" in exc.value.message_dict
    assert not FinancialReport.objects.exists()
    report = services.financial_report_submit(
        actor=actors.county_admin,
        contract=running,
        received="300000",
        spent="280000",
        document=SimpleUploadedFile("财务报告.pdf", PDF),
        **period,
    )
    listed = api(actors.county_admin).get(f"{BASE}/contracts/{running.pk}/financial-reports/").json()
    assert listed[0]["document"] == f"/procurement/contracts/{running.pk}/reports/{report.pk}/file/"
    assert web(actors.county_admin).get(listed[0]["document"])["Content-Disposition"].startswith("attachment")
    assert web(actors.outsider).get(listed[0]["document"]).status_code == 404


def test_review_evidence_that_is_a_page_is_refused_naming_the_condition(api, actors, regions):
    contractor = ContractorFactory(region=regions.a1)
    response = api(actors.county_admin).post(
        f"{BASE}/contractors/{contractor.pk}/reviews/",
        {
            "region": "440106",
            "work_kind": "service",
            "conditions": json.dumps([{**c, "evidence_note": ""} for c in all_conditions()]),
            **{
                f"evidence_{c['condition']}": SimpleUploadedFile(f"{c['condition']}.pdf", PDF)
                for c in all_conditions()
                if c["condition"] != "staff"
            },
            "evidence_staff": SimpleUploadedFile("staff.pdf", HTML_AS_PDF),
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert "staff" in json.dumps(response.json(), ensure_ascii=False)
    assert not contractor.reviews.exists()
