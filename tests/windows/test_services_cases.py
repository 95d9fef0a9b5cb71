"""Case steps: every step and its refusals, 409 from the wrong state or a stale copy, transfers, the first
responder across transfers and regions, immutable events, assignment to a worker."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from core.exceptions import Conflict
from regions.models import Notification
from staffing.choices import WorkerStatus
from tests.factories.staffing import WorkerFactory
from tests.factories.windows import make_case
from windows import services
from windows.choices import CaseStatus, TransferKind
from windows.models import Case
from windows.selectors import first_responder_figures

pytestmark = pytest.mark.django_db


def test_full_path_accept_assign_feedback_close_records_every_step(windows, actors):
    case = make_case(actors.township_a1, windows.a1)
    services.case_accept(actor=actors.township_a1, case=case)
    services.case_assign(actor=actors.township_a1, case=case, unit="五山街道社会事务办")
    services.case_feedback(
        actor=actors.township_a1, case=case, method="phone", content="已告知审批结果", public_note="审核通过"
    )
    services.case_close(actor=actors.township_a1, case=case)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.due_date is None and case.closed_at is not None
    events = list(case.events.values_list("action", "from_status", "to_status"))
    assert events == [
        ("receive", "", "received"),
        ("accept", "received", "accepted"),
        ("assign", "accepted", "assigned"),
        ("feedback", "assigned", "feedback_given"),
        ("close", "feedback_given", "closed"),
    ]


def test_closing_without_feedback_is_409_and_leaves_no_event(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    count = case.events.count()
    with pytest.raises(Conflict):
        services.case_close(actor=actors.township_a1, case=case)
    assert case.events.count() == count
    assert Case.objects.get(pk=case.pk).status == CaseStatus.ACCEPTED


def test_step_from_the_wrong_state_is_409(windows, actors):
    case = make_case(actors.township_a1, windows.a1)
    with pytest.raises(Conflict):
        services.case_assign(actor=actors.township_a1, case=case, unit="社会事务办")
    with pytest.raises(Conflict):
        services.case_feedback(actor=actors.township_a1, case=case, method="phone", content="x")


def test_stale_copy_loses_with_409(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    stale = Case.objects.get(pk=case.pk)
    services.case_assign(actor=actors.township_a1, case=case, unit="甲")
    with pytest.raises(Conflict):
        services.case_assign(actor=actors.county_admin, case=stale, unit="乙")
    assert Case.objects.get(pk=case.pk).assigned_unit == "甲"
    assert case.events.filter(action="assign").count() == 1


def test_reject_needs_reason_and_what_was_told(windows, actors):
    case = make_case(actors.township_a1, windows.a1)
    with pytest.raises(ValidationError) as exc:
        services.case_reject(actor=actors.township_a1, case=case, reason="", told="")
    assert {"reason", "told"} <= set(exc.value.message_dict)
    services.case_reject(
        actor=actors.township_a1, case=case, reason="不属于救助范围", told="请向人社部门咨询"
    )
    assert case.status == CaseStatus.NOT_ACCEPTED
    assert "一次性告知" in case.events.last().note


def test_withdraw_ends_an_open_case(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    services.case_withdraw(actor=actors.township_a1, case=case, note="申请人撤回")
    assert case.status == CaseStatus.WITHDRAWN
    with pytest.raises(Conflict):
        services.case_accept(actor=actors.township_a1, case=case)


def test_department_transfer_then_receiving_side_accepts(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True, category="medical")
    services.case_transfer(
        actor=actors.township_a1,
        case=case,
        kind=TransferKind.DEPARTMENT,
        to_department="卫生健康部门",
        reason="属卫健部门职责",
    )
    assert case.status == CaseStatus.TRANSFERRED and case.department == "卫生健康部门"
    services.case_accept(actor=actors.township_a1, case=case)
    assert case.status == CaseStatus.ACCEPTED
    event = case.events.get(action="transfer")
    assert (event.from_unit, event.to_unit, event.note) == ("医疗保障部门", "卫生健康部门", "属卫健部门职责")


def test_transfer_needs_a_reason_and_a_target(windows, actors, regions):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    with pytest.raises(ValidationError) as exc:
        services.case_transfer(actor=actors.township_a1, case=case, kind=TransferKind.REGION, reason="")
    assert {"reason", "to_region"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError):
        services.case_transfer(
            actor=actors.township_a1, case=case, kind=TransferKind.REGION, reason="x", to_region=regions.a1
        )


def test_region_transfer_moves_the_case_and_keeps_the_first_responder(windows, actors, regions):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    services.case_transfer(
        actor=actors.township_a1,
        case=case,
        kind=TransferKind.REGION,
        to_region=regions.a2,
        reason="申请人已迁居",
    )
    case.refresh_from_db()
    assert case.region_code == regions.a2.code
    assert case.first_responder == actors.township_a1
    assert Notification.objects.filter(user=actors.township_a2, kind="case_transferred").count() == 1
    # the receiving township sees it and accepts; the first responder still sees it but may not act there
    assert Case.objects.visible_to(actors.township_a2).filter(pk=case.pk).exists()
    assert Case.objects.visible_to(actors.township_a1).filter(pk=case.pk).exists()
    with pytest.raises(PermissionDenied):
        services.case_accept(actor=actors.township_a1, case=case)
    services.case_accept(actor=actors.township_a2, case=case)
    assert case.status == CaseStatus.ACCEPTED


def test_cross_region_application_goes_to_the_household_township(windows, actors, regions):
    # 异地申请: received at 五山 (A1) for a household in 罗湖 桂园 (B1, another city)
    case = make_case(actors.township_a1, windows.a1, household=regions.b1_village, accept=True)
    case.refresh_from_db()
    assert case.cross_region
    assert case.status == CaseStatus.TRANSFERRED
    assert case.region_code == regions.b1.code
    assert case.accepting_region == regions.a1
    assert Case.objects.visible_to(actors.outsider).filter(pk=case.pk).exists()
    assert not Case.objects.visible_to(actors.township_a2).filter(pk=case.pk).exists()
    # first responder keeps tracking it, another A1 colleague does not (it left their region)
    assert Case.objects.visible_to(actors.township_a1).filter(pk=case.pk).exists()
    services.case_accept(actor=actors.outsider, case=case)
    assert case.status == CaseStatus.ACCEPTED
    assert case.first_responder == actors.township_a1
    assert [e.action for e in case.events.all()] == ["receive", "accept", "transfer", "accept"]


def test_visible_to_is_region_or_first_responder_in_one_query(windows, actors, django_assert_num_queries):
    mine = make_case(actors.township_a1, windows.a1, seq=1)
    other = make_case(actors.outsider, windows.b1, seq=2)
    user = type(actors.township_a1).objects.get(pk=actors.township_a1.pk)
    with django_assert_num_queries(2):  # the user's grants, the cases
        ids = set(Case.objects.visible_to(user).values_list("id", flat=True))
    assert mine.pk in ids and other.pk not in ids


def test_sees_case_answers_as_visible_to_for_every_actor(windows, actors, regions):
    from django.contrib.auth.models import AnonymousUser

    from windows.models import sees_case

    make_case(actors.township_a1, windows.a1, seq=1)
    make_case(actors.outsider, windows.b1, seq=2)
    # received in A1 for a household in B1: it moves to B1, its first responder keeps it
    make_case(actors.township_a1, windows.a1, seq=3, household=regions.b1_village, accept=True)
    make_case(actors.township_a2, windows.a2, seq=4)
    cases = list(Case.objects.values_list("pk", "region_code", "first_responder_id"))
    for actor in (*(getattr(actors, name) for name in vars(actors)), AnonymousUser()):
        visible = set(Case.objects.visible_to(actor).values_list("pk", flat=True))
        assert {pk for pk, code, responder in cases if sees_case(actor, code, responder)} == visible, actor


def test_events_are_immutable(windows, actors):
    case = make_case(actors.township_a1, windows.a1)
    event = case.events.get()
    event.note = "改写"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_assign_to_a_worker_of_the_township_or_county(windows, actors, regions):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    elsewhere = WorkerFactory(region=regions.a2)
    with pytest.raises(ValidationError) as exc:
        services.case_assign(actor=actors.township_a1, case=case, unit="社会事务办", worker=elsewhere)
    assert "worker" in exc.value.message_dict
    gone = WorkerFactory(region=regions.a1, status=WorkerStatus.LEFT)
    with pytest.raises(ValidationError):
        services.case_assign(actor=actors.township_a1, case=case, unit="社会事务办", worker=gone)
    village_worker = WorkerFactory(region=regions.a1_village)
    services.case_assign(actor=actors.township_a1, case=case, unit="社会事务办", worker=village_worker)
    assert Case.objects.get(pk=case.pk).assigned_worker == village_worker
    county_worker = WorkerFactory(region=regions.county_a)
    services.case_assign(actor=actors.township_a1, case=case, unit="区民政局", worker=county_worker)
    case.refresh_from_db()
    assert case.assigned_worker == county_worker
    assert case.events.filter(action="assign").last().to_unit.endswith(f"（{county_worker.name}）")
    services.case_transfer(
        actor=actors.township_a1, case=case, kind=TransferKind.REGION, to_region=regions.a2, reason="迁居"
    )
    assert Case.objects.get(pk=case.pk).assigned_worker is None


def test_first_responder_is_told_when_another_region_gives_feedback(windows, actors, regions):
    case = make_case(actors.township_a1, windows.a1, household=regions.b1_village, accept=True)
    services.case_accept(actor=actors.outsider, case=case)
    services.case_feedback(actor=actors.outsider, case=case, method="phone", content="已电话告知审核结果")
    note = Notification.objects.get(user=actors.township_a1, kind="case_feedback")
    assert case.number in note.title and "审核结果" in note.body


def test_first_responder_figures_count_what_to_watch(windows, actors, regions):
    make_case(actors.township_a1, windows.a1, seq=1, household=regions.b1_village, accept=True)
    done = make_case(actors.township_a1, windows.a1, seq=2, accept=True)
    services.case_feedback(actor=actors.township_a1, case=done, method="phone", content="已告知")
    figures = first_responder_figures(actors.township_a1, dt.date(2000, 1, 1))
    watched = {k: figures[k] for k in ("open", "awaiting_feedback", "elsewhere", "overdue", "ever_overdue")}
    assert watched == {"open": 2, "awaiting_feedback": 1, "elsewhere": 1, "overdue": 0, "ever_overdue": 0}
