"""Invitations, attendance (staff sign-in, Excel upload, sign-in by code), completion and certificates
(粤民发〔2018〕170号 二(五): attendance and assessment are recorded per worker).

Every write checks everything first and saves in one transaction: a bad row or a duplicate saves nothing.
The session row is locked while attendance changes, so a capacity or a completion cannot be raced past.
"""

from __future__ import annotations

import copy
import datetime as dt
import secrets
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.tabular import ImportRejected, RowError, read_rows, require_columns
from regions import access
from regions.audit import log_bulk_writes, set_actor
from regions.personal import hash_lookup
from regions.rules import normalise_id_number
from staffing.choices import WorkerStatus
from staffing.models import Worker

from ..choices import AttendanceMethod
from ..models import Attendance, Certificate, Invitation, TrainingSession
from ..rules import (
    CERTIFICATE_CODE_LENGTH,
    CODE_ALPHABET,
    attendance_completed,
    credited_hours_error,
    normalise_code,
    require_scheduled,
    score_error,
    sign_in_open,
)
from .compliance import worker_compliance_queue

IMPORT_COLUMNS = ("公民身份号码", "姓名")
OPTIONAL_COLUMNS = ("学时", "成绩")


def _lock_session(session: TrainingSession) -> TrainingSession:
    locked = TrainingSession.objects.select_for_update().select_related("region", "plan").get(pk=session.pk)
    require_scheduled(locked.status)
    return locked


def worker_scope_error(session: TrainingSession, worker: Worker) -> str | None:
    """A worker may attend a session of an organiser whose region contains theirs, while active."""
    if not worker.region.code.startswith(session.region.code):
        return _("{name} 不在 {name2} 的管辖范围内").format(name=worker.name, name2=session.region.name)
    if worker.status != WorkerStatus.ACTIVE:
        return _("{name} 当前不在岗").format(name=worker.name)
    return None


def _capacity_error(session: TrainingSession, adding: int) -> str | None:
    if session.capacity and session.attendances.count() + adding > session.capacity:
        return _("超出培训班容量 {capacity} 人").format(capacity=session.capacity)
    return None


@transaction.atomic
def invitation_create(*, actor, session: TrainingSession, workers: list[Worker]) -> list[Invitation]:
    """Invite workers (all in the organiser's area and active, none invited twice, within capacity)."""
    access.require_role(actor, session.region.code)
    session = _lock_session(session)
    already = set(session.invitations.filter(worker__in=workers).values_list("worker_id", flat=True))
    errors = [m for w in workers if (m := worker_scope_error(session, w))]
    errors += [_("{name} 已在邀请名单中").format(name=w.name) for w in workers if w.pk in already]
    if session.capacity and session.invitations.count() + len(workers) > session.capacity:
        errors.append(_("邀请人数超出培训班容量 {capacity} 人").format(capacity=session.capacity))
    if errors:
        raise ValidationError({"workers": errors})
    with set_actor(actor):
        made = [Invitation.objects.create(session=session, worker=w, invited_by=actor) for w in workers]
    return made


def _parse_decimal(value, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("应为数字")}) from None


def _attendance_errors(
    session: TrainingSession, worker: Worker, hours: Decimal, score: Decimal | None
) -> dict:
    errors = {}
    if message := worker_scope_error(session, worker):
        errors["worker"] = message
    if message := credited_hours_error(hours=hours, session_hours=session.hours):
        errors["hours"] = message
    if message := score_error(score):
        errors["score"] = message
    return errors


def _duplicate_message(worker: Worker) -> str:
    return _("{name} 已签到，不能重复签到").format(name=worker.name)


@transaction.atomic
def attendance_sign_in(
    *,
    actor,
    session: TrainingSession,
    worker: Worker,
    hours: Decimal | None = None,
    score: Decimal | None = None,
    method: str = AttendanceMethod.STAFF,
    now: dt.datetime | None = None,
) -> Attendance:
    """Record one worker's attendance (staff sign-in). Hours default to the session's; errors save nothing."""
    if actor is not None:
        access.require_role(actor, session.region.code)
    session = _lock_session(session)
    hours = session.hours if hours is None else hours
    errors = _attendance_errors(session, worker, hours, score)
    if not errors and session.attendances.filter(worker=worker).exists():
        errors["worker"] = _duplicate_message(worker)
    if not errors and (message := _capacity_error(session, 1)):
        errors["worker"] = message
    if errors:
        raise ValidationError(errors)
    attendance = Attendance(
        session=session,
        worker=worker,
        method=method,
        signed_in_at=now or timezone.now(),
        hours=hours,
        score=score,
        recorded_by=actor,
    )
    with set_actor(actor):
        try:
            with transaction.atomic():
                attendance.save()
        except IntegrityError:
            raise ValidationError({"worker": _duplicate_message(worker)}) from None
    worker_compliance_queue([worker.pk], session.plan.year)
    return attendance


