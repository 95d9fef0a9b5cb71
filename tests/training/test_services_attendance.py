"""Attendance services: staff sign-in, Excel upload, sign-in by code, completion and certificates; and
concurrent attendance on one session (PostgreSQL row locks): one sign-in wins, capacity holds."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook

from core.exceptions import Conflict
from core.tabular import ImportRejected
from tests.concurrency import run_at_once
from tests.factories.training import (
    AttendanceFactory,
    TrainingPlanFactory,
    TrainingSessionFactory,
    WorkerFactory,
    aware,
)
from training import services
from training.models import Attendance, Certificate, Invitation, WorkerCompliance
from training.services.attendance import session_finalise

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(regions):
    return TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a, year=2026), capacity=0)


def xlsx(rows, headers=("公民身份号码", "姓名", "学时", "成绩")):
    wb = Workbook()
    ws = wb.active
    ws.append(list(headers))
    for row in rows:
        ws.append(list(row))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "签到.xlsx"
    return buf


class TestStaffSignIn:
    def test_staff_signs_in_a_worker_with_the_session_hours(self, regions, actors, session):
        worker = WorkerFactory(region=regions.a1)
        attendance = services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker)
        assert attendance.hours == session.hours and attendance.method == "staff"

    def test_worker_outside_the_organisers_area_is_refused(self, regions, actors, session):
        worker = WorkerFactory(region=regions.b1)
        with pytest.raises(ValidationError) as exc:
            services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker)
        assert "管辖范围" in exc.value.message_dict["worker"][0]
        assert Attendance.objects.count() == 0

    def test_duplicate_sign_in_is_refused(self, regions, actors, session):
        worker = WorkerFactory(region=regions.a1)
        services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker)
        with pytest.raises(ValidationError) as exc:
            services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker)
        assert "重复签到" in exc.value.message_dict["worker"][0]
        assert Attendance.objects.count() == 1

    def test_hours_over_the_session_length_are_refused(self, regions, actors, session):
        worker = WorkerFactory(region=regions.a1)
        with pytest.raises(ValidationError) as exc:
            services.attendance_sign_in(
                actor=actors.county_staff,
                session=session,
                worker=worker,
                hours=session.hours + Decimal("0.5"),
            )
        assert "hours" in exc.value.message_dict
        assert Attendance.objects.count() == 0

    def test_a_worker_who_left_cannot_be_signed_in(self, regions, actors, session):
        worker = WorkerFactory(region=regions.a1, status="left")
        with pytest.raises(ValidationError):
            services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker)

    def test_capacity_is_enforced(self, regions, actors, session):
        session.capacity = 1
        session.save()
        services.attendance_sign_in(
            actor=actors.county_staff, session=session, worker=WorkerFactory(region=regions.a1)
        )
        with pytest.raises(ValidationError):
            services.attendance_sign_in(
                actor=actors.county_staff, session=session, worker=WorkerFactory(region=regions.a2)
            )

    def test_attendance_of_a_held_session_is_locked(self, regions, actors, session):
        services.session_complete(actor=actors.county_admin, session=session)
        with pytest.raises(Conflict):
            services.attendance_sign_in(
                actor=actors.county_staff, session=session, worker=WorkerFactory(region=regions.a1)
            )

    def test_invitations_are_limited_to_the_area_and_not_doubled(self, regions, actors, session):
        a, b = WorkerFactory(region=regions.a1), WorkerFactory(region=regions.b1)
        with pytest.raises(ValidationError):
            services.invitation_create(actor=actors.county_staff, session=session, workers=[a, b])
        assert Invitation.objects.count() == 0
        services.invitation_create(actor=actors.county_staff, session=session, workers=[a])
        with pytest.raises(ValidationError):
            services.invitation_create(actor=actors.county_staff, session=session, workers=[a])


class TestExcelUpload:
    def test_a_clean_sheet_signs_everyone_in(self, regions, actors, session):
        w1, w2 = WorkerFactory(region=regions.a1), WorkerFactory(region=regions.a2)
        made = services.attendance_import(
            actor=actors.county_staff,
            session=session,
            file=xlsx([(w1.id_number, w1.name, "6", "88"), (w2.id_number.lower(), w2.name, "", "")]),
        )
        assert len(made) == 2
        assert Attendance.objects.get(worker=w1).score == Decimal("88.0")
        assert Attendance.objects.get(worker=w2).hours == session.hours

    def test_a_row_naming_an_unknown_worker_saves_nothing(self, regions, actors, session):
        from tests.factories.training import id_number

        w1 = WorkerFactory(region=regions.a1)
        with pytest.raises(ImportRejected) as exc:
            services.attendance_import(
                actor=actors.county_staff,
                session=session,
                file=xlsx([(w1.id_number, w1.name, "6", ""), (id_number(), "查无此人", "6", "")]),
            )
        assert [(e.row, e.column) for e in exc.value.errors] == [(3, "公民身份号码")]
        assert "未找到" in exc.value.errors[0].message
        assert Attendance.objects.count() == 0

    def test_every_bad_row_is_reported_at_once(self, regions, actors, session):
        inside, outside = WorkerFactory(region=regions.a1), WorkerFactory(region=regions.b1)
        signed = WorkerFactory(region=regions.a2)
        AttendanceFactory(session=session, worker=signed)
        with pytest.raises(ImportRejected) as exc:
            services.attendance_import(
                actor=actors.county_staff,
                session=session,
                file=xlsx(
                    [
                        (inside.id_number, inside.name, "99", ""),
                        (outside.id_number, outside.name, "6", ""),
                        (signed.id_number, signed.name, "6", ""),
                        (inside.id_number, "别人", "6", "101"),
                    ]
                ),
            )
        found = {(e.row, e.column) for e in exc.value.errors}
        assert {(2, "学时"), (3, "公民身份号码"), (4, "公民身份号码"), (5, "姓名"), (5, "成绩")} <= found
        assert any("重复" in e.message and e.row == 5 for e in exc.value.errors)
        assert Attendance.objects.count() == 1

    def test_missing_columns_are_reported(self, regions, actors, session):
        with pytest.raises(ImportRejected) as exc:
            services.attendance_import(
                actor=actors.county_staff, session=session, file=xlsx([("x",)], headers=("身份证",))
            )
        assert {e.column for e in exc.value.errors} == {"公民身份号码", "姓名"}


class TestSignInByCode:
    def test_worker_signs_in_with_the_code_and_id_number(self, regions, session):
        worker = WorkerFactory(region=regions.a1)
        attendance = services.attendance_sign_in_by_code(
            code=session.sign_in_code.lower(), id_number=worker.id_number, now=session.starts_at
        )
        assert (attendance.worker, attendance.method) == (worker, "code")

    def test_code_outside_the_window_is_refused(self, regions, session):
        worker = WorkerFactory(region=regions.a1)
        with pytest.raises(ValidationError) as exc:
            services.attendance_sign_in_by_code(
                code=session.sign_in_code,
                id_number=worker.id_number,
                now=session.starts_at - dt.timedelta(hours=1, minutes=1),
            )
        assert "code" in exc.value.message_dict

    def test_unknown_code_and_outside_worker_are_refused(self, regions, session):
        outsider = WorkerFactory(region=regions.b1)
        with pytest.raises(ValidationError):
            services.attendance_sign_in_by_code(
                code="ZZZZZZ", id_number=outsider.id_number, now=session.starts_at
            )
        with pytest.raises(ValidationError) as exc:
            services.attendance_sign_in_by_code(
                code=session.sign_in_code, id_number=outsider.id_number, now=session.starts_at
            )
        assert "id_number" in exc.value.message_dict
        assert Attendance.objects.count() == 0

    def test_signing_in_twice_with_the_code_is_refused(self, regions, session):
        worker = WorkerFactory(region=regions.a1)
        services.attendance_sign_in_by_code(
            code=session.sign_in_code, id_number=worker.id_number, now=session.starts_at
        )
        with pytest.raises(ValidationError):
            services.attendance_sign_in_by_code(
                code=session.sign_in_code, id_number=worker.id_number, now=session.starts_at
            )


class TestCompletionAndCertificates:
    def test_completing_the_session_certifies_only_those_who_completed(self, regions, actors, session):
        session.pass_score = Decimal("60")
        session.save()
        full = AttendanceFactory(
            session=session, worker=WorkerFactory(region=regions.a1), score=Decimal("75")
        )
        short = AttendanceFactory(
            session=session, worker=WorkerFactory(region=regions.a1), hours=Decimal("3"), score=Decimal("90")
        )
        failed = AttendanceFactory(
            session=session, worker=WorkerFactory(region=regions.a1), score=Decimal("59")
        )
        services.session_complete(actor=actors.county_admin, session=session)
        assert set(Certificate.objects.values_list("attendance_id", flat=True)) == {full.pk}
        for a in (short, failed):
            a.refresh_from_db()
            assert not a.completed

    def test_finalising_costs_the_same_queries_for_any_number_of_attendees_and_is_audited(
        self, regions, actors, session
    ):
        def finalise(n):
            held = TrainingSessionFactory(plan=session.plan, capacity=0)
            for _ in range(n):
                AttendanceFactory(session=held, worker=WorkerFactory(region=regions.a1))
            with CaptureQueriesContext(connection) as queries:
                issued = session_finalise(actor=actors.county_admin, session=held)
            return issued, held, len(queries)

        # once first: per-process lookups (content types) are cached after it, whatever ran before in the worker
        finalise(1)
        issued_2, _, few = finalise(2)
        issued_9, held, many = finalise(9)
        assert (issued_2, issued_9) == (2, 9)
        # the audit entries (completion, certificate) are written in one INSERT each: nothing grows with the session
        assert many == few
        certificates = Certificate.objects.filter(attendance__session=held)
        assert certificates.count() == 9 and len({c.code for c in certificates}) == 9
        entries = LogEntry.objects.get_for_objects(certificates)
        assert entries.count() == 9 and {e.actor for e in entries} == {actors.county_admin}
        completed = LogEntry.objects.get_for_objects(Attendance.objects.filter(session=held))
        assert [e.changes_dict for e in completed][:1] == [{"completed": ["False", "True"]}]

    def test_certificate_verifies_by_its_code_as_typed(self, regions, actors, session):
        AttendanceFactory(session=session, worker=WorkerFactory(region=regions.a1))
        services.session_complete(actor=actors.county_admin, session=session)
        cert = Certificate.objects.get()
        assert services.certificate_verify(cert.display_code.lower()) == cert
        assert services.certificate_verify("ABCD-EFGH-JKLM") is None
        assert services.certificate_verify("") is None

    def test_completion_updates_the_workers_compliance(self, regions, actors, committed):
        worker = WorkerFactory(region=regions.a1, start_date=dt.date(2026, 4, 1))
        plan = TrainingPlanFactory(region=regions.county_a, year=2026)
        session = TrainingSessionFactory(
            plan=plan, training_type="pre_job", starts_at=aware(2026, 4, 20), ends_at=aware(2026, 4, 20, 17)
        )
        AttendanceFactory(session=session, worker=worker)
        with committed():
            services.session_complete(actor=actors.county_admin, session=session)
        snap = WorkerCompliance.objects.get(worker=worker, year=2026)
        # started 1 April, trained 20 April: trained after starting (补训)
        assert (snap.pre_job_status, snap.pre_job_completed_on) == ("late", dt.date(2026, 4, 20))
        assert snap.sessions_in_year == 1 and snap.hours_in_year == session.hours


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_worker_signed_in_twice_at_once_is_recorded_once(regions, actors):
    session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
    worker = WorkerFactory(region=regions.a1)
    results = run_at_once(
        [lambda: services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker)] * 2
    )
    assert sum(isinstance(r, Attendance) for r in results) == 1
    assert sum(isinstance(r, ValidationError) for r in results) == 1
    assert Attendance.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_capacity_holds_under_parallel_sign_ins(regions, actors):
    session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a), capacity=2)
    workers = [WorkerFactory(region=regions.a1) for _ in range(5)]
    run_at_once(
        [
            lambda w=w: services.attendance_sign_in(actor=actors.county_staff, session=session, worker=w)
            for w in workers
        ]
    )
    assert Attendance.objects.filter(session=session).count() == 2


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_sign_in_racing_completion_either_lands_before_or_is_refused(regions, actors):
    session = TrainingSessionFactory(plan=TrainingPlanFactory(region=regions.county_a))
    worker = WorkerFactory(region=regions.a1)
    results = run_at_once(
        [
            lambda: services.attendance_sign_in(actor=actors.county_staff, session=session, worker=worker),
            lambda: services.session_complete(actor=actors.county_admin, session=session),
        ]
    )
    if isinstance(results[0], Attendance):
        # signed in first: completion saw it and decided it
        assert Attendance.objects.get().completed
    else:
        assert isinstance(results[0], Conflict)
        assert not Attendance.objects.exists()
