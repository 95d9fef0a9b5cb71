"""Every write of the windows app: atomic, validated before anything is saved, audited, one event per step.

粤民发〔2018〕170号 二(一): 首问负责制 and the steps 受理、分办、转办、反馈; 二(四): online application, appointments
(see appointments.py) and cross-region application (异地申请).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from core.workflow import apply_transition, next_state
from regions import access
from regions.audit import set_actor
from regions.choices import ACTING_ROLES, RegionLevel
from regions.models import Region
from regions.personal import hash_lookup
from regions.rules import id_number_error, normalise_id_number

from . import rules
from .choices import CaseAction, CaseCategory, CaseChannel, CaseStatus, FeedbackMethod, TransferKind
from .models import Case, CaseAttachment, CaseEvent, DeadlineRule, Holiday, RoutingRule, ServiceWindow

HOUSEHOLD_LEVELS = (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)


# --- reference data -------------------------------------------------------------------------------------------


def working_calendar() -> dict[dt.date, bool]:
    """The holiday table as date → is a working day (one query)."""
    return dict(Holiday.objects.values_list("date", "is_working_day"))


def time_limits() -> dict[tuple[str, str], int]:
    """The time-limit table as (category, step) → working days (one query)."""
    return {(c, s): d for c, s, d in DeadlineRule.objects.values_list("category", "step", "working_days")}


def department_for(category: str) -> str:
    """The department the routing table sends a category to (一门受理、协同办理)."""
    rule = RoutingRule.objects.filter(category=category).first()
    return rule.department if rule else "民政部门（社会救助）"


def due_for(status: str, category: str, start: dt.date) -> dt.date | None:
    return rules.due_date(status, category, start, time_limits(), working_calendar())


# --- numbering ------------------------------------------------------------------------------------------------


def next_sequence(region_code: str, day: dt.date) -> int:
    """The next daily sequence number of an accepting region: one atomic upsert, so two intakes at the same moment
    get different numbers (the row lock of the counter serialises them; no retry needed)."""
    from .models import CaseCounter

    table = connection.ops.quote_name(CaseCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (region_code, day, last) VALUES (%s, %s, 1) "
            f"ON CONFLICT (region_code, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [region_code, day],
        )
        return cursor.fetchone()[0]


# --- intake ---------------------------------------------------------------------------------------------------


@dataclass
class Intake:
    """What an intake produced: the case, and open cases with the same ID number and category (a warning)."""

    case: Case
    duplicates: list[str] = field(default_factory=list)


def open_duplicates(id_number: str, category: str, *, exclude_pk: int | None = None) -> list[str]:
    """Numbers of open cases with the same ID number (keyed hash) and category, anywhere in the province."""
    qs = Case.objects.open().filter(
        id_number_hash=hash_lookup(id_number, normalise_id_number), category=category
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.order_by("-id").values_list("number", flat=True)[:20])


def _validate_applicant(
    errors: dict, *, applicant_name: str, id_number: str, phone: str, today: dt.date
) -> None:
    if not (applicant_name or "").strip():
        errors["applicant_name"] = "请填写申请人姓名 / applicant name is required"
    problem = id_number_error(id_number or "", today)
    if problem:
        errors["id_number"] = problem
    digits = (phone or "").strip().replace("-", "").replace(" ", "")
    if digits and (not digits.isdigit() or not 7 <= len(digits) <= 12):
        errors["phone"] = "联系电话应为7至12位数字 / phone must have 7 to 12 digits"


def _first_responder(*, actor, window: ServiceWindow):
    """首问负责人 (粤民发〔2018〕170号 二(一)): the staff member who receives the request; for online applications and
    appointments arriving through a provincial system's service account, the duty officer of the receiving window."""
    if not _is_service_account(actor):
        return actor
    if window.duty_officer_id:
        return window.duty_officer
    raise ValidationError(
        {
            "window": "受理窗口未设置值班人员，无法确定首问负责人 / the window has no duty officer to be first responder"
        }
    )


