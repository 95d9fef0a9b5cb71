"""Worker services: create with validation, reassignment keeping history (二(五)), leaving."""

from __future__ import annotations

import datetime as dt

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.http import Http404

from core.exceptions import Conflict
from staffing.choices import Employment, Post, PostingKind, WorkerStatus
from staffing.models import Posting, Worker
from staffing.services import worker_create, worker_leave, worker_reassign, worker_update
from tests.factories.staffing import credit_code, id_number

TODAY = dt.date(2026, 11, 26)


def _fields(**over):
    fields = {
        "name": "李小明",
        "id_number": id_number(dt.date(1995, 3, 8)),
        "phone": "13812345678",
        "post": Post.TOWNSHIP,
        "employment": Employment.ESTABLISHED,
        "education": "bachelor",
        "start_date": dt.date(2025, 1, 1),
    }
    fields.update(over)
    return fields


def test_worker_create_opens_a_hire_posting_and_keeps_id_number_encrypted(regions, actors):
    worker = worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields())
    assert worker.birth_date == dt.date(1995, 3, 8)  # from the ID number
    posting = worker.postings.get()
    assert (posting.kind, posting.region, posting.started_on, posting.ended_on) == (
        PostingKind.HIRE,
        regions.a1,
        dt.date(2025, 1, 1),
        None,
    )

    with connection.cursor() as c:
        c.execute("select id_number from staffing_worker where id = %s", [worker.pk])
        stored = c.fetchone()[0]
    assert worker.id_number[-4:] not in stored
    assert worker.id_number_masked.startswith("440106") and "*" in worker.id_number_masked
    entry = LogEntry.objects.get_for_object(worker).get()
    assert entry.actor == actors.county_admin
    assert worker.id_number not in str(entry.changes)


def test_worker_create_rejects_bad_id_number_and_credit_code_saving_nothing(regions, actors):
    with pytest.raises(ValidationError) as exc:
        worker_create(
            actor=actors.county_admin,
            region=regions.a1,
            today=TODAY,
            **_fields(
                id_number="440106199503081234",
                employment=Employment.DISPATCHED,
                dispatching_org_name="某社工服务中心",
                dispatching_org_credit_code="52440106MJ0000001A",
            ),
        )
    assert {"id_number", "dispatching_org_credit_code"} <= set(exc.value.message_dict)
    assert Worker.objects.count() == 0 and Posting.objects.count() == 0


def test_dispatched_worker_keeps_a_valid_credit_code(regions, actors):
    code = credit_code(7)
    worker = worker_create(
        actor=actors.county_admin,
        region=regions.a1,
        today=TODAY,
        **_fields(
            employment=Employment.DISPATCHED,
            dispatching_org_name="某社工服务中心",
            dispatching_org_credit_code=code.lower(),
        ),
    )
    assert worker.dispatching_org_credit_code == code


def test_post_must_fit_the_region_level(regions, actors):
    with pytest.raises(ValidationError) as exc:
        worker_create(actor=actors.county_admin, region=regions.a1_village, today=TODAY, **_fields())
    assert "post" in exc.value.message_dict


def test_the_same_id_number_cannot_be_active_twice(regions, actors):
    number = id_number()
    worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields(id_number=number))
    with pytest.raises(ValidationError) as exc:
        worker_create(actor=actors.county_admin, region=regions.a2, today=TODAY, **_fields(id_number=number))
    assert "id_number" in exc.value.message_dict


def test_create_outside_scope_is_404_and_viewer_is_403(regions, actors):
    with pytest.raises(Http404):
        worker_create(actor=actors.outsider, region=regions.a1, today=TODAY, **_fields())
    with pytest.raises(PermissionDenied):
        worker_create(actor=actors.city_viewer, region=regions.a1, today=TODAY, **_fields())


def test_reassign_moves_the_worker_and_keeps_the_history(regions, actors):
    worker = worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields())
    moved = worker_reassign(
        actor=actors.county_admin,
        worker=worker,
        to_region=regions.a1_village,
        post=Post.VILLAGE_COORDINATOR,
        reason="考核不适宜经办岗位 / unsuited",
        on=dt.date(2026, 6, 1),
    )
    assert (moved.region, moved.post, moved.status) == (
        regions.a1_village,
        Post.VILLAGE_COORDINATOR,
        WorkerStatus.ACTIVE,
    )
    first, second = worker.postings.order_by("started_on")
    assert (first.region, first.ended_on) == (regions.a1, dt.date(2026, 6, 1))
    assert (second.kind, second.region, second.ended_on, second.reason) == (
        PostingKind.REASSIGN,
        regions.a1_village,
        None,
        "考核不适宜经办岗位 / unsuited",
    )
    assert LogEntry.objects.get_for_object(second).get().actor == actors.county_admin


def test_reassign_keeps_the_post_when_none_given(regions, actors):
    worker = worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields())
    moved = worker_reassign(actor=actors.county_admin, worker=worker, to_region=regions.a2, reason="轮岗")
    assert (moved.region, moved.post) == (regions.a2, Post.TOWNSHIP)


@pytest.mark.parametrize(
    ("to", "post", "reason", "field"),
    [
        ("a2", None, "  ", "reason"),
        ("a1", None, "原岗位", "to_region"),
        ("a1_village", None, "岗位不符", "post"),
    ],
)
def test_reassign_rejects_bad_input_and_changes_nothing(regions, actors, to, post, reason, field):
    worker = worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields())
    with pytest.raises(ValidationError) as exc:
        worker_reassign(
            actor=actors.county_admin, worker=worker, to_region=getattr(regions, to), post=post, reason=reason
        )
    assert field in exc.value.message_dict
    assert worker.postings.count() == 1
    worker.refresh_from_db()
    assert worker.region == regions.a1


def test_reassign_to_a_region_out_of_the_actors_scope_is_404(regions, actors):
    worker = worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields())
    with pytest.raises(Http404):
        worker_reassign(actor=actors.county_admin, worker=worker, to_region=regions.b1, reason="跨区")


def test_a_worker_who_left_cannot_be_reassigned(regions, actors):
    worker = worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields())
    worker_leave(actor=actors.county_admin, worker=worker, reason="辞职", on=dt.date(2026, 3, 1))
    with pytest.raises(Conflict):
        worker_reassign(actor=actors.county_admin, worker=worker, to_region=regions.a2, reason="调岗")
    worker.refresh_from_db()
    assert worker.status == WorkerStatus.LEFT
    kinds = list(worker.postings.order_by("pk").values_list("kind", "ended_on"))
    assert kinds == [(PostingKind.HIRE, dt.date(2026, 3, 1)), (PostingKind.LEAVE, dt.date(2026, 3, 1))]


def test_transfer_out_of_handling_work_sets_reassigned(regions, actors):
    worker = worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields())
    worker_leave(actor=actors.county_admin, worker=worker, reason="不适宜", status=WorkerStatus.REASSIGNED)
    worker.refresh_from_db()
    assert worker.status == WorkerStatus.REASSIGNED


def test_update_changes_qualifications_but_not_the_posting(regions, actors):
    worker = worker_create(actor=actors.county_admin, region=regions.a1, today=TODAY, **_fields())
    worker = worker_update(actor=actors.county_admin, worker=worker, veteran=True, phone="13900001111")
    assert worker.veteran and worker.phone == "13900001111"
    with pytest.raises(ValidationError):
        worker_update(actor=actors.county_admin, worker=worker, post=Post.COUNTY_BUREAU)
