"""Case services: intake, numbering, every step and its refusals, first responder across transfers and regions,
duplicates, overdue marking, windows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from core.exceptions import Conflict
from regions.models import Notification
from regions.personal import hash_lookup
from regions.rules import normalise_id_number
from tests.factories.windows import id_number, make_case
from windows import services
from windows.choices import CaseAction, CaseStatus, TransferKind
from windows.models import Case, CaseEvent

pytestmark = pytest.mark.django_db


def test_intake_gives_a_readable_number_and_a_receive_event(windows, actors):
    case = make_case(actors.township_a1, windows.a1)
    assert case.number.startswith("440106001-")
    assert case.number.endswith("-0001")
    assert case.status == CaseStatus.RECEIVED
    assert case.first_responder == actors.township_a1
    assert case.department == "民政部门（社会救助）"
    assert case.due_date is not None
    assert list(case.events.values_list("action", flat=True)) == [CaseAction.RECEIVE]


def test_numbers_of_one_window_and_day_are_sequential(windows, actors):
    first = make_case(actors.township_a1, windows.a1, seq=1)
    second = make_case(actors.township_a1, windows.a1, seq=2)
    assert first.number[:-4] == second.number[:-4]
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1


def test_id_number_is_encrypted_hashed_and_masked(windows, actors):
    case = make_case(actors.township_a1, windows.a1, id_number=id_number(5).lower())
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM windows_case WHERE id = %s", [case.pk])
        stored = cursor.fetchone()[0]
    assert id_number(5) not in stored  # ciphertext at rest
    assert case.id_number_hash == hash_lookup(id_number(5), normalise_id_number)
    assert case.id_number_masked == id_number(5)[:6] + "********" + id_number(5)[-4:]
    assert case.phone_masked == "138****8000"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("id_number", "44010619800517001X"),  # wrong check character
        ("id_number", "440106" + "19801332" + "0011"),  # impossible date
        ("phone", "13800abc"),
        ("applicant_name", " "),
        ("description", ""),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(windows, actors, field, value):
    kwargs = {field: value}
    with pytest.raises(ValidationError) as exc:
        make_case(actors.township_a1, windows.a1, **kwargs)
    assert field in exc.value.message_dict
    assert not Case.objects.exists()
    assert not CaseEvent.objects.exists()


def test_household_region_must_be_township_or_village(windows, actors, regions):
    with pytest.raises(ValidationError) as exc:
        make_case(actors.township_a1, windows.a1, household=regions.county_a)
    assert "household_region" in exc.value.message_dict


def test_intake_at_a_window_out_of_scope_is_404(windows, actors):
    with pytest.raises(Http404):
        make_case(actors.township_a1, windows.b1)
    assert not Case.objects.exists()


def test_viewer_cannot_take_in_a_case(windows, actors):
    with pytest.raises(PermissionDenied):
        make_case(actors.city_viewer, windows.a1)


def test_online_case_from_service_account_gets_the_windows_duty_officer(windows, actors):
    case = make_case(actors.service_account, windows.a1, channel="online")
    assert case.first_responder == actors.township_a1


def test_online_case_without_duty_officer_is_refused(windows, actors):
    windows.a1.duty_officer = None
    windows.a1.save()
    with pytest.raises(ValidationError) as exc:
        make_case(actors.service_account, windows.a1, channel="online")
    assert "window" in exc.value.message_dict


def test_accepting_region_picks_its_window(windows, actors, regions):
    intake = services.case_receive(
        actor=actors.service_account,
        applicant_name="李四",
        id_number=id_number(3),
        phone="13900001111",
        household_region=regions.a1,
        category="temporary",
        channel="online",
        description="急难",
        accepting_region=regions.a1,
    )
    assert intake.case.window == windows.a1


def test_duplicate_open_case_with_same_id_and_category_warns(windows, actors):
    first = make_case(actors.township_a1, windows.a1, seq=9)
    intake = services.case_receive(
        actor=actors.township_a2,
        applicant_name="张三",
        id_number=id_number(9),
        phone="",
        household_region=windows.a2.region,
        category="dibao",
        channel="walk_in",
        description="再次申请",
        window=windows.a2,
    )
    assert intake.duplicates == [first.number]
    other = services.case_receive(
        actor=actors.township_a2,
        applicant_name="张三",
        id_number=id_number(9),
        phone="",
        household_region=windows.a2.region,
        category="medical",
        channel="walk_in",
        description="医疗",
        window=windows.a2,
    )
    assert other.duplicates == []


def test_closed_case_is_no_duplicate(windows, actors):
    case = make_case(actors.township_a1, windows.a1, seq=4, accept=True)
    services.case_feedback(actor=actors.township_a1, case=case, method="phone", content="已告知")
    services.case_close(actor=actors.township_a1, case=case)
    assert services.open_duplicates(id_number(4), "dibao") == []


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


def test_events_are_immutable(windows, actors):
    case = make_case(actors.township_a1, windows.a1)
    event = case.events.get()
    event.note = "改写"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()


def test_accept_sets_the_feedback_deadline(windows, actors):
    case = make_case(actors.township_a1, windows.a1, category="disaster")
    received_due = case.due_date
    services.case_accept(actor=actors.township_a1, case=case)
    assert case.due_date > received_due or case.due_date >= received_due


def test_overdue_job_marks_and_notifies_once(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    Case.objects.filter(pk=case.pk).update(due_date=dt.date(2026, 1, 5))
    assert services.cases_mark_overdue(today=dt.date(2026, 1, 6)) == 1
    assert services.cases_mark_overdue(today=dt.date(2026, 1, 7)) == 0
    notified = set(Notification.objects.filter(kind="case_overdue").values_list("user__username", flat=True))
    assert notified == {"township_a1", "county_admin_a"}
    assert Case.objects.get(pk=case.pk).overdue_marked_at is not None


def test_not_yet_due_case_is_not_marked(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    assert services.cases_mark_overdue(today=case.due_date) == 0


def test_a_new_step_clears_the_overdue_mark(windows, actors):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    Case.objects.filter(pk=case.pk).update(due_date=dt.date(2026, 1, 5))
    services.cases_mark_overdue(today=dt.date(2026, 1, 6))
    case.refresh_from_db()
    services.case_assign(actor=actors.township_a1, case=case, unit="社会事务办")
    case.refresh_from_db()
    assert case.overdue_marked_at is None


def test_window_save_checks_staff_are_staff_of_the_region(windows, actors, regions):
    with pytest.raises(ValidationError) as exc:
        services.window_save(
            actor=actors.county_admin, region=regions.a1, name="新窗口", staff=[actors.outsider]
        )
    assert "staff" in exc.value.message_dict
    window = services.window_save(
        actor=actors.county_admin,
        region=regions.a1,
        name="新窗口",
        duty_officer=actors.township_a1,
        has_signage=True,
    )
    assert list(window.staff.all()) == [actors.township_a1]


def test_window_must_be_at_township_or_village(actors, regions):
    with pytest.raises(ValidationError):
        services.window_save(actor=actors.county_admin, region=regions.county_a, name="区窗口")


def test_assign_to_a_worker_of_the_township_or_county(windows, actors, regions):
    from staffing.choices import WorkerStatus
    from tests.factories.staffing import WorkerFactory

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


def test_attachments_are_validated_all_or_nothing(windows, actors, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    case = make_case(actors.township_a1, windows.a1)
    good = SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    bad = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as exc:
        services.case_attach(actor=actors.township_a1, case=case, files=[good, bad])
    assert "files" in exc.value.message_dict
    assert not case.attachments.exists()
    good.seek(0)
    made = services.case_attach(actor=actors.township_a1, case=case, files=[good])
    assert made[0].name == "申请书.pdf" and "申请书" not in made[0].file.name
    with pytest.raises(Http404):
        services.case_attach(actor=actors.outsider, case=case, files=[good])


def test_intake_with_a_bad_attachment_saves_nothing(windows, actors, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as exc:
        make_case(actors.township_a1, windows.a1, attachments=[SimpleUploadedFile("x.exe", b"MZ")])
    assert "attachments" in exc.value.message_dict
    assert not Case.objects.exists()


def test_first_responder_is_told_when_another_region_gives_feedback(windows, actors, regions):
    case = make_case(actors.township_a1, windows.a1, household=regions.b1_village, accept=True)
    services.case_accept(actor=actors.outsider, case=case)
    services.case_feedback(actor=actors.outsider, case=case, method="phone", content="已电话告知审核结果")
    note = Notification.objects.get(user=actors.township_a1, kind="case_feedback")
    assert case.number in note.title and "审核结果" in note.body


def test_first_responder_figures_count_what_to_watch(windows, actors, regions):
    from windows.selectors import first_responder_figures

    make_case(actors.township_a1, windows.a1, seq=1, household=regions.b1_village, accept=True)
    done = make_case(actors.township_a1, windows.a1, seq=2, accept=True)
    services.case_feedback(actor=actors.township_a1, case=done, method="phone", content="已告知")
    figures = first_responder_figures(actors.township_a1, dt.date(2000, 1, 1))
    assert figures == {"open": 2, "awaiting_feedback": 1, "elsewhere": 1, "overdue": 0}