def _is_service_account(user) -> bool:
    from regions.choices import Role

    roles = {g.role for g in access.grants(user)}
    return bool(roles) and roles <= {Role.SERVICE_ACCOUNT}


def case_receive(
    *,
    actor,
    applicant_name: str,
    id_number: str,
    phone: str,
    household_region: Region,
    category: str,
    channel: str,
    description: str,
    window: ServiceWindow | None = None,
    accepting_region: Region | None = None,
    accept_now: bool = False,
    attachments=(),
) -> Intake:
    """Register a request at a window (一门受理): any window in the province accepts, whatever the household region.

    Validates everything first (ID number, phone, regions, category, channel, role on the window's region), then
    saves the case with a fresh number and a `receive` event (and `accept`, then a cross-region transfer, when
    `accept_now`). Raises ValidationError (nothing saved) or Http404/PermissionDenied out of scope.
    """
    now = timezone.now()
    today = timezone.localdate(now)
    if window is None and accepting_region is not None:
        window = (
            ServiceWindow.objects.filter(region=accepting_region, active=True)
            .select_related("duty_officer", "region")
            .order_by(F("duty_officer").asc(nulls_last=True), "id")
            .first()
        )
    if window is None:
        raise ValidationError({"window": "请指定受理窗口 / a receiving window is required"})
    region = window.region
    access.require_role(actor, region.code, ACTING_ROLES)
    errors: dict[str, str] = {}
    if not window.active:
        errors["window"] = "该窗口已停用 / this window is closed"
    _validate_applicant(errors, applicant_name=applicant_name, id_number=id_number, phone=phone, today=today)
    if household_region is None or household_region.level not in HOUSEHOLD_LEVELS:
        errors["household_region"] = (
            "户籍地应为乡镇（街道）或村（社区） / household region must be a township or village"
        )
    if category not in CaseCategory.values:
        errors["category"] = "未知的事项类别 / unknown category"
    if channel not in CaseChannel.values:
        errors["channel"] = "未知的渠道 / unknown channel"
    if not (description or "").strip():
        errors["description"] = "请填写求助内容 / description is required"
    problems = [f"{f.name}: {p}" for f in attachments if (p := rules.attachment_error(f.name, f.size))]
    if problems:
        errors["attachments"] = "；".join(problems)
    if errors:
        raise ValidationError(errors)
    first_responder = _first_responder(actor=actor, window=window)
    phone = (phone or "").strip().replace("-", "").replace(" ", "")
    duplicates = open_duplicates(id_number, category)
    with transaction.atomic(), set_actor(actor):
        case = Case(
            number=rules.case_number(region.code, today, next_sequence(region.code, today)),
            channel=channel,
            category=category,
            department=department_for(category),
            window=window,
            accepting_region=region,
            region=region,
            region_code=region.code,
            household_region=household_region,
            first_responder=first_responder,
            applicant_name=applicant_name.strip(),
            id_number=normalise_id_number(id_number),
            phone=phone,
            phone_last4=phone[-4:],
            description=description.strip(),
            cross_region=rules.needs_cross_region_transfer(region.code, household_region.code),
            received_at=now,
            step_started_on=today,
            due_date=due_for(CaseStatus.RECEIVED, category, today),
        )
        case.full_clean(exclude=["id_number_hash"])
        case.save()
        _event(
            case,
            actor,
            CaseAction.RECEIVE,
            "",
            CaseStatus.RECEIVED,
            now,
            to_region_code=region.code,
            to_unit=case.department,
            public_note="您的求助已登记 / your request is registered",
        )
        for upload in attachments:
            _attach(case, actor, upload)
        if accept_now:
            case_accept(actor=actor, case=case)
    return Intake(case=case, duplicates=duplicates)


