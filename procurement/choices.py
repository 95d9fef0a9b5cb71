"""Choices for government purchase of social-assistance services: English identifiers, Chinese labels."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkKind(models.TextChoices):
    """粤民发〔2018〕170号 一(二): what may be purchased, and what the government must do itself."""

    TRANSACTIONAL = "transactional", _("事务性工作")
    SERVICE = "service", _("服务性工作")
    GOVERNMENT = "government", _("政府直接承担事项（不得购买）")


class Assistance(models.TextChoices):
    DIBAO = "dibao", _("最低生活保障")
    TEKUN = "tekun", _("特困人员救助供养")
    TEMPORARY = "temporary", _("临时救助")
    ALL = "all", _("各类社会救助")


class ContractorKind(models.TextChoices):
    """粤民发〔2018〕170号 一(三): who may take on the work."""

    SOCIAL_ORG = "social_org", _("在民政部门登记的社会组织")
    SOCIAL_ORG_EXEMPT = "social_org_exempt", _("经国务院批准免于登记的社会组织")
    PUBLIC_WELFARE_2 = "public_welfare_2", _("公益二类事业单位")
    PUBLIC_BUSINESS = "public_business", _("生产经营类事业单位")
    ENTERPRISE = "enterprise", _("在市场监管部门登记的企业")
    OTHER_REGISTERED = "other_registered", _("在行业主管部门登记的机构")


class Condition(models.TextChoices):
    """The five conditions of 粤民发〔2018〕170号 一(三), plus the county's published local conditions."""

    CIVIL_LIABILITY = "civil_liability", _("独立承担民事责任的能力")
    FACILITIES = "facilities", _("提供服务所必需的设施")
    STAFF = "staff", _("人员和专业技术能力")
    GOVERNANCE = "governance", _("健全的内部治理结构")
    FINANCE = "finance", _("财务会计和资产管理制度")
    LOCAL = "local", _("本地公开的具体条件")


REQUIRED_CONDITIONS = (
    Condition.CIVIL_LIABILITY,
    Condition.FACILITIES,
    Condition.STAFF,
    Condition.GOVERNANCE,
    Condition.FINANCE,
)


class ReviewResult(models.TextChoices):
    PASSED = "passed", _("通过")
    FAILED = "failed", _("未通过")


class FundingSource(models.TextChoices):
    """粤民发〔2018〕170号 一(五)."""

    WORK_FUNDS = "work_funds", _("社会救助工作经费")
    SPECIAL_FUNDS = "special_funds", _("社会救助专项资金")


class Method(models.TextChoices):
    """Procurement methods of 政府采购法 as named in 粤民发〔2018〕170号 一(四)."""

    OPEN_TENDER = "open_tender", _("公开招标")
    INVITED_TENDER = "invited_tender", _("邀请招标")
    NEGOTIATION = "negotiation", _("竞争性谈判")
    CONSULTATION = "consultation", _("竞争性磋商")
    SINGLE_SOURCE = "single_source", _("单一来源采购")
    BELOW_LIMIT = "below_limit", _("限额以下自行采购")


class MethodCondition(models.TextChoices):
    """The condition a method other than open tender relies on (政府采购法 第二十九至三十一条)."""

    LIMITED_SUPPLIERS = "limited_suppliers", _("具有特殊性，只能从有限范围的供应商处采购")
    COST_DISPROPORTIONATE = "cost_disproportionate", _("采用公开招标方式的费用占采购项目总价值的比例过大")
    TENDER_FAILED = "tender_failed", _("招标后没有供应商投标或没有合格标的或重新招标未能成立")
    TOO_COMPLEX = "too_complex", _("技术复杂或性质特殊，不能确定详细规格或具体要求")
    URGENT = "urgent", _("采用招标所需时间不能满足用户紧急需要")
    PRICE_UNKNOWN = "price_unknown", _("不能事先计算出价格总额")
    SERVICE_PURCHASE = "service_purchase", _("政府购买服务项目（财库〔2014〕214号 第三条）")
    ONLY_SUPPLIER = "only_supplier", _("只能从唯一供应商处采购")
    EMERGENCY = "emergency", _("发生了不可预见的紧急情况不能从其他供应商处采购")
    ADDITION = "addition", _("须保证原有采购项目一致性或服务配套要求，从原供应商处添购（≤原合同10%）")


