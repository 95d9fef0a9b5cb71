"""Session attendance pages: staff sign-in, Excel upload, invitations, hours and scores, export."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.tabular import ImportRejected, UnreadableFile
from core.web import run_service
from regions.personal import hash_lookup
from regions.rules import normalise_id_number
from staffing.choices import WorkerStatus
from staffing.models import Worker

from .. import services
from ..models import Attendance, Certificate, TrainingSession
from ..rules import normalise_code
from ..selectors import session_attendances
from .plans import session_context

INVITE_CHOICES_LIMIT = 500


def visible_session(request, pk: int) -> TrainingSession:
    return get_object_or_404(
        TrainingSession.objects.visible_to(request.user).select_related("plan", "region", "planned"), pk=pk
    )


def _decimal(value: str) -> Decimal | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return Decimal("-1")  # the service refuses it with the bilingual message


@login_required
def session_attendance(request, pk: int):
    """The session page with its attendance, sign-in forms, the sign-in code and the invited workers."""
    session = visible_session(request, pk)
    attendances = list(session_attendances(session))
    signed = {a.worker_id for a in attendances}
    invited = [
        i.worker for i in session.invitations.select_related("worker__region").order_by("worker__name")
    ]
    context = session_context(request, session)
    context.update(
        attendances=attendances,
        invited_pending=[w for w in invited if w.pk not in signed],
        invited_count=len(invited),
        candidates=Worker.objects.filter(
            region__code__startswith=session.region.code, status=WorkerStatus.ACTIVE
        )
        .exclude(pk__in=[w.pk for w in invited])
        .select_related("region")
        .order_by("region__code", "name")[:INVITE_CHOICES_LIMIT],
        sign_in_url=request.build_absolute_uri("/training/sign-in/"),
        import_errors=request.session.pop(f"training-import-{session.pk}", None),
    )
    return render(request, "training/session_detail.html", context)


@login_required
@require_POST
def attendance_add(request, pk: int):
    """Staff sign-in: by worker id (from the invited list) or by ID number."""
    session = visible_session(request, pk)
    worker = None
    if request.POST.get("worker"):
        worker = Worker.objects.filter(pk=request.POST["worker"]).select_related("region").first()
    elif request.POST.get("id_number"):
        worker = (
            Worker.objects.filter(id_number_hash=hash_lookup(request.POST["id_number"], normalise_id_number))
            .select_related("region")
            .first()
        )
    if worker is None:
        messages.error(request, _("未找到该人员"))
        return redirect("training:session", pk=pk)
    run_service(
        request,
        lambda: services.attendance_sign_in(
            actor=request.user,
            session=session,
            worker=worker,
            hours=_decimal(request.POST.get("hours")),
            score=_decimal(request.POST.get("score")),
        ),
        success=_("{name} 已签到").format(name=worker.name),
    )
    return redirect("training:session", pk=pk)


@login_required
@require_POST
def attendance_upload(request, pk: int):
    session = visible_session(request, pk)
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, _("请选择文件"))
        return redirect("training:session", pk=pk)
    try:
        made = services.attendance_import(
            actor=request.user, session=session, file=upload, filename=upload.name
        )
    except ImportRejected as exc:
        request.session[f"training-import-{session.pk}"] = [str(e) for e in exc.errors[:200]]
        messages.error(request, _("数据有误，未保存任何记录"))
    except UnreadableFile as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("已导入 %(n)s 人签到") % {"n": len(made)})
    return redirect("training:session", pk=pk)


@login_required
@require_POST
def attendance_edit(request, pk: int):
    attendance = get_object_or_404(
        Attendance.objects.filter(
            session__in=TrainingSession.objects.visible_to(request.user)
        ).select_related("session__region", "session__plan"),
        pk=pk,
    )
    score = request.POST.get("score", "")
    run_service(
        request,
        lambda: services.attendance_update(
            actor=request.user,
            attendance=attendance,
            hours=_decimal(request.POST.get("hours")),
            score=_decimal(score),
            clear_score=not score.strip(),
        ),
        success=_("已保存学时与成绩"),
    )
    return redirect("training:session", pk=attendance.session_id)


@login_required
@require_POST
def attendance_delete(request, pk: int):
    attendance = get_object_or_404(
        Attendance.objects.filter(
            session__in=TrainingSession.objects.visible_to(request.user)
        ).select_related("session__region", "session__plan"),
        pk=pk,
    )
    session_id = attendance.session_id
    run_service(
        request,
        lambda: services.attendance_remove(actor=request.user, attendance=attendance),
        success=_("已删除签到"),
    )
    return redirect("training:session", pk=session_id)


@login_required
@require_POST
def invitation_add(request, pk: int):
    session = visible_session(request, pk)
    workers = list(
        Worker.objects.visible_to(request.user)
        .filter(pk__in=request.POST.getlist("workers"))
        .select_related("region")
    )
    if not workers:
        messages.error(request, _("请选择人员"))
        return redirect("training:session", pk=pk)
    run_service(
        request,
        lambda: services.invitation_create(actor=request.user, session=session, workers=workers),
        success=_("已邀请 {count} 人").format(count=len(workers)),
    )
    return redirect("training:session", pk=pk)


@login_required
def certificate_print(request, code: str):
    """The printable certificate (logged in, scoped by the worker's region)."""
    cert = get_object_or_404(
        Certificate.objects.visible_to(request.user).select_related(
            "attendance__worker__region", "attendance__session__region"
        ),
        code=normalise_code(code),
    )
    return render(
        request,
        "training/certificate.html",
        {
            "cert": cert,
            "verify_url": request.build_absolute_uri(f"/training/verify/?code={cert.display_code}"),
            "today": timezone.localdate(),
        },
    )