def _attach(case: Case, actor, upload) -> CaseAttachment:
    attachment = CaseAttachment(case=case, name=upload.name[:200], size=upload.size, uploaded_by=actor)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


def case_attach(*, actor, case: Case, files) -> list[CaseAttachment]:
    """Add documents to a case (an acting role where it is handled); all refused if one is not acceptable."""
    _require_actor(actor, case)
    files = list(files)
    if not files:
        raise ValidationError({"files": "请选择文件 / choose a file"})
    problems = [f"{f.name}: {p}" for f in files if (p := rules.attachment_error(f.name, f.size))]
    if problems:
        raise ValidationError({"files": "；".join(problems)})
    with transaction.atomic(), set_actor(actor):
        return [_attach(case, actor, f) for f in files]


# --- steps ----------------------------------------------------------------------------------------------------


def _event(case: Case, actor, action: str, from_status: str, to_status: str, at, **fields) -> CaseEvent:
    return CaseEvent.objects.create(
        case=case, action=action, from_status=from_status, to_status=to_status, actor=actor, at=at, **fields
    )


def _require_actor(actor, case: Case) -> None:
    """An acting role where the case is now. The first responder of a case that has moved away still sees it
    (and gets 403, not 404): they track it, the region that has it acts on it."""
    if case.first_responder_id == getattr(actor, "pk", None) and not access.has_role(
        actor, case.region_code, ACTING_ROLES
    ):
        raise PermissionDenied(
            "该事项已转至其他地区办理，首问负责人可跟踪但不能操作 / the case is handled elsewhere now; "
            "its first responder follows it but cannot act on it"
        )
    access.require_role(actor, case.region_code, ACTING_ROLES)


def _step(case: Case, actor, action: str, *, changes: dict | None = None, **event_fields) -> CaseEvent:
    """Move a case one step: a legal transition (else Conflict), a conditional update on status and version
    (Conflict if someone acted first), a new due date, and the immutable event, in one transaction."""
    _require_actor(actor, case)
    new = next_state(rules.CASE_TRANSITIONS, case.status, action, labels=CaseStatus)
    now = timezone.now()
    today = timezone.localdate(now)
    changes = dict(changes or {})
    old_status = case.status
    if new != old_status or action in (CaseAction.TRANSFER, CaseAction.ACCEPT):
        changes.setdefault("step_started_on", today)
        changes.setdefault("due_date", due_for(new, case.category, today))
        changes.setdefault("overdue_marked_at", None)
    if new in rules.FINAL_STATUSES:
        changes["due_date"] = None
        changes["closed_at"] = now
    with transaction.atomic(), set_actor(actor):
        apply_transition(
            Case.objects.filter(version=case.version),
            case,
            new,
            version=case.version + 1,
            updated_at=now,
            **changes,
        )
        return _event(case, actor, action, old_status, new, now, **event_fields)


def case_accept(*, actor, case: Case, note: str = "") -> Case:
    """受理: a received case, or a transferred one by the receiving side. A received case whose household township
    differs from the accepting window's is then transferred there (异地申请, 粤民发〔2018〕170号 二(四)); the first responder keeps
    tracking it."""
    first_acceptance = case.status == CaseStatus.RECEIVED
    with transaction.atomic():
        _step(
            case,
            actor,
            CaseAction.ACCEPT,
            note=note,
            from_region_code=case.region_code,
            to_region_code=case.region_code,
            to_unit=case.department,
            public_note="您的求助已受理 / your request is accepted",
        )
        target = rules.township_code(case.household_region.code)
        # only at the accepting window: a case transferred on purpose stays where it was sent
        if first_acceptance and rules.township_code(case.region_code) != target:
            township = Region.objects.filter(code=target).first()
            if township is None:
                raise ValidationError(
                    {
                        "household_region": f"户籍地乡镇（街道）{target} 不存在 / household township does not exist"
                    }
                )
            _transfer_to_region(
                case,
                actor,
                township,
                reason="异地申请：转户籍地乡镇（街道）办理 / cross-region application: sent to the household township",
            )
    return case