class StandardDimension(models.TextChoices):
    QUANTITY = "quantity", _("数量")
    QUALITY = "quality", _("质量")
    TIMELINESS = "timeliness", _("时效")


class ProjectStatus(models.TextChoices):
    """The five stages of 粤民发〔2018〕170号 一(四) as states, with the exits."""

    SELECTED = "selected", _("项目选定")
    PUBLISHED = "published", _("信息发布")
    PURCHASING = "purchasing", _("组织购买")
    AWARDED = "awarded", _("已确定承接主体")
    CONTRACTED = "contracted", _("已签订合同")
    SUPERVISION = "supervision", _("实施监管")
    EVALUATED = "evaluated", _("绩效评价完成")
    CLOSED = "closed", _("已结项")
    FAILED = "failed", _("采购失败")
    TERMINATED = "terminated", _("已终止")
    TAKEN_OVER = "taken_over", _("已临时接管")


class BidStatus(models.TextChoices):
    VALID = "valid", _("有效")
    INVALID = "invalid", _("无效")


class ContractStatus(models.TextChoices):
    SIGNED = "signed", _("已签订")
    ACTIVE = "active", _("履行中")
    SUSPENDED = "suspended", _("已中止（临时接管）")
    COMPLETED = "completed", _("已验收完成")
    TERMINATED = "terminated", _("已终止")


class TakeoverParty(models.TextChoices):
    PURCHASER_STAFF = "purchaser_staff", _("购买主体自有人员")
    STANDBY_CONTRACTOR = "standby_contractor", _("备用承接主体")


class ObligationStatus(models.TextChoices):
    OPEN = "open", _("履行中")
    DONE = "done", _("已完成")


class ObligationHolder(models.TextChoices):
    CONTRACTOR = "contractor", _("承接主体")
    PURCHASER_STAFF = "purchaser_staff", _("购买主体自有人员")
    STANDBY_CONTRACTOR = "standby_contractor", _("备用承接主体")


class AcceptanceResult(models.TextChoices):
    PASSED = "passed", _("验收合格")
    FAILED = "failed", _("验收不合格")


class SanctionKind(models.TextChoices):
    """粤民发〔2018〕170号 一(七): violations that lead to penalties, termination and debarment."""

    BREACH = "breach", _("违背合同约定")
    FRAUD = "fraud", _("弄虚作假")
    SUBCONTRACTING = "subcontracting", _("服务转包")
    POOR_PERFORMANCE = "poor_performance", _("绩效评价不合格且情节严重")
    OTHER = "other", _("其他违法违规行为")


class DeliveredBy(models.TextChoices):
    """Who delivered the service a check saw (严禁服务转包, 粤民发〔2018〕170号 一(七))."""

    OWN_STAFF = "own_staff", _("承接主体自有人员")
    OTHER = "other", _("其他单位或人员")


class PaymentPurpose(models.TextChoices):
    """What a payment to a third party in a financial report paid for: only the service itself is subcontracting."""

    SERVICE = "service", _("购买的服务事项本身")
    GOODS = "goods", _("物资采购")
    PREMISES = "premises", _("场地租赁与水电")
    OTHER = "other", _("其他")


class FindingSource(models.TextChoices):
    MONITORING = "monitoring", _("监管检查")
    FINANCE = "finance", _("财务报告")


class FindingStatus(models.TextChoices):
    OPEN = "open", _("待依法处理")
    SANCTIONED = "sanctioned", _("已依法处理")
