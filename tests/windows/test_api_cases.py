"""The cases API: intake, steps (409 from the wrong state), events, masking, reveal logged, cursor-paginated
list with a pinned query count, documents, access contract."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regions.models import PersonalDataAccess
from tests.contract import AccessContract
from tests.factories.staffing import WorkerFactory
from tests.factories.windows import ServiceWindowFactory, id_number, make_case
from windows.models import Case, ServiceWindow
from windows.reference import load_reference

pytestmark = pytest.mark.django_db
URL = "/api/v1/windows/cases/"


def _window(regions, region, actors):
    load_reference()
    window = ServiceWindow.objects.filter(region=region).first()
    if window is None:
        duty = {regions.a1.code: actors.township_a1, regions.a2.code: actors.township_a2}.get(
            region.code, actors.outsider
        )
        window = ServiceWindowFactory(region=region, duty_officer=duty)
    return window


class TestCaseAccess(AccessContract):
    list_url = URL
    model = Case
    id_key = "number"

    @pytest.fixture(autouse=True)
    def _actors(self, actors):
        self.actors = actors

    def make(self, regions, region):
        window = _window(regions, region, self.actors)
        return make_case(window.duty_officer, window, seq=Case.objects.count() + 1)

    def create_payload(self, regions, region):
        window = _window(regions, region, self.actors)
        return {
            "applicant_name": "王五",
            "id_number": id_number(77),
            "phone": "13712345678",
            "household_region": region.code,
            "window": window.pk,
            "category": "temporary",
            "channel": "online",
            "description": "突发困难",
        }


def test_intake_returns_number_status_responder_due_and_masked_id(windows, actors, api):
    payload = {
        "applicant_name": "王五",
        "id_number": id_number(12),
        "phone": "13712345678",
        "household_region": "440106001001",
        "window": windows.a1.pk,
        "category": "dibao",
        "channel": "online",
        "description": "申请低保",
    }
    response = api(actors.service_account).post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"].startswith("440106001-")
    assert body["status"] == "received"
    assert body["first_responder"] == "township_a1"
    assert body["due_at"]
    assert body["id_number"] == id_number(12)[:6] + "********" + id_number(12)[-4:]
    assert body["phone"] == "137****5678"
    assert body["duplicates"] == []
    assert id_number(12) not in response.content.decode()


def test_intake_by_accepting_region(windows, actors, api):
    payload = {
        "applicant_name": "王五",
        "id_number": id_number(13),
        "phone": "020-87654321",
        "household_region": "440106001",
        "accepting_region": "440106001",
        "category": "consultation",
        "channel": "online",
        "description": "咨询",
    }
    response = api(actors.service_account).post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["window"] == windows.a1.pk


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id_number": "440106198005170010"}, "id_number"),  # wrong check character
        ({"id_number": "440106198002300018"}, "id_number"),  # 30 February, with its right check character
        ({"household_region": "449999999"}, "household_region"),  # unknown region
        ({"category": "lottery"}, "category"),
        ({"window": None, "accepting_region": None}, "window"),
    ],
)
def test_bad_intake_is_400_and_saves_nothing(windows, actors, api, change, field):
    payload = {
        "applicant_name": "王五",
        "id_number": id_number(14),
        "household_region": "440106001",
        "window": windows.a1.pk,
        "category": "dibao",
        "channel": "walk_in",
        "description": "x",
    }
    payload.update(change)
    payload = {k: v for k, v in payload.items() if v is not None}
    response = api(actors.township_a1).post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()["fields"]
    assert not Case.objects.exists()


def test_steps_through_the_api_and_409_from_the_wrong_state(windows, actors, api):
    case = make_case(actors.township_a1, windows.a1)
    client = api(actors.township_a1)
    base = f"{URL}{case.number}/"
    assert client.post(base + "close/", {}, format="json").status_code == 409
    assert client.post(base + "accept/", {}, format="json").status_code == 200
    r = client.post(base + "assign/", {"unit": "社会事务办"}, format="json")
    assert r.status_code == 200 and r.json()["status"] == "assigned"
    r = client.post(base + "close/", {}, format="json")
    assert r.status_code == 409
    assert "code" in r.json()
    r = client.post(base + "feedback/", {"method": "phone", "content": "已告知"}, format="json")
    assert r.status_code == 200
    assert client.post(base + "close/", {}, format="json").json()["status"] == "closed"
    events = client.get(base + "events/").json()
    assert [e["action"] for e in events] == ["receive", "accept", "assign", "feedback", "close"]
    assert events[1]["actor"] == "township_a1"


def test_reject_and_transfer_through_the_api(windows, actors, api, regions):
    case = make_case(actors.township_a1, windows.a1, seq=2)
    client = api(actors.township_a1)
    r = client.post(f"{URL}{case.number}/reject/", {"reason": "非救助事项"}, format="json")
    assert r.status_code == 400 and "told" in r.json()["fields"]
    other = make_case(actors.township_a1, windows.a1, seq=3, accept=True)
    r = client.post(
        f"{URL}{other.number}/transfer/",
        {"kind": "region", "to_region": "440106002", "reason": "迁居"},
        format="json",
    )
    assert r.status_code == 200 and r.json()["region"] == "440106002"
    # still visible to its first responder, who cannot act on it any more (403, not 404)
    assert client.get(f"{URL}{other.number}/").status_code == 200
    assert client.post(f"{URL}{other.number}/accept/", {}, format="json").status_code == 403
    assert api(actors.township_a2).post(f"{URL}{other.number}/accept/", {}, format="json").status_code == 200


def test_out_of_scope_step_is_404_and_viewer_step_403(windows, actors, api):
    case = make_case(actors.township_a1, windows.a1)
    assert api(actors.outsider).post(f"{URL}{case.number}/accept/", {}, format="json").status_code == 404
    assert api(actors.city_viewer).post(f"{URL}{case.number}/accept/", {}, format="json").status_code == 403
    assert Case.objects.get(pk=case.pk).status == "received"


def test_list_filters_by_status_category_and_overdue(windows, actors, api):
    a = make_case(actors.township_a1, windows.a1, seq=1, accept=True)
    b = make_case(actors.township_a1, windows.a1, seq=2, category="medical")
    Case.objects.filter(pk=a.pk).update(due_date=dt.date(2020, 1, 1))
    client = api(actors.county_admin)
    numbers = lambda r: [c["number"] for c in r.json()["results"]]  # noqa: E731
    assert numbers(client.get(URL, {"status": "accepted"})) == [a.number]
    assert numbers(client.get(URL, {"category": "medical"})) == [b.number]
    assert numbers(client.get(URL, {"overdue": "true"})) == [a.number]
    assert client.get(URL, {"overdue": "true"}).json()["results"][0]["overdue"] is True


def test_list_is_cursor_paginated_with_a_pinned_query_count(windows, actors, api, django_assert_num_queries):
    for i in range(60):
        make_case(actors.township_a1, windows.a1, seq=i, accept=(i % 2 == 0))
    client = api(actors.county_admin)
    api(actors.superuser).get(URL)  # the page's regions' codes: read once per process (regions.codes)
    # queries: the user's grants, the page of cases with the first responder joined (no count)
    with django_assert_num_queries(2):
        response = client.get(URL)
    body = response.json()
    assert len(body["results"]) == 50 and body["next"] and "cursor=" in body["next"]
    assert all("*" in c["id_number"] for c in body["results"])
    second = client.get(body["next"]).json()
    assert len(second["results"]) == 10


def test_a_region_filter_in_scope_lists_all_its_cases_and_out_of_scope_only_ones_first_received(
    windows, actors, api, regions
):
    mine = make_case(actors.township_a1, windows.a1, seq=1)
    moved = make_case(actors.township_a1, windows.a1, seq=2)
    # transferred to another county: its first responder keeps seeing it there (首问负责制)
    Case.objects.filter(pk=moved.pk).update(region=regions.b1, region_code=regions.b1.code)
    numbers = lambda client, code: [c["number"] for c in client.get(URL, {"region": code}).json()["results"]]  # noqa: E731
    assert numbers(api(actors.county_admin), regions.county_a.code) == [mine.number]
    assert numbers(api(actors.county_admin), regions.a1.code) == [mine.number]
    assert numbers(api(actors.county_admin), regions.county_b.code) == []
    assert numbers(api(actors.township_a1), regions.county_b.code) == [moved.number]
    assert numbers(api(actors.township_a1), regions.b1.code) == [moved.number]
    assert numbers(api(actors.outsider), regions.county_a.code) == []


def test_list_rows_are_the_detail_serializers_fields_key_for_key(windows, actors, api, regions):
    overdue = make_case(actors.township_a1, windows.a1, seq=1, accept=True)
    Case.objects.filter(pk=overdue.pk).update(due_date=dt.date(2020, 1, 1), ever_overdue=True)
    make_case(actors.township_a1, windows.a1, seq=2)
    client = api(actors.county_admin)
    listed = client.get(URL).json()["results"]
    detailed = [client.get(f"{URL}{c['number']}/").json() for c in listed]
    assert listed == detailed
    assert listed[1]["overdue"] is True and listed[1]["status_label"] == "已受理"


def test_masking_in_events_and_appointments(windows, actors, api):
    case = make_case(actors.township_a1, windows.a1)
    text = api(actors.township_a1).get(f"{URL}{case.number}/events/").content.decode()
    assert id_number(1) not in text and "13800138000" not in text


def test_reveal_is_logged_and_refused_without_permission(windows, actors, api):
    case = make_case(actors.township_a1, windows.a1)
    url = f"{URL}{case.number}/reveal/"
    assert (
        api(actors.city_viewer).post(url, {"field": "id_number", "reason": "核对"}, format="json").status_code
        == 403
    )
    assert api(actors.superuser).post(url, {"field": "id_number", "reason": "核对"}, format="json").json()[
        "value"
    ] == id_number(1)
    assert (
        api(actors.township_a1).post(url, {"field": "phone", "reason": "回访"}, format="json").json()["value"]
        == "13800138000"
    )
    assert PersonalDataAccess.objects.filter(object_pk=str(case.pk)).count() == 2


def test_assign_with_a_worker_through_the_api_and_page(windows, actors, api, web, regions):
    worker = WorkerFactory(region=regions.a1)
    case = make_case(actors.township_a1, windows.a1, accept=True)
    r = api(actors.township_a1).post(
        f"{URL}{case.number}/assign/", {"unit": "社会事务办", "worker": worker.pk}, format="json"
    )
    assert r.status_code == 200 and r.json()["assigned_worker"] == worker.pk
    outsider_worker = WorkerFactory(region=regions.b1)
    r = api(actors.township_a1).post(
        f"{URL}{case.number}/assign/", {"unit": "x", "worker": outsider_worker.pk}, format="json"
    )
    assert r.status_code == 400 and "worker" in r.json()["fields"]
    body = web(actors.township_a1).get(reverse("windows:case_detail", args=[case.number])).content.decode()
    assert worker.name in body


def test_attachments_upload_list_download_and_scope(windows, actors, api, web, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = make_case(actors.township_a1, windows.a1)
    url = f"{URL}{case.number}/attachments/"
    upload = SimpleUploadedFile("低保申请书.pdf", b"%PDF-1.4 demo", content_type="application/pdf")
    r = api(actors.township_a1).post(url, {"files": [upload]}, format="multipart")
    assert r.status_code == 201, r.content
    attachment_id = r.json()[0]["id"]
    assert api(actors.township_a1).get(url).json()[0]["name"] == "低保申请书.pdf"
    download = api(actors.county_admin).get(f"{url}{attachment_id}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 demo"
    assert api(actors.outsider).get(f"{url}{attachment_id}/").status_code == 404
    page = web(actors.township_a1).get(
        reverse("windows:attachment_download", args=[case.number, attachment_id])
    )
    assert page.status_code == 200
    assert (
        web(actors.outsider)
        .get(reverse("windows:attachment_download", args=[case.number, attachment_id]))
        .status_code
        == 404
    )
    bad = SimpleUploadedFile("x.exe", b"MZ")
    assert api(actors.township_a1).post(url, {"files": [bad]}, format="multipart").status_code == 400


@pytest.mark.parametrize("accept_now", [False, True], ids=["received", "accepted at once"])
def test_the_intakes_answer_is_the_detail_serializers_fields_key_for_key(windows, actors, api, accept_now):
    payload = {
        "applicant_name": "赵六",
        "id_number": id_number(31),
        "phone": "13712345678",
        "household_region": "440106001001",
        "window": windows.a1.pk,
        "category": "temporary",
        "channel": "walk_in",
        "description": "突发困难",
        "accept_now": accept_now,
    }
    client = api(actors.township_a1)
    created = client.post(URL, payload, format="json").json()
    detailed = client.get(f"{URL}{created['number']}/").json()
    assert created.pop("duplicates") == []
    assert created == detailed
    assert created["status"] == ("accepted" if accept_now else "received")


def test_an_intake_logs_the_case_and_not_its_events_which_are_their_own_record(windows, actors, api):
    from auditlog.models import LogEntry

    from windows.models import CaseEvent

    before = LogEntry.objects.count()
    payload = {
        "applicant_name": "钱七",
        "id_number": id_number(32),
        "phone": "13712345679",
        "household_region": "440106001001",
        "window": windows.a1.pk,
        "category": "dibao",
        "channel": "walk_in",
        "description": "申请低保",
    }
    number = api(actors.township_a1).post(URL, payload, format="json").json()["number"]
    case = Case.objects.get(number=number)
    assert CaseEvent.objects.filter(case=case).count() == 1
    assert LogEntry.objects.count() == before + 1
    assert LogEntry.objects.get_for_object(case).count() == 1