@transaction.atomic
def attendance_update(
    *,
    actor,
    attendance: Attendance,
    hours: Decimal | None = None,
    score: Decimal | None = None,
    clear_score=False,
) -> Attendance:
    """Change the hours credited or the test score while the session is open (held sessions are locked: 409)."""
    access.require_role(actor, attendance.session.region.code)
    session = _lock_session(attendance.session)
    attendance = Attendance.objects.select_related("worker__region").get(pk=attendance.pk)
    new_hours = attendance.hours if hours is None else hours
    new_score = None if clear_score else (attendance.score if score is None else score)
    errors = {}
    if message := credited_hours_error(hours=new_hours, session_hours=session.hours):
        errors["hours"] = message
    if message := score_error(new_score):
        errors["score"] = message
    if errors:
        raise ValidationError(errors)
    attendance.hours, attendance.score = new_hours, new_score
    with set_actor(actor):
        attendance.save(update_fields=["hours", "score"])
    return attendance


@transaction.atomic
def attendance_remove(*, actor, attendance: Attendance) -> None:
    """Remove a sign-in recorded by mistake while the session is open."""
    access.require_role(actor, attendance.session.region.code)
    session = _lock_session(attendance.session)
    worker_id = attendance.worker_id
    with set_actor(actor):
        attendance.delete()
    worker_compliance_queue([worker_id], session.plan.year)


@transaction.atomic
def attendance_sign_in_by_code(*, code: str, id_number: str, now: dt.datetime | None = None) -> Attendance:
    """A worker signs in at the session with the code shown there and their ID number (public page, no login).

    The code must belong to a scheduled session whose sign-in window is open; the ID number must be an active
    worker in the organiser's area. Errors name the problem without revealing who is registered where.
    """
    now = now or timezone.now()
    session = (
        TrainingSession.objects.filter(sign_in_code=normalise_code(code))
        .select_related("region", "plan")
        .first()
    )
    if session is None or session.status != "scheduled":
        raise ValidationError({"code": _("签到码无效或培训班已结束")})
    if not sign_in_open(starts_at=session.starts_at, ends_at=session.ends_at, now=now):
        raise ValidationError({"code": _("不在签到时间内（开始前1小时至结束）")})
    worker = (
        Worker.objects.select_related("region")
        .filter(id_number_hash=hash_lookup(id_number or "", normalise_id_number), status=WorkerStatus.ACTIVE)
        .filter(region__code__startswith=session.region.code)
        .first()
    )
    if worker is None:
        raise ValidationError({"id_number": _("未找到本培训班范围内的在岗人员")})
    return attendance_sign_in(
        actor=None, session=session, worker=worker, method=AttendanceMethod.CODE, now=now
    )


def _read_import(
    session: TrainingSession, file, filename: str
) -> list[tuple[Worker, Decimal, Decimal | None]]:
    """Validate every row of an attendance sheet; ImportRejected with every row error, or the rows to save."""
    rows = read_rows(file, filename, columns=len(IMPORT_COLUMNS) + len(OPTIONAL_COLUMNS))
    if not rows:
        raise ImportRejected([RowError(1, "", _("文件没有数据行"))])
    errors = require_columns(rows[0][1].keys(), IMPORT_COLUMNS)
    if errors:
        raise ImportRejected(errors)
    hashes = {hash_lookup(r["公民身份号码"], normalise_id_number): n for n, r in rows if r["公民身份号码"]}
    workers = {
        w.id_number_hash: w for w in Worker.objects.select_related("region").filter(id_number_hash__in=hashes)
    }
    signed = set(session.attendances.values_list("worker_id", flat=True))
    seen: dict[int, int] = {}
    result = []
    for number, row in rows:
        id_number = row["公民身份号码"]
        if not id_number:
            errors.append(RowError(number, "公民身份号码", _("必填")))
            continue
        worker = workers.get(hash_lookup(id_number, normalise_id_number))
        if worker is None:
            errors.append(RowError(number, "公民身份号码", _("未找到该人员")))
            continue
        if row["姓名"] and row["姓名"] != worker.name:
            errors.append(RowError(number, "姓名", _("姓名与身份证号不符")))
        if message := worker_scope_error(session, worker):
            errors.append(RowError(number, "公民身份号码", message))
        if worker.pk in signed:
            errors.append(RowError(number, "公民身份号码", _duplicate_message(worker)))
        if worker.pk in seen:
            errors.append(
                RowError(
                    number,
                    "公民身份号码",
                    _("与第{value}行重复").format(value=seen[worker.pk]),
                )
            )
        seen.setdefault(worker.pk, number)
        values = {}
        for column in OPTIONAL_COLUMNS:
            try:
                values[column] = _parse_decimal(row.get(column, ""), column)
            except ValidationError:
                errors.append(RowError(number, column, _("应为数字")))
                values[column] = None
        hours = session.hours if values["学时"] is None else values["学时"]
        if message := credited_hours_error(hours=hours, session_hours=session.hours):
            errors.append(RowError(number, "学时", message))
        if message := score_error(values["成绩"]):
            errors.append(RowError(number, "成绩", message))
        result.append((worker, hours, values["成绩"]))
    if not errors and (message := _capacity_error(session, len(result))):
        errors.append(RowError(1, "", message))
    if errors:
        raise ImportRejected(errors)
    return result


