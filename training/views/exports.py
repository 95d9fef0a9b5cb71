"""Excel downloads: a session's attendance, and compliance (roll-up and workers needing training)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _

from core.db import reads_from_replica
from core.tabular import xlsx_response

from ..models import TrainingSession
from ..selectors import compliance_rollup, missing_workers, session_attendances
from .attendance import visible_session
from .compliance import region_param, year_param


@login_required
def attendance_export(request, pk: int):
    return attendance_sheet(visible_session(request, pk))


@login_required
@reads_from_replica
def compliance_export(request):
    region, year = region_param(request), year_param(request)
    rollup = compliance_rollup(request.user, year=year, region=region)
    missing = missing_workers(request.user, year=year, region_code=region.code, include_due=True)
    return compliance_workbook(year=year, region_name=region.name, rollup=rollup, missing=missing.iterator())


def attendance_sheet(session: TrainingSession):
    headers = [
        _("姓名"),
        _("公民身份号码"),
        _("任职区域"),
        _("签到方式"),
        _("签到时间"),
        _("认定学时"),
        _("测试成绩"),
        _("结业"),
        _("证书验证码"),
    ]
    data = (
        (
            a.worker.name,
            a.worker.id_number_masked,
            a.worker.region.name,
            a.get_method_display(),
            timezone.localtime(a.signed_in_at).strftime("%Y-%m-%d %H:%M"),
            float(a.hours),
            float(a.score) if a.score is not None else "",
            _("是") if a.completed else _("否"),
            a.certificate.display_code if a.completed and hasattr(a, "certificate") else "",
        )
        for a in session_attendances(session)
    )
    return xlsx_response(_("签到表-{title}.xlsx").format(title=session.title), [(_("签到表"), headers, data)])


def compliance_workbook(*, year: int, region_name: str, rollup, missing):
    """Two sheets: the roll-up per region and the workers needing training."""
    roll_headers = [
        _("区域"),
        _("区划代码"),
        _("组织单位年度培训"),
        _("已举办期数"),
        _("在岗人员"),
        _("达标人数"),
        _("达标率%"),
        _("待岗前培训"),
        _("上岗后补训"),
        _("未轮训"),
        _("本年待轮训"),
        _("年度计划缺少类别"),
    ]
    roll_rows = (
        (
            r.name,
            r.region.code,
            r.organiser_status_label,
            r.sessions_held,
            r.workers,
            r.compliant,
            r.rate if r.rate is not None else "",
            r.pre_job_awaiting,
            r.pre_job_late,
            r.rotation_missing,
            r.rotation_due,
            r.plan_missing_labels if r.plan_missing_types is not None else _("无计划"),
        )
        for r in rollup
    )
    miss_headers = [
        _("姓名"),
        _("公民身份号码"),
        _("任职区域"),
        _("入职日期"),
        _("岗前培训"),
        _("定期轮训"),
        _("本年学时"),
    ]
    miss_rows = (
        (
            s.worker.name,
            s.worker.id_number_masked,
            s.worker.region.name,
            s.start_date.isoformat(),
            s.get_pre_job_status_display(),
            s.get_rotation_status_display(),
            float(s.hours_in_year),
        )
        for s in missing
    )
    return xlsx_response(
        _("培训达标-{region}-{year}.xlsx").format(region=region_name, year=year),
        [(_("分区域达标"), roll_headers, roll_rows), (_("缺训人员"), miss_headers, miss_rows)],
    )
