"""Government purchase of social-assistance services (粤民发〔2018〕170号 一).

Catalogue → contractors and their eligibility reviews → projects through the five stages → bids and scores →
contracts with a takeover plan → supervision, acceptance, takeover → sanctions and debarment.
Region-owned models declare where their region code lives (REGION_CODE_PATH) so `visible_to(user)` scopes them.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.models import Region, RegionScopedQuerySet

from .choices import (
    AcceptanceResult,
    Assistance,
    BidStatus,
    Condition,
    ContractorKind,
    ContractStatus,
    FundingSource,
    Method,
    MethodCondition,
    ObligationHolder,
    ObligationStatus,
    ProjectStatus,
    ReviewResult,
    SanctionKind,
    StandardDimension,
    TakeoverParty,
    WorkKind,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
POSITIVE = [MinValueValidator(Decimal("0.01"))]
NON_NEGATIVE = [MinValueValidator(Decimal("0"))]


class CatalogueItem(models.Model):
    """An item of the guidance catalogue (指导性目录, 粤民发〔2018〕170号 一(二)).

    Province-wide items have no region; a county may add local items (region = the county).
    `government_only` items must be done by the government itself and can never be purchased.
    """

    code = models.CharField(_("编码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    work_kind = models.CharField(_("类别"), max_length=20, choices=WorkKind.choices)
    assistance = models.CharField(_("救助类别"), max_length=20, choices=Assistance.choices)
    government_only = models.BooleanField(_("政府直接承担，不得购买"), default=False)
    region = models.ForeignKey(
        Region,
        verbose_name=_("地方目录区域"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("说明"), blank=True)
    active = models.BooleanField(_("启用"), default=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("购买服务目录项")
        verbose_name_plural = _("购买服务目录")

    def __str__(self) -> str:
        return f"{self.name}（{self.get_assistance_display()}）"


class ThresholdSet(models.Model):
    """Procurement figures for a year (domain.md section 9), province-wide (no region) or for a region.

    The most specific region whose code prefixes the purchaser's, of the latest year not after the project's, binds.
    """

    year = models.PositiveSmallIntegerField(_("年度"))
    region = models.ForeignKey(
        Region, verbose_name=_("适用区域"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    procurement_limit = models.DecimalField(_("采购限额标准（元）"), **MONEY, validators=POSITIVE)
    open_tender_threshold = models.DecimalField(_("公开招标数额标准（元）"), **MONEY, validators=POSITIVE)
    price_weight_min = models.DecimalField(
        _("价格分值下限"), max_digits=5, decimal_places=2, default=Decimal(10)
    )
    price_weight_max = models.DecimalField(
        _("价格分值上限"), max_digits=5, decimal_places=2, default=Decimal(30)
    )
    single_source_addition_pct = models.DecimalField(
        _("单一来源添购上限（%）"), max_digits=5, decimal_places=2, default=Decimal(10)
    )

    class Meta:
        ordering = ["-year", "region__code"]
        verbose_name = _("采购限额与评分参数")
        verbose_name_plural = _("采购限额与评分参数")
        constraints = [
            models.UniqueConstraint(fields=["year", "region"], name="threshold_once_per_year_region")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.region or '全省'}"


class ContractorQuerySet(RegionScopedQuerySet):
    """Contractors a user sees: registered in their regions, reviewed by one of them, or bidding on one of their
    projects (a contractor is an organisation that works across counties)."""

    def visible_to(self, user) -> ContractorQuerySet:
        from regions.access import scope_q

        base = scope_q(user, "region__code")
        if base is None:
            return self
        reviewed = EligibilityReview.objects.filter(scope_q(user, "region__code")).values("contractor_id")
        bidding = Bid.objects.filter(scope_q(user, "project__purchaser__code")).values("contractor_id")
        return self.filter(base | models.Q(pk__in=reviewed) | models.Q(pk__in=bidding))


class Contractor(models.Model):
    """A social force that takes on the work (承接主体, 粤民发〔2018〕170号 一(三)), identified by its credit code."""

    name = models.CharField(_("名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True)
    kind = models.CharField(_("主体类型"), max_length=30, choices=ContractorKind.choices)
    legal_representative = models.CharField(_("法定代表人"), max_length=50)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("所在区域"), on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = ContractorQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("承接主体")
        verbose_name_plural = _("承接主体")

    def __str__(self) -> str:
        return self.name


class LocalCondition(models.Model):
    """Extra conditions a county publishes for a service category (粤民发〔2018〕170号 一(三))."""

    region = models.ForeignKey(Region, verbose_name=_("发布区域"), on_delete=models.PROTECT, related_name="+")
    work_kind = models.CharField(_("服务类别"), max_length=20, choices=WorkKind.choices)
    text = models.TextField(_("具体条件"))
    published_on = models.DateField(_("公开日期"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["region__code", "work_kind", "-published_on"]
        verbose_name = _("本地承接条件")
        verbose_name_plural = _("本地承接条件")

    def __str__(self) -> str:
        return f"{self.region.name} {self.get_work_kind_display()}"


class EligibilityReview(models.Model):
    """A region's review of a contractor for a service category: the five conditions with evidence."""

    contractor = models.ForeignKey(
        Contractor, verbose_name=_("承接主体"), on_delete=models.PROTECT, related_name="reviews"
    )
    region = models.ForeignKey(Region, verbose_name=_("审查区域"), on_delete=models.PROTECT, related_name="+")
    work_kind = models.CharField(_("服务类别"), max_length=20, choices=WorkKind.choices)
    result = models.CharField(_("结论"), max_length=10, choices=ReviewResult.choices)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审查人"), on_delete=models.PROTECT, related_name="+"
    )
    reviewed_on = models.DateField(_("审查日期"))
    valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    local_conditions = models.TextField(_("适用的本地条件"), blank=True)
    note = models.TextField(_("说明"), blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-reviewed_on", "-id"]
        verbose_name = _("承接资格审查")
        verbose_name_plural = _("承接资格审查")

    def __str__(self) -> str:
        return f"{self.contractor} {self.get_work_kind_display()} {self.get_result_display()}"


class ReviewCondition(models.Model):
    """One condition of a review, with its evidence (an uploaded document or a note)."""

    REGION_CODE_PATH = "review__region__code"

    review = models.ForeignKey(EligibilityReview, on_delete=models.CASCADE, related_name="conditions")
    condition = models.CharField(_("条件"), max_length=30, choices=Condition.choices)
    met = models.BooleanField(_("符合"))
    evidence_file = models.FileField(_("证明材料"), upload_to="procurement/reviews/%Y/", blank=True)
    evidence_note = models.TextField(_("证明说明"), blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["review", "id"]
        verbose_name = _("审查条件")
        verbose_name_plural = _("审查条件")
        constraints = [models.UniqueConstraint(fields=["review", "condition"], name="review_condition_once")]

    def __str__(self) -> str:
        return self.get_condition_display()


class Project(models.Model):
    """A purchase project (购买项目) through the five stages of 粤民发〔2018〕170号 一(四)."""

    REGION_CODE_PATH = "purchaser__code"

    purchaser = models.ForeignKey(
        Region, verbose_name=_("购买主体"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("项目名称"), max_length=200)
    items = models.ManyToManyField(CatalogueItem, verbose_name=_("购买内容"), related_name="projects")
    budget = models.DecimalField(_("预算金额（元）"), **MONEY, validators=POSITIVE)
    funding_source = models.CharField(_("资金来源"), max_length=20, choices=FundingSource.choices)
    in_central_catalogue = models.BooleanField(_("属于政府集中采购目录"), default=False)
    method = models.CharField(_("采购方式"), max_length=20, choices=Method.choices)
    method_condition = models.CharField(
        _("适用情形"), max_length=30, choices=MethodCondition.choices, blank=True
    )
    approval_reference = models.CharField(_("财政部门批准文号"), max_length=100, blank=True)
    original_contract = models.ForeignKey(
        "Contract",
        verbose_name=_("原合同（添购）"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="additions",
    )
    public_call = models.BooleanField(_("公开征集供应商"), default=True)
    description = models.TextField(_("项目说明"), blank=True)
    status = models.CharField(
        _("阶段"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.SELECTED, db_index=True
    )
    round = models.PositiveSmallIntegerField(_("采购轮次"), default=1)
    announced_on = models.DateField(_("公告日期"), null=True, blank=True)
    bid_deadline = models.DateField(_("响应截止日期"), null=True, blank=True)
    awarded_on = models.DateField(_("成交日期"), null=True, blank=True)
    awarded_bid = models.ForeignKey(
        "Bid", verbose_name=_("成交响应"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    failure_reason = models.TextField(_("失败/变更原因"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-id"]
        verbose_name = _("购买项目")
        verbose_name_plural = _("购买项目")

    def __str__(self) -> str:
        return self.title


class ServiceStandard(models.Model):
    """A measurable service standard of a project (quantity, quality or timeliness, with a target)."""

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="standards")
    dimension = models.CharField(_("维度"), max_length=20, choices=StandardDimension.choices)
    indicator = models.CharField(_("指标"), max_length=200)
    target = models.CharField(_("目标值"), max_length=100)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "id"]
        verbose_name = _("服务标准")
        verbose_name_plural = _("服务标准")

    def __str__(self) -> str:
        return f"{self.indicator}：{self.target}"


class ScoringCriterion(models.Model):
    """A criterion of the comprehensive scoring scheme (综合评分法); weights sum to 100, one is the price."""

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("评分项"), max_length=100)
    weight = models.DecimalField(_("分值"), max_digits=5, decimal_places=2, validators=POSITIVE)
    is_price = models.BooleanField(_("价格分"), default=False)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "-is_price", "id"]
        verbose_name = _("评分项")
        verbose_name_plural = _("评分项")

    def __str__(self) -> str:
        return f"{self.name}（{self.weight}）"


class ProjectEvent(models.Model):
    """One step of a project: who, when, what, with a note."""

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("操作"), max_length=30)
    from_status = models.CharField(_("原阶段"), max_length=20, choices=ProjectStatus.choices, blank=True)
    to_status = models.CharField(_("新阶段"), max_length=20, choices=ProjectStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("时间"), auto_now_add=True)
    note = models.TextField(_("说明"), blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("项目事件")
        verbose_name_plural = _("项目事件")

    def __str__(self) -> str:
        return f"{self.project} {self.action}"


class Bid(models.Model):
    """A contractor's response to a project in one procurement round."""

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="bids"
    )
    round = models.PositiveSmallIntegerField(_("采购轮次"), default=1)
    contractor = models.ForeignKey(
        Contractor, verbose_name=_("承接主体"), on_delete=models.PROTECT, related_name="bids"
    )
    price = models.DecimalField(_("报价（元）"), **MONEY, validators=POSITIVE)
    submitted_on = models.DateField(_("响应日期"))
    document = models.FileField(_("响应文件"), upload_to="procurement/bids/%Y/", blank=True)
    status = models.CharField(_("有效性"), max_length=10, choices=BidStatus.choices, default=BidStatus.VALID)
    invalid_reason = models.TextField(_("无效原因"), blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["project", "round", "id"]
        verbose_name = _("响应文件")
        verbose_name_plural = _("响应文件")
        constraints = [
            models.UniqueConstraint(fields=["project", "round", "contractor"], name="bid_once_per_round")
        ]

    def __str__(self) -> str:
        return f"{self.contractor} @ {self.project}"


class BidScore(models.Model):
    """One evaluator's score of one bid on one non-price criterion (0 … the criterion's weight)."""

    REGION_CODE_PATH = "bid__project__purchaser__code"

    bid = models.ForeignKey(Bid, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(ScoringCriterion, on_delete=models.PROTECT, related_name="scores")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("评审人"), on_delete=models.PROTECT, related_name="+"
    )
    score = models.DecimalField(_("得分"), max_digits=5, decimal_places=2, validators=NON_NEGATIVE)
    scored_at = models.DateTimeField(_("评分时间"), auto_now=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["bid", "criterion", "evaluator"]
        verbose_name = _("评审得分")
        verbose_name_plural = _("评审得分")
        constraints = [
            models.UniqueConstraint(fields=["bid", "criterion", "evaluator"], name="score_once_per_evaluator")
        ]

    def __str__(self) -> str:
        return f"{self.bid} {self.criterion}: {self.score}"


class Contract(models.Model):
    """The contract with the awarded contractor (粤民发〔2018〕170号 一(四), 一(五), 一(七)).

    Amount ≤ the project budget; subcontracting is forbidden; service standards are copied from the project;
    it cannot start without a temporary takeover plan.
    """

    REGION_CODE_PATH = "project__purchaser__code"

    project = models.ForeignKey(
        Project, verbose_name=_("项目"), on_delete=models.PROTECT, related_name="contracts"
    )
    contractor = models.ForeignKey(
        Contractor, verbose_name=_("承接主体"), on_delete=models.PROTECT, related_name="contracts"
    )
    number = models.CharField(_("合同编号"), max_length=50, unique=True)
    amount = models.DecimalField(_("合同金额（元）"), **MONEY, validators=POSITIVE)
    signed_on = models.DateField(_("签订日期"))
    start_date = models.DateField(_("服务开始日期"))
    end_date = models.DateField(_("服务结束日期"))
    no_subcontracting = models.BooleanField(_("严禁服务转包条款"), default=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ContractStatus.choices, default=ContractStatus.SIGNED, db_index=True
    )
    started_at = models.DateTimeField(_("开始履行时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("服务合同")
        verbose_name_plural = _("服务合同")

    def __str__(self) -> str:
        return f"{self.number} {self.project}"

    @property
    def region(self) -> Region:
        return self.project.purchaser


class ContractStandard(models.Model):
    """A service standard as copied into the contract when it was signed."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="standards")
    dimension = models.CharField(_("维度"), max_length=20, choices=StandardDimension.choices)
    indicator = models.CharField(_("指标"), max_length=200)
    target = models.CharField(_("目标值"), max_length=100)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "id"]
        verbose_name = _("合同服务标准")
        verbose_name_plural = _("合同服务标准")

    def __str__(self) -> str:
        return f"{self.indicator}：{self.target}"


class TakeoverPlan(models.Model):
    """The temporary takeover plan (临时接管预案, 粤民发〔2018〕170号 一(七)) every contract needs before it starts."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.OneToOneField(Contract, on_delete=models.CASCADE, related_name="takeover_plan")
    party = models.CharField(_("接管方"), max_length=30, choices=TakeoverParty.choices)
    standby_contractor = models.ForeignKey(
        Contractor,
        verbose_name=_("备用承接主体"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    staff_description = models.TextField(_("接管人员安排"), blank=True)
    triggers = models.TextField(_("启动条件"))
    handover = models.TextField(_("服务对象交接方式"))
    activated_at = models.DateTimeField(_("启动时间"), null=True, blank=True)
    activated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("启动人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    activation_reason = models.TextField(_("启动原因"), blank=True)
    obligations_open = models.PositiveIntegerField(_("启动时未完成的服务义务"), default=0)
    obligations_moved = models.PositiveIntegerField(_("已移交的服务义务"), default=0)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("临时接管预案")
        verbose_name_plural = _("临时接管预案")

    def __str__(self) -> str:
        return f"{self.contract} {self.get_party_display()}"


class ServiceObligation(models.Model):
    """A service the contract owes (a recipient group, a recurring task) and who currently holds it."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="obligations")
    description = models.CharField(_("服务事项"), max_length=200)
    recipients = models.PositiveIntegerField(_("服务对象人数"), default=0)
    status = models.CharField(
        _("状态"), max_length=10, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )
    holder = models.CharField(
        _("承担方"), max_length=30, choices=ObligationHolder.choices, default=ObligationHolder.CONTRACTOR
    )
    holder_contractor = models.ForeignKey(
        Contractor,
        verbose_name=_("承担单位"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    transferred_at = models.DateTimeField(_("移交时间"), null=True, blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "id"]
        verbose_name = _("服务义务")
        verbose_name_plural = _("服务义务")

    def __str__(self) -> str:
        return self.description


class MonitoringRecord(models.Model):
    """Supervision during the contract (事中监管): output against the standards, problems, rectification."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="monitoring")
    checked_on = models.DateField(_("检查日期"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("检查人"), on_delete=models.PROTECT, related_name="+"
    )
    problems = models.TextField(_("发现的问题"), blank=True)
    rectification_demanded = models.TextField(_("整改要求"), blank=True)
    rectification_due = models.DateField(_("整改期限"), null=True, blank=True)
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)
    rectification_note = models.TextField(_("整改情况"), blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-checked_on", "-id"]
        verbose_name = _("监管检查记录")
        verbose_name_plural = _("监管检查记录")

    def __str__(self) -> str:
        return f"{self.contract} {self.checked_on}"


class MonitoringOutput(models.Model):
    """Service output against one contract standard, as found by a check (or at acceptance)."""

    REGION_CODE_PATH = "standard__contract__project__purchaser__code"

    record = models.ForeignKey(
        MonitoringRecord, null=True, blank=True, on_delete=models.CASCADE, related_name="outputs"
    )
    acceptance = models.ForeignKey(
        "Acceptance", null=True, blank=True, on_delete=models.CASCADE, related_name="outputs"
    )
    standard = models.ForeignKey(ContractStandard, on_delete=models.PROTECT, related_name="outputs")
    actual = models.CharField(_("实际完成"), max_length=100)
    met = models.BooleanField(_("达标"))

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["standard", "id"]
        verbose_name = _("服务产出")
        verbose_name_plural = _("服务产出")

    def __str__(self) -> str:
        return f"{self.standard}: {self.actual}"


class FinancialReport(models.Model):
    """The contractor's periodic financial report (财务报告制度, 粤民发〔2018〕170号 一(七))."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.ForeignKey(Contract, on_delete=models.PROTECT, related_name="financial_reports")
    period_start = models.DateField(_("报告期起"))
    period_end = models.DateField(_("报告期止"))
    received = models.DecimalField(_("收到资金（元）"), **MONEY, validators=NON_NEGATIVE)
    spent = models.DecimalField(_("支出（元）"), **MONEY, validators=NON_NEGATIVE)
    staff_costs = models.DecimalField(
        _("其中人员支出（元）"), **MONEY, validators=NON_NEGATIVE, default=Decimal(0)
    )
    document = models.FileField(_("报告文件"), upload_to="procurement/finance/%Y/", blank=True)
    note = models.TextField(_("说明"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("登记人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["contract", "period_start"]
        verbose_name = _("财务报告")
        verbose_name_plural = _("财务报告")

    def __str__(self) -> str:
        return f"{self.contract} {self.period_start}–{self.period_end}"


class Acceptance(models.Model):
    """The acceptance check at the end of the contract (检查验收, 粤民发〔2018〕170号 一(四))."""

    REGION_CODE_PATH = "contract__project__purchaser__code"

    contract = models.OneToOneField(Contract, on_delete=models.PROTECT, related_name="acceptance")
    checked_on = models.DateField(_("验收日期"))
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("验收人"), on_delete=models.PROTECT, related_name="+"
    )
    result = models.CharField(_("验收结论"), max_length=10, choices=AcceptanceResult.choices)
    note = models.TextField(_("说明"), blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("验收")
        verbose_name_plural = _("验收")

    def __str__(self) -> str:
        return f"{self.contract} {self.get_result_display()}"


class Sanction(models.Model):
    """A sanction of a contractor (粤民发〔2018〕170号 一(七)): penalty, termination, debarment from … to.

    A debarment applies in the whole province: bids of a debarred contractor are refused everywhere until it ends.
    """

    contractor = models.ForeignKey(
        Contractor, verbose_name=_("承接主体"), on_delete=models.PROTECT, related_name="sanctions"
    )
    region = models.ForeignKey(
        Region, verbose_name=_("处理机关区域"), on_delete=models.PROTECT, related_name="+"
    )
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("相关合同"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="sanctions",
    )
    kind = models.CharField(_("违规类型"), max_length=30, choices=SanctionKind.choices)
    reason = models.TextField(_("事实与理由"))
    penalty = models.DecimalField(
        _("罚款/违约金（元）"), **MONEY, null=True, blank=True, validators=NON_NEGATIVE
    )
    terminates_contract = models.BooleanField(_("终止合同"), default=False)
    debar_from = models.DateField(_("禁入起始日期"), null=True, blank=True, db_index=True)
    debar_to = models.DateField(_("禁入截止日期"), null=True, blank=True, db_index=True)
    decided_on = models.DateField(_("决定日期"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("决定人"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("处罚与禁入")
        verbose_name_plural = _("处罚与禁入")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(debar_from__isnull=True, debar_to__isnull=True)
                | models.Q(
                    debar_from__isnull=False, debar_to__isnull=False, debar_to__gte=models.F("debar_from")
                ),
                name="sanction_debarment_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return f"{self.contractor} {self.get_kind_display()}"