def case_assign(*, actor, case: Case, unit: str, note: str = "", worker=None) -> Case:
    """分办: to a handling unit and optionally a worker (staffing) in the region where the case is: an active worker
    posted to that township (or a village in it) or to the county bureau above it."""
    from staffing.choices import WorkerStatus

    unit = (unit or "").strip()
    errors = {}
    if not unit:
        errors["unit"] = "请填写承办单位 / the handling unit is required"
    if worker is not None:
        code = worker.region.code
        here = case.region_code
        if worker.status != WorkerStatus.ACTIVE:
            errors["worker"] = "该经办人员不在岗 / this worker is not active"
        elif not (code.startswith(rules.township_code(here)) or (len(code) <= 6 and here.startswith(code))):
            errors["worker"] = (
                "经办人员不在本事项的办理地 / the worker is not posted where the case is handled"
            )
    if errors:
        raise ValidationError(errors)
    to_unit = f"{unit}（{worker.name}）" if worker is not None else unit
    _step(
        case,
        actor,
        CaseAction.ASSIGN,
        changes={"assigned_unit": unit, "assigned_worker": worker},
        note=note,
        from_unit=case.assigned_unit,
        to_unit=to_unit,
        from_region_code=case.region_code,
        to_region_code=case.region_code,
        public_note="您的求助已分办承办单位 / your request is with the handling unit",
    )
    return case


def _transfer_to_region(case: Case, actor, to_region: Region, *, reason: str) -> None:
    from_code = case.region_code
    _step(
        case,
        actor,
        CaseAction.TRANSFER,
        changes={
            "region": to_region,
            "region_code": to_region.code,
            "transfer_kind": TransferKind.REGION,
            "assigned_unit": "",
            "assigned_worker": None,
        },
        note=reason,
        from_region_code=from_code,
        to_region_code=to_region.code,
        from_unit=case.department,
        to_unit=case.department,
        public_note="您的求助已转户籍地办理 / your request was sent to your home region",
    )
    case.region = to_region
    _notify_receiving_staff(case, to_region)


def _notify_receiving_staff(case: Case, region: Region) -> None:
    """Tell the staff of the receiving township that a case waits for them to accept it."""
    from django.contrib.auth import get_user_model
    from django.urls import reverse

    from regions.choices import Role
    from regions.notifications import notify

    staff = (
        get_user_model()
        .objects.filter(
            regionuserobjectpermission__content_object__code=rules.township_code(region.code),
            regionuserobjectpermission__permission__codename=f"role_{Role.TOWNSHIP_STAFF}",
            is_active=True,
        )
        .distinct()
    )
    notify(
        staff,
        title=f"有转入的求助事项待受理：{case.number}",
        body=f"{case.get_category_display()}，由 {case.accepting_region.name} 转入，请及时受理。",
        url=reverse("windows:case_detail", args=[case.number]),
        kind="case_transferred",
        key=f"case_transferred:{case.pk}:{case.version}",
    )


