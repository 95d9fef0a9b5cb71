"""Cases with their first responder and immutable events, their documents, and the daily number counter.

粤民发〔2018〕170号 二(一) (first-inquiry responsibility, the steps) and 二(四) (online, cross-region application).
"""

from __future__ import annotations

import uuid
from functools import reduce
from operator import or_
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Substr
from django.db.models.lookups import Exact
from django.utils.translation import gettext_lazy as _

from regions.access import can_see_code, scope_q, visible_prefixes
from regions.models import Region, RegionScopedQuerySet
from regions.personal import EncryptedCharField
from regions.rules import mask_id_number, mask_phone, normalise_id_number

from .. import rules
from ..choices import CaseAction, CaseCategory, CaseChannel, CaseStatus, FeedbackMethod, TransferKind
from .windows import ServiceWindow


def overdue_q(today) -> Q:
    """Open and past either clock (the step's or the whole case's) today."""
    return Q(status__in=rules.OPEN_STATUSES) & (Q(due_date__lt=today) | Q(case_due_date__lt=today))


def ever_overdue_q(today) -> Q:
    """Overdue at some time: recorded (`ever_overdue`, kept through every later step) or overdue now and not yet
    recorded by the job. What every report counts (domain.md 12)."""
    return Q(ever_overdue=True) | overdue_q(today)


#: region codes a list matches by an index of their own: a county's 6 characters, a township's 9 (issue 17)
INDEXED_PREFIX_LENGTHS = (6, 9)


def region_prefix_q(code: str) -> Q:
    """Cases handled in the region `code` or below it. A county's or a township's code is matched as the first 6 or
    9 characters of `region_code`, the expressions the indexes case_county_status_id and case_township_status_id
    hold with the status and the id: a page of a county's cases, newest first, is read from the index in order
    instead of sorting every case of the county. Other lengths match as a prefix (LIKE 'code%')."""
    if len(code) in INDEXED_PREFIX_LENGTHS:
        return Q(Exact(Substr("region_code", 1, len(code)), code))
    return Q(region_code__startswith=code)


class CaseQuerySet(RegionScopedQuerySet):
    """Cases a user may see: their region scope, OR every case they first received, wherever it has gone
    (首问负责制, 粤民发〔2018〕170号 二(一)). One query; `region_code` and `first_responder` are indexed."""

    REGION_CODE_PATH = "region_code"

    def visible_to(self, user) -> CaseQuerySet:
        q = scope_q(user, "region_code")
        if q is None:
            return self
        prefixes = visible_prefixes(user) if getattr(user, "is_authenticated", False) else []
        if prefixes:  # the same regions, matched the way the indexes hold them
            q = reduce(or_, (region_prefix_q(p) for p in prefixes))
        if getattr(user, "is_authenticated", False):
            q = q | Q(first_responder=user)
        return self.filter(q)

    def open(self) -> CaseQuerySet:
        return self.filter(status__in=rules.OPEN_STATUSES)


