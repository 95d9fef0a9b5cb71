"""Worker personal data (issue 12 items 1 and 3, domain.md 8): the masked ID number hides exactly the eight
birth-date digits, so no response or page shows the full birth date beside it; the edit form never prefills the
full phone number."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from regions.models import PersonalDataAccess
from staffing.models import Worker
from tests.factories.staffing import WorkerFactory, id_number

pytestmark = pytest.mark.django_db

BIRTH = dt.date(1990, 3, 7)
ID_NUMBER = id_number(BIRTH)  # 440106 19900307 nnn c
MASKED = ID_NUMBER[:6] + "********" + ID_NUMBER[14:]  # the eight birth-date digits hidden, nothing else
# every way the full birth date could be written
BIRTH_FORMS = (
    "1990-03-07",
    "19900307",
    "1990/03/07",
    "1990年3月7日",
    "1990年03月07日",
    "Mar. 7, 1990",
    "March 7, 1990",
)
PHONE = "13712345678"


@pytest.fixture
def worker(regions):
    return WorkerFactory(region=regions.a1, id_number=ID_NUMBER, birth_date=BIRTH, phone=PHONE, name="甲某")


def assert_no_birth_date_beside_mask(text: str) -> None:
    assert MASKED in text
    for form in BIRTH_FORMS:
        assert form not in text, form


def test_worker_api_list_and_detail_show_the_birth_year_not_the_birth_date(worker, actors, api):
    for user in (actors.county_admin, actors.provincial_viewer):
        listed = api(user).get("/api/v1/staffing/workers/")
        assert_no_birth_date_beside_mask(listed.content.decode())
        assert listed.json()["results"][0]["birth_year"] == 1990
        detail = api(user).get(f"/api/v1/staffing/workers/{worker.pk}/")
        assert_no_birth_date_beside_mask(detail.content.decode())
        assert "birth_date" not in detail.json()


def test_worker_api_create_answer_has_no_birth_date(regions, actors, api):
    response = api(actors.county_admin).post(
        "/api/v1/staffing/workers/",
        {
            "name": "乙某",
            "id_number": ID_NUMBER,
            "region": regions.a1.code,
            "post": "township",
            "employment": "established",
            "education": "bachelor",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert_no_birth_date_beside_mask(response.content.decode())
    assert Worker.objects.get(name="乙某").birth_date == BIRTH  # still taken from the ID number and stored


def test_worker_pages_show_the_birth_year_not_the_birth_date(worker, actors, web):
    for user in (actors.county_admin, actors.provincial_viewer):
        client = web(user)
        for url in (
            "/staffing/workers/",
            f"/staffing/workers/{worker.pk}/",
            "/training/workers/",
            f"/training/workers/{worker.pk}/",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            for form in BIRTH_FORMS:
                assert form not in html, (url, form)
        assert "1990" in client.get(f"/staffing/workers/{worker.pk}/").content.decode()


def test_roster_export_has_no_birth_date(worker, actors, web):
    response = web(actors.provincial_viewer).get("/staffing/workers/export.xlsx")
    ws = load_workbook(io.BytesIO(response.content)).worksheets[0]
    cells = [c for row in ws.iter_rows(values_only=True) for c in row if c is not None]
    assert MASKED in cells
    assert not [c for c in cells if isinstance(c, dt.date) and c.timetuple()[:3] == (1990, 3, 7)]
    assert not [c for c in cells if isinstance(c, str) and any(form in c for form in BIRTH_FORMS)]


def test_worker_edit_form_does_not_prefill_the_phone(worker, actors, web):
    html = web(actors.county_admin).get(f"/staffing/workers/{worker.pk}/edit/").content.decode()
    assert PHONE not in html
    assert "137****5678" in html and "留空则不修改" in html
    assert not PersonalDataAccess.objects.exists()


def _edit_payload(**over):
    data = {"name": "甲某", "employment": "established", "education": "bachelor", "computer_literate": "on"}
    data.update(over)
    return data


def test_worker_edit_with_a_blank_phone_keeps_the_number(worker, actors, web):
    response = web(actors.county_admin).post(f"/staffing/workers/{worker.pk}/edit/", _edit_payload(phone=""))
    assert response.status_code == 302, response.context["form"].errors
    worker.refresh_from_db()
    assert worker.phone == PHONE


def test_worker_edit_with_a_new_phone_replaces_it_and_clear_removes_it(worker, actors, web):
    client = web(actors.county_admin)
    client.post(f"/staffing/workers/{worker.pk}/edit/", _edit_payload(phone="13800001111"))
    worker.refresh_from_db()
    assert worker.phone == "13800001111"
    client.post(f"/staffing/workers/{worker.pk}/edit/", _edit_payload(phone="", clear_phone="on"))
    worker.refresh_from_db()
    assert worker.phone == ""