def case_transfer(
    *, actor, case: Case, kind: str, reason: str, to_region: Region | None = None, to_department: str = ""
) -> Case:
    """转办: to another department (协同办理) or another region, with a reason; the receiving side accepts it."""
    reason = (reason or "").strip()
    errors = {}
    if not reason:
        errors["reason"] = "请填写转办理由 / a reason is required"
    if kind == TransferKind.REGION:
        if to_region is None:
            errors["to_region"] = "请指定转入地区 / the receiving region is required"
        elif to_region.level not in HOUSEHOLD_LEVELS:
            errors["to_region"] = "转入地区应为乡镇（街道）或村（社区） / must be a township or village"
        elif to_region.code == case.region_code:
            errors["to_region"] = "不能转给当前办理地 / already handled there"
    elif kind == TransferKind.DEPARTMENT:
        to_department = (to_department or "").strip()
        if not to_department:
            errors["to_department"] = "请填写转入部门 / the receiving department is required"
        elif to_department == case.department:
            errors["to_department"] = "不能转给当前承办部门 / already with that department"
    else:
        errors["kind"] = "转办类型应为 department 或 region / kind must be department or region"
    if errors:
        raise ValidationError(errors)
    if kind == TransferKind.REGION:
        with transaction.atomic():
            _transfer_to_region(case, actor, to_region, reason=reason)
    else:
        _step(
            case,
            actor,
            CaseAction.TRANSFER,
            changes={
                "department": to_department,
                "transfer_kind": TransferKind.DEPARTMENT,
                "assigned_unit": "",
                "assigned_worker": None,
            },
            note=reason,
            from_unit=case.department,
            to_unit=to_department,
            from_region_code=case.region_code,
            to_region_code=case.region_code,
            public_note="您的求助已转相关部门协同办理 / your request was sent to the responsible department",
        )
    return case


def case_feedback(*, actor, case: Case, method: str, content: str, public_note: str = "") -> Case:
    """反馈: what the applicant was told and how. The first responder must see that this happens."""
    errors = {}
    if method not in FeedbackMethod.values:
        errors["method"] = "请选择告知方式 / choose how the applicant was told"
    if not (content or "").strip():
        errors["content"] = "请填写反馈内容 / what the applicant was told is required"
    if errors:
        raise ValidationError(errors)
    event = _step(
        case,
        actor,
        CaseAction.FEEDBACK,
        note=content.strip(),
        feedback_method=method,
        public_note=(public_note or "已向您反馈办理结果 / you have been told the outcome").strip()[:300],
        from_region_code=case.region_code,
        to_region_code=case.region_code,
    )
    if case.first_responder_id != actor.pk:
        _tell_first_responder(case, event, "已向申请人反馈")
    return case


def _tell_first_responder(case: Case, event: CaseEvent, what: str) -> None:
    """首问负责制: the first responder follows the case to the end, wherever it is handled."""
    from django.urls import reverse

    from regions.notifications import notify

    notify(
        [case.first_responder],
        title=f"您首问的事项 {case.number}：{what}",
        body=event.note[:500],
        url=reverse("windows:case_detail", args=[case.number]),
        kind="case_feedback",
        key=f"case_event:{event.pk}",
    )


def case_close(*, actor, case: Case, note: str = "") -> Case:
    """办结: only after feedback (the table refuses a close from any other state)."""
    _step(
        case,
        actor,
        CaseAction.CLOSE,
        note=note,
        public_note="已办结 / closed",
        from_region_code=case.region_code,
        to_region_code=case.region_code,
    )
    return case


def case_reject(*, actor, case: Case, reason: str, told: str, method: str = FeedbackMethod.IN_PERSON) -> Case:
    """不予受理, with the reason and what the applicant was told once and completely (一次性告知)."""
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = "请填写不予受理理由 / a reason is required"
    if not (told or "").strip():
        errors["told"] = "请填写一次性告知内容 / what the applicant was told is required"
    if method not in FeedbackMethod.values:
        errors["method"] = "请选择告知方式 / choose how the applicant was told"
    if errors:
        raise ValidationError(errors)
    _step(
        case,
        actor,
        CaseAction.REJECT,
        note=f"{reason.strip()}\n一次性告知：{told.strip()}",
        feedback_method=method,
        public_note=f"不予受理：{reason.strip()}"[:300],
        from_region_code=case.region_code,
    )
    return case


def case_withdraw(*, actor, case: Case, note: str = "") -> Case:
    """撤回 at the applicant's request."""
    _step(
        case,
        actor,
        CaseAction.WITHDRAW,
        note=note,
        public_note="申请人已撤回 / withdrawn by the applicant",
        from_region_code=case.region_code,
    )
    return case


