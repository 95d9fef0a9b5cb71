"""Intake at a window (一门受理): the case number, the first responder, the duplicate warning, the documents.

粤民发〔2018〕170号 二(一): 首问负责制, any window in the province accepts whatever the household region; 二(四): online
application and cross-region application (异地申请).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from core.uploads import document_problem
from regions import access
from regions.audit import set_actor
from regions.choices import ACTING_ROLES, INTAKE_ROLES, Role
from regions.models import PersonalDataAccess, Region
from regions.personal import hash_lookup
from regions.rules import id_number_error, normalise_id_number

from .. import reference_cache, rules
from ..choices import CaseAction, CaseCategory, CaseChannel, CaseStatus
from ..models import Case, CaseAttachment, CaseCounter, RoutingRule, ServiceWindow, sees_case
from .cases import HOUSEHOLD_LEVELS, case_accept, record_event, require_actor
from .deadlines import clocks_for


def department_for(category: str) -> str:
    """The department the routing table sends a category to (一门受理、协同办理); the table is read once per process
    and version of the reference tables (windows.reference_cache)."""
    routes = reference_cache.kept(
        ("routing",), lambda: dict(RoutingRule.objects.values_list("category", "department"))
    )
    return routes.get(category, "民政部门（社会救助）")


def next_sequence(region_code: str, day: dt.date) -> int:
    """The next daily sequence number of an accepting region: one atomic upsert, so two intakes at the same moment
    get different numbers (the row lock of the counter serialises them; no retry needed)."""
    table = connection.ops.quote_name(CaseCounter._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (region_code, day, last) VALUES (%s, %s, 1) "
            f"ON CONFLICT (region_code, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [region_code, day],
        )
        return cursor.fetchone()[0]


#: what a window is told of an open case outside its scope: that it exists, never its number (issue 12 item 2)
ELSEWHERE = "该身份证号在其他地区有在办事项，请联系所在县（市、区）"


@dataclass
class Intake:
    """What an intake produced: the case, and open cases with the same ID number and category (a warning): the
    numbers of those the actor may see, and whether there are others elsewhere."""

    case: Case
    duplicates: list[str] = field(default_factory=list)
    elsewhere: bool = False


@dataclass(frozen=True)
class Duplicates:
    numbers: list[str]  # open cases the actor may see
    elsewhere: bool  # open cases outside the actor's scope (their numbers withheld)


def open_duplicates(id_number: str, category: str, *, exclude_pk: int | None = None) -> list[str]:
    """Numbers of open cases with the same ID number (keyed hash) and category, anywhere in the province (for
    the system only: a person is told `duplicates_for`)."""
    qs = Case.objects.open().filter(
        id_number_hash=hash_lookup(id_number, normalise_id_number), category=category
    )
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return list(qs.order_by("-id").values_list("number", flat=True)[:20])


#: how many open cases of one person and kind one query reads; past it (never seen) the two-query path answers
DUPLICATES_READ = 50


def duplicates_for(actor, id_number: str, category: str) -> Duplicates:
    """Open cases with the same ID number and category as `actor` may be told of them: the numbers of those in
    scope (newest first, at most 20); of the others only that they exist. One query: each open case of the person
    and kind with where it is and who received it, seen or not as `visible_to` would (`sees_case`)."""
    same = Case.objects.open().filter(
        id_number_hash=hash_lookup(id_number, normalise_id_number), category=category
    )
    found = same.order_by("-id").values_list("number", "region_code", "first_responder_id")[:DUPLICATES_READ]
    rows = [(number, sees_case(actor, code, responder)) for number, code, responder in found]
    if len(rows) < DUPLICATES_READ:
        return Duplicates([n for n, visible in rows if visible][:20], any(not v for _, v in rows))
    numbers = list(same.visible_to(actor).order_by("-id").values_list("number", flat=True)[:20])
    elsewhere = same.exclude(pk__in=same.visible_to(actor).values("pk")).exists()
    return Duplicates(numbers, elsewhere)


def id_check(*, actor, window: ServiceWindow, id_number: str, category: str) -> Duplicates:
    """The intake screen's look-up of a typed ID number (issue 12 item 2): an acting role on the window's region
    (404 out of scope, 403 without it), every look-up logged as an access to personal data (the keyed hash's
    prefix names the person without the number), and another region's case answered only by `ELSEWHERE`."""
    access.require_role(actor, window.region.code, ACTING_ROLES)
    PersonalDataAccess.objects.create(
        user=actor,
        model=Case._meta.label,
        object_pk=hash_lookup(id_number, normalise_id_number)[:16],
        field="id_number",
        region_code=window.region.code,
        reason="受理时身份证号查重",
    )
    return duplicates_for(actor, id_number, category)


