"""Worker pages: the scoped roster, detail with history, create, reassign and edit through the pages."""

from __future__ import annotations

import datetime as dt

from staffing.models import Posting, Worker
from tests.factories.staffing import WorkerFactory, credit_code, id_number


def test_roster_is_scoped_and_filtered(regions, actors, web):
    mine = WorkerFactory(region=regions.a1, name="甲某")
    WorkerFactory(region=regions.b1, name="乙某")
    page = web(actors.county_admin).get("/staffing/workers/").context["page"]
    assert [w.pk for w in page] == [mine.pk]
    page = web(actors.county_admin).get("/staffing/workers/?post=village_coordinator").context["page"]
    assert list(page) == []


def test_roster_query_count_is_pinned(regions, actors, web, django_assert_max_num_queries):
    for _ in range(30):
        WorkerFactory(region=regions.a1)
    client = web(actors.county_admin)
    # session, user, grants, count, unread notifications, page of workers with regions, session save (3)
    with django_assert_max_num_queries(9):
        response = client.get("/staffing/workers/")
    assert len(response.context["page"]) == 30


def test_worker_detail_shows_masked_id_and_history_and_404_out_of_scope(regions, actors, web):
    worker = WorkerFactory(region=regions.a1)
    response = web(actors.county_admin).get(f"/staffing/workers/{worker.pk}/")
    html = response.content.decode()
    assert worker.id_number not in html and worker.id_number_masked in html and "入职" in html
    assert web(actors.outsider).get(f"/staffing/workers/{worker.pk}/").status_code == 404


def test_worker_create_and_reassign_through_the_pages(regions, actors, web):
    client = web(actors.county_admin)
    response = client.post(
        "/staffing/workers/new/",
        {
            "name": "赵六",
            "id_number": id_number(dt.date(1994, 4, 4)),
            "region": "440106001",
            "post": "township",
            "employment": "established",
            "education": "college",
            "full_time": "on",
            "computer_literate": "on",
            "start_date": "2025-01-01",
        },
    )
    worker = Worker.objects.get(name="赵六")
    assert response.status_code == 302 and worker.birth_date == dt.date(1994, 4, 4)
    response = client.post(
        f"/staffing/workers/{worker.pk}/reassign/", {"to_region": "440106002", "reason": "考核不适宜，调整"}
    )
    assert response.status_code == 302
    worker.refresh_from_db()
    assert worker.region == regions.a2 and Posting.objects.filter(worker=worker).count() == 2


def test_worker_form_shows_the_id_number_error(regions, actors, web):
    response = web(actors.county_admin).post(
        "/staffing/workers/new/",
        {
            "name": "赵六",
            "id_number": "440106199404041235",
            "region": "440106001",
            "post": "township",
            "employment": "established",
            "education": "college",
        },
    )
    assert response.status_code == 200 and "校验码" in response.content.decode()
    assert not Worker.objects.exists()


def test_worker_edit_page_saves_qualifications_and_checks_the_credit_code(regions, actors, web):
    worker = WorkerFactory(region=regions.a1)
    client = web(actors.county_admin)
    data = {
        "name": worker.name,
        "phone": "13900002222",
        "employment": "dispatched",
        "dispatching_org_name": "某社工中心",
        "dispatching_org_credit_code": "91440101MA00000000",
        "education": "bachelor",
        "full_time": "on",
        "computer_literate": "on",
        "veteran": "on",
    }
    response = client.post(f"/staffing/workers/{worker.pk}/edit/", data)
    assert response.status_code == 200 and "校验码" in response.content.decode()

    data["dispatching_org_credit_code"] = credit_code(4)
    assert client.post(f"/staffing/workers/{worker.pk}/edit/", data).status_code == 302
    worker.refresh_from_db()
    assert worker.veteran and worker.employment == "dispatched" and worker.phone == "13900002222"
    assert web(actors.city_viewer).get(f"/staffing/workers/{worker.pk}/edit/").status_code == 403
    assert web(actors.outsider).get(f"/staffing/workers/{worker.pk}/edit/").status_code == 404
