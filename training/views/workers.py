"""A worker's training record: attendance, certificates, compliance per year, assessments (and the form)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import OuterRef, Subquery
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from core.web import Column, Listing, form_errors, run_service
from regions import access
from staffing.models import Worker

from .. import services
from ..choices import PreJobStatus, RotationStatus
from ..forms import AssessmentForm, PriorTrainingForm
from ..models import Assessment, Attendance, PriorTraining, WorkerCompliance
from ..rules import suggested_grade
from ..selectors import worker_compliance_of_year, year_record
from ..services.assessment import ASSESSOR_ROLES


def _assess(request, worker: Worker, form: AssessmentForm) -> bool:
    data = form.cleaned_data
    ok, _outcome = run_service(
        request,
        lambda: services.assessment_record(
            actor=request.user,
            worker=worker,
            year=data["year"],
            grade=data["grade"],
            judgement=data["judgement"],
            notes=data["notes"],
            to_region=data["to_region"],
            post=data["post"] or None,
            transfer_out=data["transfer_out"],
        ),
        success=_("年度考核已记录"),
        form=form,
    )
    return ok


@login_required
def worker_record(request, pk: int):
    """The record page. Reading it never writes: a missing snapshot of this year is shown as computed live and
    its recompute is queued."""
    worker = get_object_or_404(Worker.objects.visible_to(request.user).select_related("region"), pk=pk)
    year = timezone.localdate().year
    form = AssessmentForm(request.POST or None, user=request.user, worker=worker, initial={"year": year - 1})
    if request.method == "POST" and form.is_valid() and _assess(request, worker, form):
        return redirect("training:worker", pk=pk)
    snapshot, missing = worker_compliance_of_year(worker, year)
    compliance = list(WorkerCompliance.objects.filter(worker=worker).order_by("-year"))
    if missing and snapshot is not None:
        services.worker_compliance_queue([worker.pk], year)
        compliance = sorted([snapshot, *compliance], key=lambda c: -c.year)
    record = year_record(worker, year, compliant=bool(snapshot and snapshot.compliant))
    attendances = (
        Attendance.objects.filter(worker=worker)
        .select_related("session__region", "certificate")
        .order_by("-session__starts_at")
    )
    return render(
        request,
        "training/worker.html",
        {
            "worker": worker,
            "attendances": attendances,
            "compliance": compliance,
            "assessments": Assessment.objects.filter(worker=worker).order_by("-year"),
            "prior": PriorTraining.objects.filter(worker=worker).order_by("-completed_on", "-id"),
            "prior_form": PriorTrainingForm(),
            "form": form,
            "can_assess": access.has_role(request.user, worker.region.code, ASSESSOR_ROLES),
            "record": record,
            "suggestion": suggested_grade(record),
            "year": year,
        },
    )


@login_required
@require_POST
def prior_training_add(request, pk: int):
    """Record a training the worker had before the system (date, type, evidence: 粤民发〔2018〕170号 二(五))."""
    worker = get_object_or_404(Worker.objects.visible_to(request.user).select_related("region"), pk=pk)
    form = PriorTrainingForm(request.POST)
    if form.is_valid():
        run_service(
            request,
            lambda: services.prior_training_record(actor=request.user, worker=worker, **form.cleaned_data),
            success=_("已登记系统启用前培训"),
        )
    else:
        form_errors(request, form)
    return redirect("training:worker", pk=pk)


PRE_JOB_LABELS = dict(PreJobStatus.choices)
ROTATION_LABELS = dict(RotationStatus.choices)


def _pre_job(w) -> str:
    return str(PRE_JOB_LABELS.get(w.pre_job, _("未计算")))


def _rotation(w) -> str:
    return str(ROTATION_LABELS.get(w.rotation, _("未计算")))


#: the training records list (issue 14): sortable headers (this year's snapshot too) and the Excel export of the
#: filtered view
TRAINING_WORKER_COLUMNS = (
    Column("name", gettext_lazy("姓名"), ("name",), "name"),
    Column("region", gettext_lazy("任职区域"), ("region__code",), "region.name"),
    Column("post", gettext_lazy("岗位"), ("post",), "get_post_display"),
    Column("start", gettext_lazy("入职日期"), ("start_date",), "start_date"),
    Column("pre_job", gettext_lazy("岗前培训"), ("pre_job",), _pre_job),
    Column("rotation", gettext_lazy("轮训"), ("rotation",), _rotation),
    Column("hours", gettext_lazy("本年学时"), ("hours",), lambda w: w.hours or 0, css="num"),
)


def _with_year_snapshot(qs, year: int):
    """Each worker with this year's snapshot's statuses and hours as columns (one query, sortable)."""
    snap = WorkerCompliance.objects.filter(worker=OuterRef("pk"), year=year)
    return qs.annotate(
        pre_job=Subquery(snap.values("pre_job_status")[:1]),
        rotation=Subquery(snap.values("rotation_status")[:1]),
        hours=Subquery(snap.values("hours_in_year")[:1]),
    )


@login_required
def worker_list(request):
    """Workers in scope with their training snapshot of the year (find a worker's record by name or by the start
    of a region code)."""
    year = timezone.localdate().year
    qs = (
        Worker.objects.visible_to(request.user)
        .select_related("region")
        .order_by("region__code", "name", "pk")
    )
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(name__contains=q) if not q.isdigit() else qs.filter(region__code__startswith=q)
    listing = Listing(request, _with_year_snapshot(qs, year), TRAINING_WORKER_COLUMNS)
    if listing.wants_export:
        return listing.export(_("人员培训档案-{year}.xlsx").format(year=year), _("人员培训档案"))
    page = listing.page
    for w in page:
        w.pre_job_label, w.rotation_label = _pre_job(w), _rotation(w)
    context = {"listing": listing, "page": page, "q": q, "year": year}
    return render(request, "training/workers.html", context)
