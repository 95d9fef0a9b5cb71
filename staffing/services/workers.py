"""Writes for workers and their postings: atomic, validated before anything is saved, audited, recompute on commit.

Other apps use `worker_create` and `worker_reassign` (training: an "unsuited" assessment → reassignment, 二(五)).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from core.exceptions import Conflict
from core.services import model_update
from regions import access
from regions.audit import set_actor
from regions.models import Region
from regions.personal import hash_lookup
from regions.rules import (
    birth_date_from_id,
    credit_code_error,
    id_number_error,
    normalise_credit_code,
    normalise_id_number,
)

from .. import rules
from ..choices import Employment, Post, PostingKind, WorkerStatus
from ..models import Posting, Worker
from ..signals import worker_moved
from .compliance import compliance_request_current

WORKER_FIELDS = (
    "name",
    "id_number",
    "phone",
    "post",
    "employment",
    "dispatching_org_name",
    "dispatching_org_credit_code",
    "education",
    "full_time",
    "social_work_qualification",
    "veteran",
    "birth_date",
    "graduation_date",
    "computer_literate",
    "start_date",
)

NOT_EDITABLE_HERE = gettext_lazy("此字段不能在此修改（调岗请用调整岗位）")


def _today() -> dt.date:
    return timezone.localdate()


def _check_actor(actor, region: Region) -> None:
    """Actors act only where they hold an acting role (404 out of scope, 403 wrong role); None is the system."""
    if actor is not None:
        access.require_role(actor, region.code)


def _after_staff_change() -> None:
    """Staff changes move the current period's compliance: queue a coalesced recompute on commit."""
    compliance_request_current()


def worker_validate(worker: Worker, *, today: dt.date) -> None:
    """Every check on a worker's fields at once (ValidationError with field errors)."""
    errors: dict[str, str] = {}
    if worker.id_number:
        worker.id_number = normalise_id_number(worker.id_number)
        problem = id_number_error(worker.id_number, today)
        if problem:
            errors["id_number"] = problem
        elif worker.birth_date is None:
            worker.birth_date = birth_date_from_id(worker.id_number)
    else:
        errors["id_number"] = _("请填写公民身份号码")
    if worker.region_id and worker.post:
        problem = rules.post_level_error(worker.post, worker.region.level)
        if problem:
            errors["post"] = problem
    errors.update(
        rules.dispatch_fields_error(
            worker.employment, worker.dispatching_org_name or "", worker.dispatching_org_credit_code or ""
        )
    )
    if worker.dispatching_org_credit_code and "dispatching_org_credit_code" not in errors:
        worker.dispatching_org_credit_code = normalise_credit_code(worker.dispatching_org_credit_code)
        problem = credit_code_error(worker.dispatching_org_credit_code)
        if problem:
            errors["dispatching_org_credit_code"] = problem
    if worker.employment == Employment.ESTABLISHED:
        worker.dispatching_org_name = ""
        worker.dispatching_org_credit_code = ""
    if worker.start_date and worker.start_date > today + dt.timedelta(days=366):
        errors["start_date"] = _("入职日期过远")
    if worker.graduation_date and worker.birth_date and worker.graduation_date < worker.birth_date:
        errors["graduation_date"] = _("毕业日期早于出生日期")
    try:
        worker.full_clean(exclude=["id_number_hash", "phone_hash", *errors])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, " ".join(messages))
    if "id_number" not in errors:
        same = Worker.objects.filter(
            id_number_hash=hash_lookup(worker.id_number, normalise_id_number), status=WorkerStatus.ACTIVE
        ).exclude(pk=worker.pk)
        if same.exists():
            errors["id_number"] = _("该身份证号码已有在岗人员记录")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def worker_create(*, actor, region: Region, today: dt.date | None = None, **fields) -> Worker:
    """Register a worker posted to `region` and open their first posting (kind 'hire') from the start date.

    `fields` are Worker fields (see WORKER_FIELDS); birth_date defaults to the one in the ID number and start_date
    to today. Raises ValidationError (field errors) and saves nothing on bad input.
    """
    today = today or _today()
    _check_actor(actor, region)
    unknown = set(fields) - set(WORKER_FIELDS)
    if unknown:
        raise ValidationError({name: _("未知字段") for name in sorted(unknown)})
    fields.setdefault("start_date", today)
    worker = Worker(region=region, status=WorkerStatus.ACTIVE, **fields)
    worker_validate(worker, today=today)
    with set_actor(actor):
        worker.save()
        Posting.objects.create(
            worker=worker,
            region=region,
            post=worker.post,
            kind=PostingKind.HIRE,
            started_on=worker.start_date,
            reason=gettext_noop("入职"),
            created_by=actor,
        )
    _after_staff_change()
    return worker


