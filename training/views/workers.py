"""A worker's training record: attendance, certificates, compliance per year, assessments (and the form)."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from core.web import run_service
from regions import access
from regions.models import Region
from staffing.choices import Post
from staffing.models import Worker

from .. import services
from ..choices import AssessmentGrade
from ..models import Assessment, Attendance, WorkerCompliance
from ..rules import suggested_grade
from ..services.assessment import ASSESSOR_ROLES


class AssessmentForm(forms.Form):
    year = forms.IntegerField(label="考核年度", min_value=2018)
    grade = forms.ChoiceField(label="考核等次", choices=AssessmentGrade.choices)
    judgement = forms.CharField(label="主管评价", widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(label="备注", required=False)
    to_region = forms.ModelChoiceField(
        label="调整到（不适宜时）", queryset=Region.objects.none(), required=False, to_field_name="code"
    )
    post = forms.ChoiceField(
        label="新岗位（可不选）", choices=[("", "保持原岗位"), *Post.choices], required=False
    )
    transfer_out = forms.BooleanField(label="调离经办岗位（不适宜时）", required=False)

    def __init__(self, *args, user, worker, **kwargs):
        super().__init__(*args, **kwargs)
        county = worker.region.code[:6]
        self.fields["to_region"].queryset = (
            Region.objects.visible_to(user)
            .filter(code__startswith=county)
            .exclude(level="village")
            .order_by("code")
        )


@login_required
def worker_record(request, pk: int):
    worker = get_object_or_404(Worker.objects.visible_to(request.user).select_related("region"), pk=pk)
    year = timezone.localdate().year
    form = AssessmentForm(request.POST or None, user=request.user, worker=worker, initial={"year": year - 1})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            ok, _ = run_service(
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
                success="年度考核已记录",
                form=form,
            )
            if ok:
                return redirect("training:worker", pk=pk)
    attendances = (
        Attendance.objects.filter(worker=worker)
        .select_related("session__region", "certificate")
        .order_by("-session__starts_at")
    )
    record = services.year_record(worker, year)
    return render(
        request,
        "training/worker.html",
        {
            "worker": worker,
            "attendances": attendances,
            "compliance": WorkerCompliance.objects.filter(worker=worker).order_by("-year"),
            "assessments": Assessment.objects.filter(worker=worker).order_by("-year"),
            "form": form,
            "can_assess": access.has_role(request.user, worker.region.code, ASSESSOR_ROLES),
            "record": record,
            "suggestion": suggested_grade(record),
            "year": year,
        },
    )


@login_required
def worker_list(request):
    """Workers in scope with their training snapshot of the year (find a worker's record)."""
    from django.core.paginator import Paginator

    year = timezone.localdate().year
    qs = (
        Worker.objects.visible_to(request.user)
        .select_related("region")
        .order_by("region__code", "name", "pk")
    )
    q = (request.GET.get("q") or "").strip()
    if q:
        qs = qs.filter(name__contains=q) if not q.isdigit() else qs.filter(region__code__startswith=q)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    snaps = {
        s.worker_id: s for s in WorkerCompliance.objects.filter(year=year, worker_id__in=[w.pk for w in page])
    }
    rows = [(w, snaps.get(w.pk)) for w in page]
    return render(request, "training/workers.html", {"page": page, "rows": rows, "q": q, "year": year})