def validate_applicant(
    errors: dict, *, applicant_name: str, id_number: str, phone: str, today: dt.date
) -> None:
    """Add to `errors` what is wrong with the applicant's name, ID number and phone (intake and booking)."""
    if not (applicant_name or "").strip():
        errors["applicant_name"] = _("请填写申请人姓名")
    problem = id_number_error(id_number or "", today)
    if problem:
        errors["id_number"] = problem
    problem = rules.phone_error(phone)
    if problem:
        errors["phone"] = problem


def _first_responder(*, actor, window: ServiceWindow):
    """首问负责人 (粤民发〔2018〕170号 二(一)): the staff member who receives the request; for online applications and
    appointments arriving through a provincial system's service account, the duty officer of the receiving window."""
    if not _is_service_account(actor):
        return actor
    if window.duty_officer_id:
        return window.duty_officer
    raise ValidationError({"window": _("受理窗口未设置值班人员，无法确定首问负责人")})


def _is_service_account(user) -> bool:
    roles = {g.role for g in access.grants(user)}
    return bool(roles) and roles <= {Role.SERVICE_ACCOUNT}


def _receiving_window(actor, window: ServiceWindow | None, accepting_region: Region | None) -> ServiceWindow:
    """The window given, or the accepting region's active window (the one with a duty officer first); the actor
    needs an acting role on its region (404 out of scope, 403 without the role)."""
    if window is None and accepting_region is not None:
        window = (
            ServiceWindow.objects.filter(region=accepting_region, active=True)
            .select_related("duty_officer", "region")
            .order_by(F("duty_officer").asc(nulls_last=True), "id")
            .first()
        )
    if window is None:
        raise ValidationError({"window": _("请指定受理窗口")})
    # a provincial system's account takes cases in (domain.md 8)
    access.require_role(actor, window.region.code, INTAKE_ROLES)
    return window