STEP_SERVICES = {
    CaseAction.ACCEPT: case_accept,
    CaseAction.ASSIGN: case_assign,
    CaseAction.TRANSFER: case_transfer,
    CaseAction.FEEDBACK: case_feedback,
    CaseAction.CLOSE: case_close,
    CaseAction.REJECT: case_reject,
    CaseAction.WITHDRAW: case_withdraw,
}


# --- deadlines ------------------------------------------------------------------------------------------------


def supervisors_of(region_code: str) -> list:
    """Who supervises a case's handling: the county admins of its county (and of regions above it)."""
    from django.contrib.auth import get_user_model

    from regions.choices import Role
    from regions.rules import ancestor_codes

    codes = [c for c in ancestor_codes(region_code) + [region_code] if len(c) <= 6]
    return list(
        get_user_model()
        .objects.filter(
            regionuserobjectpermission__content_object__code__in=codes,
            regionuserobjectpermission__permission__codename=f"role_{Role.COUNTY_ADMIN}",
            is_active=True,
        )
        .distinct()
    )


def cases_mark_overdue(*, today: dt.date | None = None, batch: int = 500) -> int:
    """Mark open cases past their due date and notify the first responder and the supervisor, once per case and
    due date (idempotent: a second run marks and sends nothing new). Returns how many cases were marked."""
    from django.urls import reverse

    from regions.notifications import notify

    today = today or timezone.localdate()
    now = timezone.now()
    marked = 0
    supervisors: dict[str, list] = {}
    while True:
        cases = list(
            Case.objects.open()
            .filter(due_date__lt=today, overdue_marked_at__isnull=True)
            .select_related("first_responder")
            .order_by("id")[:batch]
        )
        if not cases:
            return marked
        for case in cases:
            county = case.region_code[:6]
            if county not in supervisors:
                supervisors[county] = supervisors_of(county)
            with transaction.atomic():
                Case.objects.filter(pk=case.pk, overdue_marked_at__isnull=True).update(overdue_marked_at=now)
                notify(
                    [case.first_responder, *supervisors[county]],
                    title=f"求助事项 {case.number} 已超期",
                    body=(
                        f"{case.get_category_display()}，状态“{case.get_status_display()}”，"
                        f"办理期限 {case.due_date:%Y-%m-%d}。首问负责人请跟踪督办。"
                    ),
                    url=reverse("windows:case_detail", args=[case.number]),
                    kind="case_overdue",
                    key=f"case_overdue:{case.pk}:{case.due_date:%Y%m%d}",
                )
            marked += 1


# --- windows --------------------------------------------------------------------------------------------------

WINDOW_FIELDS = ("name", "address", "hours", "phone", *ServiceWindow.CHECKLIST, "active")


def window_save(
    *, actor, window: ServiceWindow | None = None, region: Region, staff=None, duty_officer=None, **values
) -> ServiceWindow:
    """Create or update a window (its checklist, hours, staff on duty). Needs an acting role on its region."""
    access.require_role(actor, region.code, ACTING_ROLES)
    if window is not None:
        access.require_role(actor, window.region.code, ACTING_ROLES)
    window = window or ServiceWindow()
    window.region = region
    for name in WINDOW_FIELDS:
        if name in values:
            setattr(window, name, values[name])
    window.duty_officer = duty_officer
    staff = list(staff or [])
    if duty_officer is not None and duty_officer not in staff:
        staff.append(duty_officer)
    outside = [u.get_username() for u in staff if not access.has_role(u, region.code, ACTING_ROLES)]
    if outside:
        raise ValidationError(
            {"staff": f"以下人员在该区域没有经办权限：{'、'.join(outside)} / not staff of this region"}
        )
    window.full_clean()
    with transaction.atomic(), set_actor(actor):
        window.save()
        window.staff.set(staff)
    return window