@transaction.atomic
def worker_update(*, actor, worker: Worker, today: dt.date | None = None, **fields) -> Worker:
    """Change a worker's personal and qualification fields (not the posting: use worker_reassign)."""
    today = today or _today()
    _check_actor(actor, worker.region)
    editable = set(WORKER_FIELDS) - {"post", "start_date"}
    worker = Worker.objects.select_for_update().get(pk=worker.pk)
    model_update(worker, fields, allowed=editable, message=NOT_EDITABLE_HERE)
    worker_validate(worker, today=today)
    with set_actor(actor):
        worker.save()
    return worker


def _lock_active(worker: Worker) -> Worker:
    # no join in the locking query: PostgreSQL re-checks a join against the row a concurrent writer just changed
    # (a reassignment changes region_id) and would then find no row at all
    locked = Worker.objects.select_for_update().get(pk=worker.pk)
    if locked.status != WorkerStatus.ACTIVE:
        raise Conflict(
            _("该人员当前状态为“{get_status_display}”，不能调整").format(
                get_status_display=locked.get_status_display()
            ),
            code="worker_not_active",
        )
    return locked


def _close_posting(worker: Worker, on: dt.date) -> None:
    current = Posting.objects.filter(worker=worker, ended_on__isnull=True).order_by("-started_on").first()
    if current is not None:
        if current.started_on > on:
            raise ValidationError({"on": _("日期早于当前任职开始日期")})
        current.ended_on = on
        current.save(update_fields=["ended_on"])


@transaction.atomic
def worker_reassign(
    *,
    actor,
    worker: Worker,
    to_region: Region,
    reason: str,
    post: str | None = None,
    on: dt.date | None = None,
) -> Worker:
    """Move an active worker to another region and/or post from `on` (default today) (粤民发〔2018〕170号 二(五):
    staff unsuited to their work are reassigned). The current posting ends, a new one opens with the reason; the
    worker stays active. `post` defaults to the current post. The actor needs an acting role on both regions.

    Raises ValidationError (no reason, post not valid at the new region's level, nothing changes) or Conflict
    (the worker is no longer active, e.g. someone else ended the posting first).
    """
    on = on or _today()
    reason = (reason or "").strip()
    worker = _lock_active(worker)
    _check_actor(actor, worker.region)
    _check_actor(actor, to_region)
    post = post or worker.post
    errors = {}
    if not reason:
        errors["reason"] = _("请填写调整原因")
    if post not in Post.values:
        errors["post"] = _("岗位无效")
    else:
        problem = rules.post_level_error(post, to_region.level)
        if problem:
            errors["post"] = problem
    if to_region.pk == worker.region_id and post == worker.post:
        errors["to_region"] = _("新岗位与当前岗位相同")
    if errors:
        raise ValidationError(errors)
    with set_actor(actor):
        _close_posting(worker, on)
        Posting.objects.create(
            worker=worker,
            region=to_region,
            post=post,
            kind=PostingKind.REASSIGN,
            started_on=on,
            reason=reason,
            created_by=actor,
        )
        moved = worker.region_id != to_region.pk
        worker.region = to_region
        worker.post = post
        worker.save(update_fields=["region", "post", "updated_at"])
        if moved:
            worker_moved.send(sender=Worker, worker=worker, on=on)
    _after_staff_change()
    return worker


@transaction.atomic
def worker_leave(
    *, actor, worker: Worker, reason: str, status: str = WorkerStatus.LEFT, on: dt.date | None = None
) -> Worker:
    """End an active worker's posting: `left` (离职) or `reassigned` (调离经办岗位, 二(五)). History is kept."""
    on = on or _today()
    reason = (reason or "").strip()
    if status not in (WorkerStatus.LEFT, WorkerStatus.REASSIGNED):
        raise ValidationError({"status": _("状态只能为离职或调离")})
    if not reason:
        raise ValidationError({"reason": _("请填写原因")})
    worker = _lock_active(worker)
    _check_actor(actor, worker.region)
    kind = PostingKind.LEAVE if status == WorkerStatus.LEFT else PostingKind.TRANSFER_OUT
    with set_actor(actor):
        _close_posting(worker, on)
        Posting.objects.create(
            worker=worker,
            region=worker.region,
            post=worker.post,
            kind=kind,
            started_on=on,
            ended_on=on,
            reason=reason,
            created_by=actor,
        )
        worker.status = status
        worker.save(update_fields=["status", "updated_at"])
    _after_staff_change()
    return worker
