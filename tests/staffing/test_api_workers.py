"""Workers API: the access contract, masked personal data, create by field, the posting steps as actions."""

from __future__ import annotations

import datetime as dt

from staffing.choices import Post
from staffing.models import Worker
from tests.contract import AccessContract
from tests.factories.staffing import WorkerFactory, id_number

WORKERS = "/api/v1/staffing/workers/"


def _post_for(region):
    return {"county": Post.COUNTY_BUREAU, "township": Post.TOWNSHIP, "village": Post.VILLAGE_COORDINATOR}[
        region.level
    ]


class TestWorkerAccess(AccessContract):
    list_url = WORKERS
    model = Worker

    def make(self, regions, region):
        return WorkerFactory(region=region, post=_post_for(region))

    def create_payload(self, regions, region):
        return {
            "name": "陈静",
            "id_number": id_number(dt.date(1992, 2, 2)),
            "phone": "13800001234",
            "region": region.code,
            "post": _post_for(region),
            "employment": "established",
            "education": "college",
            "start_date": "2025-03-01",
        }


def test_worker_responses_mask_id_number_and_phone(regions, actors, api):
    worker = WorkerFactory(region=regions.a1, phone="13812345678")
    data = api(actors.county_admin).get(f"{WORKERS}{worker.pk}/").json()
    assert worker.id_number not in str(data) and "13812345678" not in str(data)
    assert data["id_number_masked"].startswith("440106") and data["phone_masked"] == "138****5678"
    assert data["postings"][0]["kind"] == "hire"


def test_worker_create_with_invalid_id_number_is_400_by_field(regions, actors, api):
    payload = TestWorkerAccess().create_payload(regions, regions.a1)
    payload["id_number"] = "440106199202021235"
    response = api(actors.county_admin).post(WORKERS, payload, format="json")
    assert response.status_code == 400 and "id_number" in response.json()["fields"]
    assert not Worker.objects.exists()


def test_worker_list_query_count_is_flat(regions, actors, api, django_assert_max_num_queries):
    for i in range(30):
        WorkerFactory(region=regions.a1 if i % 2 else regions.a2)
    # grants, count, page of workers joined with region
    with django_assert_max_num_queries(3):
        response = api(actors.county_admin).get(WORKERS)
    assert response.json()["count"] == 30


def test_reassign_action_moves_the_worker_and_viewer_cannot(regions, actors, api):
    worker = WorkerFactory(region=regions.a1)
    url = f"{WORKERS}{worker.pk}/reassign/"
    assert api(actors.city_viewer).post(url, {"to_region": "440106002", "reason": "轮岗"}).status_code == 403
    response = api(actors.county_admin).post(url, {"to_region": "440106002", "reason": "轮岗"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["region"] == "440106002"
    assert api(actors.outsider).post(url, {"to_region": "440303001", "reason": "x"}).status_code == 404


def test_leave_twice_is_409(regions, actors, api):
    worker = WorkerFactory(region=regions.a1)
    url = f"{WORKERS}{worker.pk}/leave/"
    assert api(actors.county_admin).post(url, {"reason": "辞职"}).status_code == 200
    assert api(actors.county_admin).post(url, {"reason": "辞职"}).status_code == 409