def _intake_errors(
    window: ServiceWindow,
    household_region,
    category,
    channel,
    description,
    attachments,
    today,
    **applicant,
) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not window.active:
        errors["window"] = _("该窗口已停用")
    validate_applicant(errors, today=today, **applicant)
    if household_region is None or household_region.level not in HOUSEHOLD_LEVELS:
        errors["household_region"] = _("户籍地应为乡镇（街道）或村（社区）")
    if category not in CaseCategory.values:
        errors["category"] = _("未知的事项类别")
    if channel not in CaseChannel.values:
        errors["channel"] = _("未知的渠道")
    if not (description or "").strip():
        errors["description"] = _("请填写求助内容")
    problems = attachment_problems(attachments)
    if problems:
        errors["attachments"] = "；".join(problems)
    return errors


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
    sms_opt_in: bool = False,
) -> Intake:
    """Register a request at a window (一门受理): any window in the province accepts, whatever the household region.

    Validates everything first (ID number, phone, regions, category, channel, role on the window's region), then
    saves the case with a fresh number and a `receive` event (and `accept`, then a cross-region transfer, when
    `accept_now`); with `sms_opt_in` the applicant is texted each public step. Raises ValidationError (nothing
    saved) or Http404/PermissionDenied out of scope.
    """
    now = timezone.now()
    window = _receiving_window(actor, window, accepting_region)
    errors = _intake_errors(
        window,
        household_region,
        category,
        channel,
        description,
        attachments,
        timezone.localdate(now),
        applicant_name=applicant_name,
        id_number=id_number,
        phone=phone,
    )
    if errors:
        raise ValidationError(errors)
    duplicates = duplicates_for(actor, id_number, category)
    with transaction.atomic(), set_actor(actor):
        case = _new_case(
            window,
            actor,
            now,
            first_responder=_first_responder(actor=actor, window=window),
            channel=channel,
            category=category,
            household_region=household_region,
            applicant_name=applicant_name.strip(),
            id_number=normalise_id_number(id_number),
            phone=rules.normalise_phone(phone),
            description=description.strip(),
            sms_opt_in=bool(sms_opt_in),  # texts on each public step (a mobile number only)
        )
        for upload in attachments:
            store_attachment(case, actor, upload)
        if accept_now:
            case_accept(actor=actor, case=case)
    return Intake(case=case, duplicates=duplicates.numbers, elsewhere=duplicates.elsewhere)


_READ_IN_THIS_REQUEST = ["window", "accepting_region", "region", "household_region", "first_responder"]


def _new_case(
    window: ServiceWindow, actor, now, *, category: str, household_region: Region, **fields
) -> Case:
    """Save a validated case with the next number of its window's region, the first step's time limit and the
    `receive` event."""
    region = window.region
    today = timezone.localdate(now)
    clocks = clocks_for(CaseStatus.RECEIVED, category, region.code, today, received_on=today, case_due=None)
    case = Case(
        number=rules.case_number(region.code, today, next_sequence(region.code, today)),
        category=category,
        department=department_for(category),
        window=window,
        accepting_region=region,
        region=region,
        region_code=region.code,
        household_region=household_region,
        phone_last4=fields["phone"][-4:],
        cross_region=rules.needs_cross_region_transfer(region.code, household_region.code),
        received_at=now,
        step_started_on=today,
        due_date=clocks.due_date,
        case_due_date=clocks.case_due_date,
        deadline_provisional=clocks.provisional,
        **fields,
    )
    # the related rows were read in this request (their foreign keys guard them again), and the number comes from
    # the counter's upsert, unique by construction and by its constraint: no existence or uniqueness query each
    case.full_clean(exclude=["id_number_hash", *_READ_IN_THIS_REQUEST], validate_unique=False)
    case.save()
    record_event(
        case,
        actor,
        CaseAction.RECEIVE,
        "",
        CaseStatus.RECEIVED,
        now,
        to_region_code=region.code,
        to_unit=case.department,
        public_note=gettext_noop("您的求助已登记"),
    )
    return case


def store_attachment(case: Case, actor, upload) -> CaseAttachment:
    attachment = CaseAttachment(case=case, name=upload.name[:200], size=upload.size, uploaded_by=actor)
    attachment.file.save(upload.name, upload, save=False)
    attachment.save()
    return attachment


def attachment_problems(files) -> list[str]:
    """Each refused upload with its reason (core.uploads: type by name, size, then the content against its type)."""
    return [f"{f.name}: {p}" for f in files if (p := document_problem(f))]


def case_attach(*, actor, case: Case, files) -> list[CaseAttachment]:
    """Add documents to a case (an acting role where it is handled); all refused if one is not acceptable."""
    require_actor(actor, case)
    files = list(files)
    if not files:
        raise ValidationError({"files": _("请选择文件")})
    problems = attachment_problems(files)
    if problems:
        raise ValidationError({"files": "；".join(problems)})
    with transaction.atomic(), set_actor(actor):
        return [store_attachment(case, actor, f) for f in files]