def sees_case(user, region_code: str, first_responder_id: int | None) -> bool:
    """`visible_to` for one case read as values: its region in the user's scope (regions.access), or the user its
    first responder (a test holds the two to the same answers)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return can_see_code(user, region_code) or first_responder_id == user.pk


class Case(models.Model):
    """A request for help, from the window that received it until the applicant has had feedback and it is closed.

    `region` is where the case is handled now (a transfer to another region moves it); `accepting_region` is the
    window's region and never changes; `first_responder` is fixed for the case's life.
    """

    REGION_CODE_PATH = "region_code"

    number = models.CharField(_("编号"), max_length=32, unique=True)
    channel = models.CharField(_("渠道"), max_length=20, choices=CaseChannel.choices)
    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices)
    department = models.CharField(_("承办部门"), max_length=100)
    status = models.CharField(
        _("状态"), max_length=20, choices=CaseStatus.choices, default=CaseStatus.RECEIVED
    )

    window = models.ForeignKey(
        ServiceWindow,
        verbose_name=_("受理窗口"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="cases",
    )
    accepting_region = models.ForeignKey(
        Region, verbose_name=_("受理地"), on_delete=models.PROTECT, related_name="+"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("当前办理地"), on_delete=models.PROTECT, related_name="+"
    )
    #: the code of `region`, denormalised so scoping and the queue are one indexed filter without a join
    region_code = models.CharField(_("当前办理地代码"), max_length=12)
    household_region = models.ForeignKey(
        Region, verbose_name=_("户籍地"), on_delete=models.PROTECT, related_name="+"
    )
    first_responder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("首问负责人"),
        on_delete=models.PROTECT,
        related_name="first_cases",
    )

    applicant_name = models.CharField(_("申请人姓名"), max_length=50)
    id_number = EncryptedCharField(
        _("公民身份号码"), hash_field="id_number_hash", normalise=normalise_id_number
    )
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone = EncryptedCharField(_("联系电话"), blank=True)
    phone_last4 = models.CharField(_("电话后四位"), max_length=4, blank=True)
    sms_opt_in = models.BooleanField(_("办理进度短信通知"), default=False)
    description = models.TextField(_("求助内容"))

    assigned_unit = models.CharField(_("承办单位"), max_length=100, blank=True)
    assigned_worker = models.ForeignKey(
        "staffing.Worker",
        verbose_name=_("经办人员"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="windows_cases",
    )
    transfer_kind = models.CharField(_("转办类型"), max_length=20, choices=TransferKind.choices, blank=True)
    cross_region = models.BooleanField(_("异地申请"), default=False)

    received_at = models.DateTimeField(_("登记时间"), db_index=True)
    step_started_on = models.DateField(_("当前环节起算日"))
    #: the step clock: the limit of the step running now (restarts with each step)
    due_date = models.DateField(_("当前环节办理期限"), null=True, blank=True)
    #: when the step clock's overdue was recorded (per step: the next step may be overdue and recorded again)
    overdue_marked_at = models.DateTimeField(_("标记超期时间"), null=True, blank=True)
    #: the whole-case clock: from registration to close, never restarted
    case_due_date = models.DateField(_("全程办理期限"), null=True, blank=True)
    case_overdue_marked_at = models.DateTimeField(_("全程超期标记时间"), null=True, blank=True)
    #: set once either clock ran out and never cleared by a later step: every report counts it
    ever_overdue = models.BooleanField(_("曾超期"), default=False)
    #: a limit ran into a year whose holiday schedule is not loaded: the date counts weekends only
    deadline_provisional = models.BooleanField(_("期限待定"), default=False)
    closed_at = models.DateTimeField(_("办结时间"), null=True, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    #: bumped by every step, so two people acting on one case at once cannot both win, even for a step that
    #: keeps the status (re-assign, a second feedback)
    version = models.PositiveIntegerField(default=0)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("求助事项")
        verbose_name_plural = _("求助事项")
        indexes = [
            # the queue and the API list: region prefix (LIKE 'code%') + status, newest first
            models.Index(
                fields=["region_code", "status", "id"],
                name="case_region_status_id",
                opclasses=["varchar_pattern_ops", "", ""],
            ),
            # a county's or a township's list (region_prefix_q) + status, newest first: read in index order
            models.Index(Substr("region_code", 1, 6), F("status"), F("id"), name="case_county_status_id"),
            models.Index(Substr("region_code", 1, 9), F("status"), F("id"), name="case_township_status_id"),
            models.Index(fields=["status", "due_date"], name="case_status_due"),
            models.Index(fields=["id_number_hash", "category", "status"], name="case_duplicate_lookup"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)

    @property
    def is_open(self) -> bool:
        return self.status in rules.OPEN_STATUSES

    def is_overdue(self, today) -> bool:
        """Overdue now, on either clock."""
        return rules.is_overdue(self.status, self.due_date, today) or rules.is_overdue(
            self.status, self.case_due_date, today
        )


class CaseEvent(models.Model):
    """One step of a case: who, when, from, to, why. Immutable: never updated or deleted."""

    case = models.ForeignKey(
        Case, verbose_name=_("求助事项"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=20, choices=CaseAction.choices)
    from_status = models.CharField(_("原状态"), max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=CaseStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        help_text=_("空：系统记录（如超期）"),
    )
    at = models.DateTimeField(_("时间"))
    from_region_code = models.CharField(_("原办理地"), max_length=12, blank=True)
    to_region_code = models.CharField(_("新办理地"), max_length=12, blank=True)
    from_unit = models.CharField(_("原部门/单位"), max_length=100, blank=True)
    to_unit = models.CharField(_("新部门/单位"), max_length=100, blank=True)
    note = models.TextField(_("说明"), blank=True)
    #: what the applicant may read on the public status page (nothing personal)
    public_note = models.CharField(_("公开说明"), max_length=300, blank=True)
    feedback_method = models.CharField(
        _("告知方式"), max_length=20, choices=FeedbackMethod.choices, blank=True
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        indexes = [models.Index(fields=["case", "id"], name="caseevent_case_id")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("办理记录不可修改"))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("办理记录不可删除"))


def _attachment_path(instance, filename: str) -> str:
    # a random name: the original name (which may name the applicant) stays in the database only
    return f"windows/cases/{instance.case_id}/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"


class CaseAttachment(models.Model):
    """A document handed in with a case (application form, certificates …): personal data, served only through a
    scoped view, never from a public URL."""

    case = models.ForeignKey(
        Case, verbose_name=_("求助事项"), on_delete=models.PROTECT, related_name="attachments"
    )
    file = models.FileField(_("文件"), upload_to=_attachment_path)
    name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("上传人"), on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("上传时间"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    def __str__(self) -> str:
        return self.name


class CaseCounter(models.Model):
    """The last sequence number given out per accepting region and day (incremented with one upsert)."""

    region_code = models.CharField(max_length=12)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("编号计数")
        verbose_name_plural = _("编号计数")
        constraints = [models.UniqueConstraint(fields=["region_code", "day"], name="case_counter_per_day")]

    def __str__(self) -> str:
        return f"{self.region_code} {self.day}: {self.last}"