@transaction.atomic
def attendance_import(*, actor, session: TrainingSession, file, filename: str = "") -> list[Attendance]:
    """Sign in a whole sheet (columns 公民身份号码, 姓名, optional 学时, 成绩): all rows or none."""
    access.require_role(actor, session.region.code)
    session = _lock_session(session)
    rows = _read_import(session, file, filename or getattr(file, "name", ""))
    now = timezone.now()
    with set_actor(actor):
        made = [
            Attendance.objects.create(
                session=session,
                worker=worker,
                method=AttendanceMethod.EXCEL,
                signed_in_at=now,
                hours=hours,
                score=score,
                recorded_by=actor,
            )
            for worker, hours, score in rows
        ]
    worker_compliance_queue([a.worker_id for a in made], session.plan.year)
    return made


def _new_certificate_codes(count: int) -> list[str]:
    """`count` fresh verification codes, none already issued (one query a round; a clash is drawn again)."""
    codes: set[str] = set()
    while len(codes) < count:
        drawn = {
            "".join(secrets.choice(CODE_ALPHABET) for _ in range(CERTIFICATE_CODE_LENGTH))
            for _ in range(count - len(codes))
        }
        codes |= drawn - set(Certificate.objects.filter(code__in=drawn).values_list("code", flat=True))
    return sorted(codes)


def session_finalise(*, actor, session: TrainingSession) -> int:
    """When a session is held: decide each attendee's completion and issue a certificate to each who completed.
    Called inside `session_complete`'s transaction; returns how many completed. The same few queries for any
    number of attendees (a county's rotation has hundreds), each change still in the audit log."""
    attendances = list(session.attendances.select_for_update())
    now = timezone.now()
    decided = [
        (
            a,
            attendance_completed(
                hours=a.hours, session_hours=session.hours, score=a.score, pass_score=session.pass_score
            ),
        )
        for a in attendances
    ]
    changed = [(a, done) for a, done in decided if done != a.completed]
    completed = [a for a, done in decided if done]
    with set_actor(actor):
        for value in (True, False):
            ids = [a.pk for a, done in changed if done is value]
            if ids:
                Attendance.objects.filter(pk__in=ids).update(completed=value)
        before = [(a, copy.copy(a)) for a, _ in changed]
        for a, done in changed:
            a.completed = done
        log_bulk_writes(before)
        have = set(
            Certificate.objects.filter(attendance__in=completed).values_list("attendance_id", flat=True)
        )
        missing = [a for a in completed if a.pk not in have]
        made = Certificate.objects.bulk_create(
            Certificate(attendance=a, code=code, issued_at=now, issued_by=actor)
            for a, code in zip(missing, _new_certificate_codes(len(missing)), strict=True)
        )
        log_bulk_writes((certificate, None) for certificate in made)
    worker_compliance_queue([a.worker_id for a in attendances], session.plan.year)
    return len(completed)


def certificate_verify(code: str) -> Certificate | None:
    """The certificate with this verification code (as typed: case, spaces, dashes ignored), or None."""
    code = normalise_code(code)
    if len(code) != CERTIFICATE_CODE_LENGTH:
        return None
    return (
        Certificate.objects.select_related("attendance__worker", "attendance__session__region")
        .filter(code=code)
        .first()
    )
