"""Service windows, cases with their first responder and immutable events, appointments, and the rule tables
(routing, time limits, holidays) that counties edit as data.

粤民发〔2018〕170号 二(一) (windows, first-inquiry responsibility, the steps) and 二(四) (online, appointments,
cross-region application).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet
from regions.personal import EncryptedCharField
from regions.rules import mask_id_number, mask_phone, normalise_id_number

from .choices import (
    AppointmentStatus,
    CaseAction,
    CaseCategory,
    CaseChannel,
    CaseStatus,
    DeadlineStep,
    FeedbackMethod,
    TransferKind,
)


class RoutingRule(models.Model):
    """Which department handles a category (一门受理、协同办理: some go to other departments)."""

    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices, unique=True)
    department = models.CharField(_("承办部门"), max_length=100)
    collaborative = models.BooleanField(
        _("协同办理"), default=False, help_text=_("由民政以外的部门承办，窗口受理后转交")
    )

    class Meta:
        ordering = ["category"]
        verbose_name = _("分办规则")
        verbose_name_plural = _("分办规则")

    def __str__(self) -> str:
        return f"{self.get_category_display()} → {self.department}"


class DeadlineRule(models.Model):
    """A time limit in working days for one category and step (data, so a county can change it)."""

    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices)
    step = models.CharField(_("环节"), max_length=20, choices=DeadlineStep.choices)
    working_days = models.PositiveSmallIntegerField(_("时限（工作日）"))
    source = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        ordering = ["category", "step"]
        verbose_name = _("办理时限")
        verbose_name_plural = _("办理时限")
        constraints = [models.UniqueConstraint(fields=["category", "step"], name="deadline_once_per_step")]

    def __str__(self) -> str:
        return f"{self.get_category_display()}·{self.get_step_display()}: {self.working_days}"


class Holiday(models.Model):
    """The holiday table: a date that is a holiday, or a weekend day that is a make-up working day (调休上班)."""

    date = models.DateField(_("日期"), unique=True)
    is_working_day = models.BooleanField(_("调休上班"), default=False)
    name = models.CharField(_("名称"), max_length=50)

    class Meta:
        ordering = ["date"]
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")

    def __str__(self) -> str:
        return f"{self.date} {self.name}{'（上班）' if self.is_working_day else ''}"


class ServiceWindow(models.Model):
    """A 一门受理、协同办理 window of a township (street) or village (community) (粤民发〔2018〕170号 二(一))."""

    region = models.ForeignKey(Region, verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("窗口名称"), max_length=100)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    hours = models.CharField(_("办公时间"), max_length=100, blank=True)
    phone = models.CharField(_("咨询电话"), max_length=30, blank=True)
    # 二(一): 统一窗口标识、固定工作岗位、明确工作职责、建立服务规范、公示救助政策
    has_signage = models.BooleanField(_("统一窗口标识"), default=False)
    has_fixed_posts = models.BooleanField(_("固定工作岗位"), default=False)
    has_duties = models.BooleanField(_("明确工作职责"), default=False)
    has_service_rules = models.BooleanField(_("建立服务规范"), default=False)
    has_policies_displayed = models.BooleanField(_("公示救助政策"), default=False)
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("在岗人员"), blank=True, related_name="service_windows"
    )
    duty_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("值班人员"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("网上申请和预约的首问负责人"),
    )
    active = models.BooleanField(_("启用"), default=True)

    objects = RegionScopedQuerySet.as_manager()

    CHECKLIST = (
        "has_signage",
        "has_fixed_posts",
        "has_duties",
        "has_service_rules",
        "has_policies_displayed",
    )

    class Meta:
        ordering = ["region__code", "name"]
        verbose_name = _("服务窗口")
        verbose_name_plural = _("服务窗口")
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="window_name_unique_in_region")
        ]

    def __str__(self) -> str:
        return self.name

    def checklist(self) -> list[tuple[str, bool]]:
        return [(str(self._meta.get_field(f).verbose_name), getattr(self, f)) for f in self.CHECKLIST]

    @property
    def checklist_done(self) -> int:
        return sum(1 for f in self.CHECKLIST if getattr(self, f))

    def clean(self) -> None:
        if self.region_id and self.region.level not in ("township", "village"):
            raise ValidationError(
                {"region": "窗口设在乡镇（街道）或村（社区） / a window belongs to a township or village"}
            )


class CaseQuerySet(RegionScopedQuerySet):
    """Cases a user may see: their region scope, OR every case they first received, wherever it has gone
    (首问负责制, 粤民发〔2018〕170号 二(一)). One query; `region_code` and `first_responder` are indexed."""

    REGION_CODE_PATH = "region_code"

    def visible_to(self, user) -> CaseQuerySet:
        from regions.access import scope_q

        q = scope_q(user, "region_code")
        if q is None:
            return self
        if getattr(user, "is_authenticated", False):
            q = q | Q(first_responder=user)
        return self.filter(q)

    def open(self) -> CaseQuerySet:
        from .rules import OPEN_STATUSES

        return self.filter(status__in=OPEN_STATUSES)


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
    due_date = models.DateField(_("当前环节办理期限"), null=True, blank=True)
    overdue_marked_at = models.DateTimeField(_("标记超期时间"), null=True, blank=True)
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
        from .rules import OPEN_STATUSES

        return self.status in OPEN_STATUSES

    def is_overdue(self, today) -> bool:
        from .rules import is_overdue

        return is_overdue(self.status, self.due_date, today)


class CaseEvent(models.Model):
    """One step of a case: who, when, from, to, why. Immutable: never updated or deleted."""

    case = models.ForeignKey(
        Case, verbose_name=_("求助事项"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("操作"), max_length=20, choices=CaseAction.choices)
    from_status = models.CharField(_("原状态"), max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(_("新状态"), max_length=20, choices=CaseStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("操作人"), on_delete=models.PROTECT, related_name="+"
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
            raise ValidationError("办理记录不可修改 / case events are immutable")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("办理记录不可删除 / case events are immutable")


def _attachment_path(instance, filename: str) -> str:
    import uuid
    from pathlib import Path

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


class AppointmentSlot(models.Model):
    """A bookable period at a window with a capacity (网上预约, 粤民发〔2018〕170号 二(四))."""

    REGION_CODE_PATH = "window__region__code"

    window = models.ForeignKey(
        ServiceWindow, verbose_name=_("窗口"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("开始"))
    ends_at = models.DateTimeField(_("结束"))
    capacity = models.PositiveSmallIntegerField(_("可约人数"))
    booked = models.PositiveSmallIntegerField(_("已约人数"), default=0)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("预约时段")
        verbose_name_plural = _("预约时段")
        constraints = [
            models.UniqueConstraint(fields=["window", "starts_at"], name="slot_once_per_start"),
            models.CheckConstraint(condition=Q(booked__lte=models.F("capacity")), name="slot_not_overbooked"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.window} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def available(self) -> int:
        return max(self.capacity - self.booked, 0)


class Appointment(models.Model):
    """A booking of one place in a slot; cancelled, no-show, or turned into a case."""

    REGION_CODE_PATH = "region_code"

    slot = models.ForeignKey(
        AppointmentSlot, verbose_name=_("时段"), on_delete=models.PROTECT, related_name="appointments"
    )
    region_code = models.CharField(_("窗口区划代码"), max_length=12, db_index=True)
    applicant_name = models.CharField(_("申请人姓名"), max_length=50)
    id_number = EncryptedCharField(
        _("公民身份号码"), hash_field="id_number_hash", normalise=normalise_id_number
    )
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone = EncryptedCharField(_("联系电话"), blank=True)
    category = models.CharField(_("事项类别"), max_length=20, choices=CaseCategory.choices)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=AppointmentStatus.choices, default=AppointmentStatus.BOOKED
    )
    case = models.OneToOneField(
        Case,
        verbose_name=_("求助事项"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="appointment",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("预约登记人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("预约时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("预约")
        verbose_name_plural = _("预约")

    def __str__(self) -> str:
        return f"{self.slot} {self.get_status_display()}"

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number)

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone)
