"""The project form (项目选定), in the sections a clerk fills one after the other (issue 14): 基本信息, 采购方式, 绩效目标,
评分办法; the page keeps a running total of the scoring weights and offers only the conditions of the method chosen
(static/procurement/project-form.js). It only parses input: the service checks the rules."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy

from .choices import FundingSource, Method, MethodCondition
from .forms import RegionCodeField
from .models import CatalogueItem
from .rules import METHOD_CONDITIONS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class ConditionSelect(forms.Select):
    """适用情形 options that say which methods they serve (`data-methods`), so the page offers only the conditions of
    the method chosen (政府采购法 第二十九至三十一条, 财库〔2014〕214号 第三条; the service checks them again)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        methods = sorted(m for m, conditions in METHOD_CONDITIONS.items() if value in conditions)
        if methods:
            option["attrs"]["data-methods"] = " ".join(methods)
        return option


def _weight(label: StrOrPromise, **kwargs) -> forms.DecimalField:
    """A scoring weight, summed as it is typed on the page (the service checks the sum is 100)."""
    return forms.DecimalField(
        label=label,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"data-weight": "", "step": "0.01", "min": "0", "max": "100"}),
        **kwargs,
    )


class ProjectForm(forms.Form):
    """A project with its three standards and a scoring scheme of the price and up to five other criteria, in the
    sections a clerk fills one after the other (issue 14)."""

    SECTIONS = (
        (
            gettext_lazy("基本信息"),
            ("purchaser", "year", "title", "items", "budget", "funding_source", "description"),
        ),
        (
            gettext_lazy("采购方式"),
            ("in_central_catalogue", "method", "method_condition", "approval_reference", "public_call"),
        ),
        (
            gettext_lazy("绩效目标"),
            (
                "quantity_indicator",
                "quantity_target",
                "quality_indicator",
                "quality_target",
                "timeliness_indicator",
                "timeliness_target",
            ),
        ),
        (
            gettext_lazy("评分办法"),
            ("price_weight", *(f"{kind}_{n}" for n in range(1, 5) for kind in ("criterion", "weight"))),
        ),
    )

    purchaser = RegionCodeField(label=gettext_lazy("购买主体（区域）"), max_length=12)
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2000, max_value=2100)
    title = forms.CharField(label=gettext_lazy("项目名称"), max_length=200)
    # what the government must do itself is not offered at all (粤民发〔2018〕170号 一(二)); the service refuses it too
    items = forms.ModelMultipleChoiceField(
        label=gettext_lazy("购买内容"),
        queryset=CatalogueItem.objects.filter(active=True, government_only=False).order_by("code"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    budget = forms.DecimalField(label=gettext_lazy("预算金额（元）"), max_digits=14, decimal_places=2)
    funding_source = forms.ChoiceField(label=gettext_lazy("资金来源"), choices=FundingSource.choices)
    in_central_catalogue = forms.BooleanField(label=gettext_lazy("属于政府集中采购目录"), required=False)
    method = forms.ChoiceField(label=gettext_lazy("采购方式"), choices=Method.choices)
    method_condition = forms.ChoiceField(
        label=gettext_lazy("适用情形（公开招标以外）"),
        choices=[("", "—"), *MethodCondition.choices],
        required=False,
        widget=ConditionSelect,
    )
    approval_reference = forms.CharField(label=gettext_lazy("财政部门批准文号"), required=False)
    public_call = forms.BooleanField(label=gettext_lazy("公开征集供应商"), required=False, initial=True)
    description = forms.CharField(
        label=gettext_lazy("项目说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    quantity_indicator = forms.CharField(label=gettext_lazy("数量指标"), initial="服务人次")
    quantity_target = forms.CharField(label=gettext_lazy("数量目标"))
    quality_indicator = forms.CharField(label=gettext_lazy("质量指标"), initial="服务对象满意率")
    quality_target = forms.CharField(label=gettext_lazy("质量目标"), initial="≥90%")
    timeliness_indicator = forms.CharField(label=gettext_lazy("时效指标"), initial="接单后响应时限")
    timeliness_target = forms.CharField(label=gettext_lazy("时效目标"), initial="≤24小时")
    price_weight = _weight(gettext_lazy("价格分值"), initial=30)
    criterion_1 = forms.CharField(label=gettext_lazy("评分项1"), initial="服务方案", required=False)
    weight_1 = _weight(gettext_lazy("分值1"), initial=40, required=False)
    criterion_2 = forms.CharField(label=gettext_lazy("评分项2"), initial="团队与资质", required=False)
    weight_2 = _weight(gettext_lazy("分值2"), initial=30, required=False)
    criterion_3 = forms.CharField(label=gettext_lazy("评分项3"), required=False)
    weight_3 = _weight(gettext_lazy("分值3"), required=False)
    criterion_4 = forms.CharField(label=gettext_lazy("评分项4"), required=False)
    weight_4 = _weight(gettext_lazy("分值4"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].label_from_instance = lambda i: (
            f"{i.code} {i.name}（{i.get_assistance_display()}）"
        )

    def sections(self) -> list[tuple[StrOrPromise, list]]:
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]

    def weight_total(self) -> Decimal:
        """The sum of the scoring weights as shown (typed or initial): the page keeps it running as they change."""
        names = ["price_weight", *(f"weight_{n}" for n in range(1, 5))]
        total = Decimal(0)
        for name in names:
            try:
                total += Decimal(str(self[name].value() or 0))
            except InvalidOperation:
                continue
        return total

    def weight_total_text(self) -> str:
        """The total as the page writes it: 100, 90.5 (no trailing zeros, as the running total in the browser)."""
        return format(self.weight_total().normalize(), "f")

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        standards = [
            {"dimension": d, "indicator": data[f"{d}_indicator"], "target": data[f"{d}_target"]}
            for d in ("quantity", "quality", "timeliness")
        ]
        criteria = [{"name": "价格", "weight": data["price_weight"], "is_price": True}]
        for n in range(1, 5):
            if data.get(f"criterion_{n}"):
                criteria.append({"name": data[f"criterion_{n}"], "weight": data.get(f"weight_{n}") or 0})
        keys = (
            "purchaser",
            "year",
            "title",
            "budget",
            "funding_source",
            "in_central_catalogue",
            "method",
            "method_condition",
            "approval_reference",
            "public_call",
            "description",
        )
        return {
            **{k: data[k] for k in keys},
            "items": list(data["items"]),
            "standards": standards,
            "criteria": criteria,
        }
