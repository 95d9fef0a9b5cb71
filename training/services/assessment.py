"""Annual worker assessment (动态管理, 粤民发〔2018〕170号 二(五)): the supervisor grades the year with the
worker's attendance, hours, scores and compliance beside them; "unsuited" starts a reassignment in staffing
(对不适宜做基层社会救助工作的工作人员，要及时进行调整). The arrow stays training → staffing."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import access
from regions.audit import set_actor
from regions.choices import Role
from regions.models import Region
from staffing import services as staffing_services
from staffing.choices import WorkerStatus
from staffing.models import Worker

from ..choices import AssessmentGrade
from ..models import Assessment
from ..rules import YearRecord, suggested_grade
from ..selectors import worker_compliance_of_year, year_record
from .compliance import worker_compliance_queue, worker_compliance_recompute

ASSESSOR_ROLES = frozenset({Role.COUNTY_ADMIN, Role.COUNTY_STAFF})


def _year_record(worker: Worker, year: int) -> YearRecord:
    """The worker's year beside their compliance; a missing snapshot is saved here (this is a write)."""
    snapshot, missing = worker_compliance_of_year(worker, year)
    if missing:
        worker_compliance_recompute(year=year, worker_ids=[worker.pk])
    return year_record(worker, year, compliant=bool(snapshot and snapshot.compliant))


def _reassign(actor, worker: Worker, year: int, judgement: str, to_region: Region | None, post) -> str:
    """An unsuited worker is adjusted through staffing (二(五) 要及时进行调整): reassigned to `to_region`, or moved
    off handling work; returns what the assessment records."""
    reason = f"{year} 年度考核不适宜从事社会救助工作：{judgement.strip()}"[:300]
    if to_region is not None:
        staffing_services.worker_reassign(
            actor=actor, worker=worker, to_region=to_region, reason=reason, post=post
        )
        return f"调整至 {to_region.name}"
    staffing_services.worker_leave(actor=actor, worker=worker, reason=reason, status=WorkerStatus.REASSIGNED)
    return "调离经办岗位"


@transaction.atomic
def assessment_record(
    *,
    actor,
    worker: Worker,
    year: int,
    grade: str,
    judgement: str,
    notes: str = "",
    to_region: Region | None = None,
    post: str | None = None,
    transfer_out: bool = False,
    today: dt.date | None = None,
) -> Assessment:
    """Record a worker's assessment of `year` (once). With grade "unsuited", either `to_region` (and optionally
    `post`) reassigns the worker through staffing's `worker_reassign`, or `transfer_out` moves them off handling
    work through `worker_leave(status=reassigned)`; if staffing refuses, nothing is saved."""
    access.require_role(actor, worker.region.code, ASSESSOR_ROLES)
    today = today or timezone.localdate()
    errors: dict[str, str] = {}
    if grade not in AssessmentGrade.values:
        errors["grade"] = _("考核等次无效")
    if not (judgement or "").strip():
        errors["judgement"] = _("请填写主管评价")
    if not (2018 <= year <= today.year):
        errors["year"] = _("考核年度无效（不能晚于今年）")
    unsuited = grade == AssessmentGrade.UNSUITED
    if unsuited and to_region is None and not transfer_out:
        errors["to_region"] = _("不适宜人员须调整：请选择调整到的区域，或调离经办岗位")
    if not unsuited and (to_region is not None or transfer_out):
        errors["to_region"] = _("只有“不适宜”才调整岗位")
    if Assessment.objects.filter(worker=worker, year=year).exists():
        errors["year"] = _("{name} 的 {year} 年度考核已存在").format(name=worker.name, year=year)
    if errors:
        raise ValidationError(errors)
    record = _year_record(worker, year)
    reassignment = _reassign(actor, worker, year, judgement, to_region, post) if unsuited else ""
    assessment = Assessment(
        worker=worker,
        year=year,
        grade=grade,
        suggested_grade=suggested_grade(record),
        sessions_attended=record.sessions_attended,
        hours=record.hours,
        average_score=record.average_score,
        compliant=record.compliant,
        judgement=judgement.strip(),
        notes=notes,
        reassignment=reassignment,
        assessed_by=actor,
    )
    assessment.full_clean(validate_constraints=False)
    with set_actor(actor):
        assessment.save()
    if unsuited:
        # the worker's region (or status) changed: their snapshot moves with them
        worker_compliance_queue([worker.pk], today.year)
    return assessment
