"""Contractors (承接主体), the local conditions counties publish and the eligibility reviews (粤民发〔2018〕170号 一(三))."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.uploads import RandomName
from regions.access import scope_q
from regions.models import Region, RegionScopedQuerySet

from ..choices import (
    Condition,
    ContractorKind,
    ReviewResult,
    WorkKind,
)


class ContractorQuerySet(RegionScopedQuerySet):
    """Contractors a user sees: registered in their regions, reviewed by one of them, or bidding on one of their
    projects (a contractor is an organisation that works across counties)."""

    def visible_to(self, user) -> ContractorQuerySet:
        base = scope_q(user, "region__code")
        if base is None:
            return self
        # Bid lives in models/bids.py, which imports this module: reach it through the reverse relation
        bid_model = apps.get_model("procurement", "Bid")
        reviewed = EligibilityReview.objects.filter(scope_q(user, "region__code")).values("contractor_id")
        bidding = bid_model.objects.filter(scope_q(user, "project__purchaser__code")).values("contractor_id")
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

    def get_additional_data(self) -> dict[str, str]:
        """Kept with the change-history entry, so a page shows a county the history of its own rows and of the
        province-wide ones (regions.audit_selectors.reference_history)."""
        return {"region_code": self.region.code}


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
    evidence_file = models.FileField(_("证明材料"), upload_to=RandomName("procurement/reviews"), blank=True)
    evidence_note = models.TextField(_("证明说明"), blank=True)

    objects = RegionScopedQuerySet.as_manager()

    class Meta:
        ordering = ["review", "id"]
        verbose_name = _("审查条件")
        verbose_name_plural = _("审查条件")
        constraints = [models.UniqueConstraint(fields=["review", "condition"], name="review_condition_once")]

    def __str__(self) -> str:
        return self.get_condition_display()
