"""Staffing: workers and their postings, the staffing rule table, aid-household caseloads, compliance snapshots.

粤民发〔2018〕170号 二(二) (minimum staff per county and township by aid households), 二(三) (1-2 coordinators per
village), 二(五) (unsuited staff are reassigned; a worker's record keeps its history).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet
from regions.personal import EncryptedCharField
from regions.rules import mask_id_number, mask_phone, normalise_id_number

from .choices import (
    CandidateStatus,
    ComplianceStatus,
    Education,
    Employment,
    ImportState,
    Post,
    PostingKind,
    RoundStatus,
    RuleLevel,
    RunState,
    WorkerStatus,
)


def normalise_phone(value: str) -> str:
    return "".join(ch for ch in (value or "") if ch.isdigit() or ch == "+")


class Worker(models.Model):
    """A handling staff member (经办人员) or village coordinator (协理员), posted to one region.

    `region` and `post` are the current posting; `Posting` rows keep every posting with its dates.
    """

    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedCharField(
        _("公民身份号码"), hash_field="id_number_hash", normalise=normalise_id_number
    )
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField(_("联系电话"), blank=True, hash_field="phone_hash", normalise=normalise_phone)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    region = models.ForeignKey(
        Region, verbose_name=_("任职区域"), on_delete=models.PROTECT, related_name="staffing_workers"
    )
    post = models.CharField(_("岗位"), max_length=30, choices=Post.choices)
    employment = models.CharField(_("用工方式"), max_length=20, choices=Employment.choices)
    dispatching_org_name = models.CharField(_("派遣机构名称"), max_length=200, blank=True)
    dispatching_org_credit_code = models.CharField(_("派遣机构统一社会信用代码"), max_length=18, blank=True)
    education = models.CharField(_("学历"), max_length=20, choices=Education.choices)
    full_time = models.BooleanField(_("全日制"), default=True)
    social_work_qualification = models.BooleanField(_("社会工作职业资格"), default=False)
    veteran = models.BooleanField(_("退役军人"), default=False)
    birth_date = models.DateField(_("出生日期"))
    graduation_date = models.DateField(_("毕业日期"), null=True, blank=True)
    computer_literate = models.BooleanField(_("熟悉计算机操作"), default=True)
    start_date = models.DateField(_("入职日期"))
    status = models.CharField(
        _("状态"), max_length=20, choices=WorkerStatus.choices, default=WorkerStatus.ACTIVE, db_index=True
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "name", "pk"]
        verbose_name = _("经办人员")
        verbose_name_plural = _("经办人员")
        indexes = [models.Index(fields=["status", "post"])]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_post_display()}）"

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number or "")

    @property
    def phone_masked(self) -> str:
        return mask_phone(self.phone or "")


class Posting(models.Model):
    """One posting of a worker: where, which post, from when to when, and why it started (二(五) history).

    A worker's open posting (`ended_on` empty) is the current one; leaving or being moved off handling work ends
    it. Staff counts for a period are the postings open on that period's reference date.
    """

    worker = models.ForeignKey(
        Worker, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="postings"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("任职区域"), on_delete=models.PROTECT, related_name="staffing_postings"
    )
    post = models.CharField(_("岗位"), max_length=30, choices=Post.choices)
    kind = models.CharField(_("变动类型"), max_length=20, choices=PostingKind.choices)
    started_on = models.DateField(_("开始日期"))
    ended_on = models.DateField(_("结束日期"), null=True, blank=True)
    reason = models.CharField(_("原因"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["worker_id", "started_on", "pk"]
        verbose_name = _("任职记录")
        verbose_name_plural = _("任职记录")
        indexes = [models.Index(fields=["started_on", "ended_on"])]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.region_id} {self.started_on}–{self.ended_on or ''}"


class StaffingRuleSet(models.Model):
    """A set of staffing brackets from one document, in force from a date (二(二)).

    The rule set in force for a period is the one with the latest `effective_from` on or before the period's first
    day (and not ended before it). Which aid categories count is part of the set (default: dibao + tekun).
    """

    name = models.CharField(_("名称"), max_length=200)
    source_document = models.CharField(_("依据文件"), max_length=200)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    count_dibao = models.BooleanField(_("计入低保户"), default=True)
    count_tekun = models.BooleanField(_("计入特困户"), default=True)
    count_temporary = models.BooleanField(_("计入临时救助户"), default=False)

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = _("人员配备规则")
        verbose_name_plural = _("人员配备规则")

    def __str__(self) -> str:
        return f"{self.name}（{self.effective_from} 起）"


class StaffingRule(models.Model):
    """One bracket: at `level`, `households_from`..`households_to` (inclusive; empty `to` = no upper end) aid
    households need at least `min_staff` handling staff. Overlapping edges: the larger minimum binds."""

    rule_set = models.ForeignKey(
        StaffingRuleSet, verbose_name=_("规则集"), on_delete=models.CASCADE, related_name="rules"
    )
    level = models.CharField(_("层级"), max_length=10, choices=RuleLevel.choices)
    households_from = models.PositiveIntegerField(_("户数下限（含）"))
    households_to = models.PositiveIntegerField(_("户数上限（含）"), null=True, blank=True)
    min_staff = models.PositiveIntegerField(_("最少人数"))

    class Meta:
        ordering = ["rule_set", "level", "households_from"]
        verbose_name = _("配备档次")
        verbose_name_plural = _("配备档次")

    def __str__(self) -> str:
        upper = self.households_to if self.households_to is not None else "∞"
        return f"{self.get_level_display()} {self.households_from}–{upper} 户: ≥{self.min_staff} 人"

    @property
    def source_document(self) -> str:
        return self.rule_set.source_document


class Caseload(models.Model):
    """Aid households in a region for a month, recorded at the smallest level the source gives.

    A county's or township's households are the sum over every caseload at or below it; a region never reports
    when a region above or below it already reports for the same period (that would count twice).
    """

    region = models.ForeignKey(
        Region, verbose_name=_("区域"), on_delete=models.PROTECT, related_name="staffing_caseloads"
    )
    period = models.CharField(_("月份"), max_length=7, help_text="YYYY-MM")
    dibao_households = models.PositiveIntegerField(_("低保户数"), default=0)
    tekun_households = models.PositiveIntegerField(_("特困户数"), default=0)
    temporary_households = models.PositiveIntegerField(_("临时救助户数"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["period", "region__code"]
        verbose_name = _("救助对象户数")
        verbose_name_plural = _("救助对象户数")
        constraints = [models.UniqueConstraint(fields=["region", "period"], name="staffing_caseload_once")]
        indexes = [models.Index(fields=["period"])]

    def __str__(self) -> str:
        return f"{self.region_id} {self.period}"


class ComplianceSnapshot(models.Model):
    """Computed compliance of one region for one period (county, township or village), replaced per period."""

    # Derived rows replaced ~28,000 at a time: no database FK checks or extra indexes on the hot path (the unique
    # (period, region_code) index serves every read; Django still cascades a deleted region).
    region = models.ForeignKey(
        Region,
        verbose_name=_("区域"),
        on_delete=models.CASCADE,
        related_name="staffing_snapshots",
        db_constraint=False,
        db_index=False,
    )
    region_code = models.CharField(_("区划代码"), max_length=12)
    level = models.CharField(_("层级"), max_length=10)
    period = models.CharField(_("月份"), max_length=7)
    households = models.PositiveIntegerField(_("救助对象户数"), null=True, blank=True)
    required_staff = models.PositiveIntegerField(_("应配人数"), null=True, blank=True)
    actual_staff = models.PositiveIntegerField(_("实配人数"), default=0)
    shortfall = models.PositiveIntegerField(_("缺口"), default=0)
    status = models.CharField(_("状态"), max_length=10, choices=ComplianceStatus.choices)
    rule_set = models.ForeignKey(
        StaffingRuleSet,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )
    computed_at = models.DateTimeField(_("计算时间"))

    REGION_CODE_PATH = "region_code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region_code"]
        verbose_name = _("配备达标快照")
        verbose_name_plural = _("配备达标快照")
        # One row per (period, region) is guaranteed by compliance_recompute, which replaces a period under a
        # per-period lock. A plain index instead of a unique one: a unique index would re-check every new row
        # against the rows deleted in the same transaction, which doubled the time of a province recompute.
        indexes = [models.Index(fields=["period", "region_code"], name="staffing_snapshot_period_code")]

    def __str__(self) -> str:
        return f"{self.region_code} {self.period} {self.status}"


class ComplianceRun(models.Model):
    """The recompute state of one period: coalesces bursts of changes into one recompute."""

    period = models.CharField(_("月份"), max_length=7, unique=True)
    state = models.CharField(_("状态"), max_length=10, choices=RunState.choices, default=RunState.PENDING)
    requested_at = models.DateTimeField(_("请求时间"))
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("快照行数"), default=0)
    error = models.TextField(_("错误"), blank=True)

    class Meta:
        ordering = ["-period"]
        verbose_name = _("达标重算")
        verbose_name_plural = _("达标重算")

    def __str__(self) -> str:
        return f"{self.period} {self.state}"


class CaseloadImport(models.Model):
    """An uploaded caseload spreadsheet: validated (with progress) into a preview or row errors, then confirmed
    and saved all at once by a Celery task."""

    file = models.FileField(_("文件"), upload_to="staffing/imports/%Y/%m/")
    filename = models.CharField(_("文件名"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(
        _("状态"), max_length=12, choices=ImportState.choices, default=ImportState.PENDING
    )
    total_rows = models.PositiveIntegerField(_("行数"), default=0)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    errors = models.JSONField(_("错误"), default=list, blank=True)
    preview = models.JSONField(_("预览"), default=dict, blank=True)
    result = models.JSONField(_("结果"), default=dict, blank=True)
    created_at = models.DateTimeField(_("上传时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    #: the last sign of life of the step working on it (stale ones are reclaimed: services.caseload_imports_reclaim)
    progress_at = models.DateTimeField(_("最近进度时间"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("户数导入")
        verbose_name_plural = _("户数导入")

    def __str__(self) -> str:
        return f"{self.filename} {self.state}"


class RecruitmentRound(models.Model):
    """Open recruitment of dispatched staff by a county (粤民发〔2018〕170号 二(二): 公开招聘、择优录取).

    Ages and "fresh graduate" are judged on `round_date`; hired staff are dispatched by the named organisation.
    """

    region = models.ForeignKey(
        Region, verbose_name=_("招聘县（市、区）"), on_delete=models.PROTECT, related_name="staffing_rounds"
    )
    title = models.CharField(_("名称"), max_length=200)
    round_date = models.DateField(_("招聘日期"))
    dispatching_org_name = models.CharField(_("派遣机构名称"), max_length=200)
    dispatching_org_credit_code = models.CharField(_("派遣机构统一社会信用代码"), max_length=18)
    status = models.CharField(_("状态"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-round_date", "-pk"]
        verbose_name = _("招聘批次")
        verbose_name_plural = _("招聘批次")

    def __str__(self) -> str:
        return self.title


class RecruitmentPost(models.Model):
    """Openings of one post at one region in a round."""

    round = models.ForeignKey(RecruitmentRound, on_delete=models.CASCADE, related_name="posts")
    region = models.ForeignKey(Region, verbose_name=_("任职区域"), on_delete=models.PROTECT, related_name="+")
    post = models.CharField(_("岗位"), max_length=30, choices=Post.choices)
    openings = models.PositiveIntegerField(_("招聘人数"))

    REGION_CODE_PATH = "round__region__code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "post"]
        verbose_name = _("招聘岗位")
        verbose_name_plural = _("招聘岗位")

    def __str__(self) -> str:
        return f"{self.region} {self.get_post_display()} ×{self.openings}"


class Candidate(models.Model):
    """An applicant in a round, with merit score, eligibility, rank and the reason for the rank."""

    round = models.ForeignKey(RecruitmentRound, on_delete=models.CASCADE, related_name="candidates")
    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedCharField(
        _("公民身份号码"), hash_field="id_number_hash", normalise=normalise_id_number
    )
    id_number_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    phone = EncryptedCharField(_("联系电话"), blank=True, hash_field="phone_hash", normalise=normalise_phone)
    phone_hash = models.CharField(max_length=64, blank=True, editable=False)
    education = models.CharField(_("学历"), max_length=20, choices=Education.choices)
    full_time = models.BooleanField(_("全日制"), default=True)
    computer_literate = models.BooleanField(_("熟悉计算机操作"), default=True)
    social_work_qualification = models.BooleanField(_("社会工作职业资格"), default=False)
    veteran = models.BooleanField(_("退役军人"), default=False)
    birth_date = models.DateField(_("出生日期"))
    graduation_date = models.DateField(_("毕业日期"), null=True, blank=True)
    score = models.DecimalField(_("综合成绩"), max_digits=5, decimal_places=2)
    eligible = models.BooleanField(_("符合条件"), null=True, blank=True)
    rank = models.PositiveIntegerField(_("名次"), null=True, blank=True)
    rank_reason = models.CharField(_("排名依据"), max_length=300, blank=True)
    exception_reason = models.CharField(_("破格参加排名的理由"), max_length=300, blank=True)
    status = models.CharField(
        _("状态"), max_length=10, choices=CandidateStatus.choices, default=CandidateStatus.APPLIED
    )
    worker = models.OneToOneField(
        Worker, null=True, blank=True, on_delete=models.SET_NULL, related_name="candidate"
    )
    hired_post = models.ForeignKey(
        RecruitmentPost, null=True, blank=True, on_delete=models.PROTECT, related_name="hires"
    )

    REGION_CODE_PATH = "round__region__code"
    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["round", models.F("rank").asc(nulls_last=True), "-score", "pk"]
        verbose_name = _("应聘人员")
        verbose_name_plural = _("应聘人员")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "id_number_hash"], name="staffing_candidate_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def id_number_masked(self) -> str:
        return mask_id_number(self.id_number or "")
