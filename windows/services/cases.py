"""The steps of a case after intake (受理、分办、转办、反馈、办结, 不予受理, 撤回): atomic, validated before anything is
saved, audited, one immutable event per step; a concurrent second step is a Conflict.

粤民发〔2018〕170号 二(一): 首问负责制 and the steps 受理、分办、转办、反馈; 二(四): cross-region application (异地申请).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.workflow import apply_transition, next_state
from regions import access
from regions.access import users_with_role
from regions.audit import set_actor
from regions.choices import ACTING_ROLES, RegionLevel, Role
from regions.models import Region
from regions.notifications import notify
from staffing.choices import WorkerStatus

from .. import rules
from ..choices import CaseAction, CaseStatus, FeedbackMethod, TransferKind
from ..models import Case, CaseEvent
from .deadlines import clocks_for, record_overdue
from .messages import queue_step_message

HOUSEHOLD_LEVELS = (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)


def record_event(case: Case, actor, action: str, from_status: str, to_status: str, at, **fields) -> CaseEvent:
    """The immutable event of a step; the applicant who asked for text messages is told the public step it reaches
    once the step commits."""
    event = CaseEvent.objects.create(
        case=case, action=action, from_status=from_status, to_status=to_status, actor=actor, at=at, **fields
    )
    queue_step_message(case, event)
    return event


def require_actor(actor, case: Case) -> None:
    """An acting role where the case is now. The first responder of a case that has moved away still sees it
    (and gets 403, not 404): they track it, the region that has it acts on it."""
    if case.first_responder_id == actor.pk and not access.has_role(actor, case.region_code, ACTING_ROLES):
        raise PermissionDenied(_("该事项已转至其他地区办理，首问负责人可跟踪但不能操作"))
    access.require_role(actor, case.region_code, ACTING_ROLES)


def _step(case: Case, actor, action: str, *, changes: dict | None = None, **event_fields) -> CaseEvent:
    """Move a case one step: a legal transition (else Conflict), a conditional update on status and version
    (Conflict if someone acted first), a new step clock, and the immutable event, in one transaction. A case past
    its limit is first recorded overdue, so no step clears it (domain.md 12)."""
    require_actor(actor, case)
    new = next_state(rules.CASE_TRANSITIONS, case.status, action, labels=CaseStatus)
    now = timezone.now()
    today = timezone.localdate(now)
    changes = dict(changes or {})
    old_status = case.status
    if new != old_status or action in (CaseAction.TRANSFER, CaseAction.ACCEPT):
        changes.update(_clock_changes(case, new, changes.get("region_code", case.region_code), today))
    if new in rules.FINAL_STATUSES:
        changes["due_date"] = None
        changes["deadline_provisional"] = False
        changes["closed_at"] = now
    with transaction.atomic(), set_actor(actor):
        record_overdue(case, today, now)
        apply_transition(
            Case.objects.filter(version=case.version),
            case,
            new,
            version=case.version + 1,
            updated_at=now,
            **changes,
        )
        return record_event(case, actor, action, old_status, new, now, **event_fields)


def _clock_changes(case: Case, status: str, region_code: str, today) -> dict:
    """A new step clock from today; the whole-case clock only if it was provisional (it never restarts)."""
    clocks = clocks_for(
        status,
        case.category,
        region_code,
        today,
        received_on=timezone.localdate(case.received_at),
        case_due=None if case.deadline_provisional else case.case_due_date,
    )
    return {
        "step_started_on": today,
        "due_date": clocks.due_date,
        "case_due_date": clocks.case_due_date,
        "deadline_provisional": clocks.provisional,
        "overdue_marked_at": None,
    }


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
            public_note=gettext_noop("您的求助已受理"),
        )
        target = rules.township_code(case.household_region.code)
        # only at the accepting window: a case transferred on purpose stays where it was sent
        if first_acceptance and rules.township_code(case.region_code) != target:
            township = Region.objects.filter(code=target).first()
            if township is None:
                raise ValidationError(
                    {"household_region": _("户籍地乡镇（街道）{target} 不存在").format(target=target)}
                )
            _transfer_to_region(
                case,
                actor,
                township,
                reason=gettext_noop("异地申请：转户籍地乡镇（街道）办理"),
            )
    return case


def case_assign(*, actor, case: Case, unit: str, note: str = "", worker=None) -> Case:
    """分办: to a handling unit and optionally a worker (staffing) in the region where the case is: an active worker
    posted to that township (or a village in it) or to the county bureau above it."""
    unit = (unit or "").strip()
    errors = {}
    if not unit:
        errors["unit"] = _("请填写承办单位")
    if worker is not None:
        code = worker.region.code
        here = case.region_code
        if worker.status != WorkerStatus.ACTIVE:
            errors["worker"] = _("该经办人员不在岗")
        elif not (code.startswith(rules.township_code(here)) or (len(code) <= 6 and here.startswith(code))):
            errors["worker"] = _("经办人员不在本事项的办理地")
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
        public_note=gettext_noop("您的求助已分办承办单位"),
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
        public_note=gettext_noop("您的求助已转户籍地办理"),
    )
    case.region = to_region
    _notify_receiving_staff(case, to_region)


def _notify_receiving_staff(case: Case, region: Region) -> None:
    """Tell the staff of the receiving township that a case waits for them to accept it."""
    township = rules.township_code(region.code)
    staff = users_with_role([township], [Role.TOWNSHIP_STAFF])[township]
    notify(
        staff,
        title=_("有转入的求助事项待受理：%(number)s") % {"number": case.number},
        body=_("%(category)s，由 %(region)s 转入，请及时受理。")
        % {"category": case.get_category_display(), "region": case.accepting_region.name},
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
        errors["reason"] = _("请填写转办理由")
    if kind == TransferKind.REGION:
        if to_region is None:
            errors["to_region"] = _("请指定转入地区")
        elif to_region.level not in HOUSEHOLD_LEVELS:
            errors["to_region"] = _("转入地区应为乡镇（街道）或村（社区）")
        elif to_region.code == case.region_code:
            errors["to_region"] = _("不能转给当前办理地")
    elif kind == TransferKind.DEPARTMENT:
        to_department = (to_department or "").strip()
        if not to_department:
            errors["to_department"] = _("请填写转入部门")
        elif to_department == case.department:
            errors["to_department"] = _("不能转给当前承办部门")
    else:
        errors["kind"] = _("转办类型应为 department 或 region")
    if errors:
        raise ValidationError(errors)
    if kind == TransferKind.REGION and to_region is not None:
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
            public_note=gettext_noop("您的求助已转相关部门协同办理"),
        )
    return case


def case_feedback(*, actor, case: Case, method: str, content: str, public_note: str = "") -> Case:
    """反馈: what the applicant was told and how. The first responder must see that this happens."""
    errors = {}
    if method not in FeedbackMethod.values:
        errors["method"] = _("请选择告知方式")
    if not (content or "").strip():
        errors["content"] = _("请填写反馈内容")
    if errors:
        raise ValidationError(errors)
    event = _step(
        case,
        actor,
        CaseAction.FEEDBACK,
        note=content.strip(),
        feedback_method=method,
        public_note=(public_note or gettext_noop("已向您反馈办理结果")).strip()[:300],
        from_region_code=case.region_code,
        to_region_code=case.region_code,
    )
    if case.first_responder_id != actor.pk:
        _tell_first_responder(case, event, "已向申请人反馈")
    return case


def _tell_first_responder(case: Case, event: CaseEvent, what: str) -> None:
    """首问负责制: the first responder follows the case to the end, wherever it is handled."""
    notify(
        [case.first_responder],
        title=_("您首问的事项 %(number)s：%(what)s") % {"number": case.number, "what": what},
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
        public_note=gettext_noop("已办结"),
        from_region_code=case.region_code,
        to_region_code=case.region_code,
    )
    return case


def case_reject(*, actor, case: Case, reason: str, told: str, method: str = FeedbackMethod.IN_PERSON) -> Case:
    """不予受理, with the reason and what the applicant was told once and completely (一次性告知)."""
    errors = {}
    if not (reason or "").strip():
        errors["reason"] = _("请填写不予受理理由")
    if not (told or "").strip():
        errors["told"] = _("请填写一次性告知内容")
    if method not in FeedbackMethod.values:
        errors["method"] = _("请选择告知方式")
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
        public_note=gettext_noop("申请人已撤回"),
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
