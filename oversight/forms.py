"""Forms of the pages: they parse input; the services validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region
from regions.widgets import RegionPicker

from .choices import Department, IssueArea


class RegionCodeField(forms.CharField):
    """A region given by its code, picked by name among the user's regions (`levels` the levels accepted)."""

    def __init__(self, *, levels: tuple[str, ...] = (), **kwargs: Any) -> None:
        self.levels = levels
        kwargs.setdefault("widget", RegionPicker(levels=levels))
        super().__init__(max_length=12, **kwargs)

    def clean(self, value: Any) -> Region | None:
        value = super().clean(value)
        if not value:
            return None
        region = Region.objects.filter(code=value.strip()).first()
        if region is None:
            raise forms.ValidationError(_("区划代码不存在"))
        return region


class MeetingForm(forms.Form):
    region = RegionCodeField(label=gettext_lazy("召开区域"))
    title = forms.CharField(max_length=200, label=gettext_lazy("会议名称"))
    held_on = forms.DateField(label=gettext_lazy("会议日期"), widget=forms.DateInput(attrs={"type": "date"}))
    departments = forms.MultipleChoiceField(
        choices=Department.choices, label=gettext_lazy("出席部门"), widget=forms.CheckboxSelectMultiple
    )
    other_departments = forms.CharField(max_length=200, required=False, label=gettext_lazy("其他出席部门"))
    decisions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=gettext_lazy("会议决定")
    )
    minutes = forms.FileField(required=False, label=gettext_lazy("会议纪要（PDF、Word 或图片，≤10MB）"))


class IssueForm(forms.Form):
    region = RegionCodeField(label=gettext_lazy("涉及区域"))
    area = forms.ChoiceField(choices=IssueArea.choices, label=gettext_lazy("领域"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=gettext_lazy("问题描述"))
    owner_department = forms.ChoiceField(choices=Department.choices, label=gettext_lazy("责任部门"))
    deadline = forms.DateField(label=gettext_lazy("整改期限"), widget=forms.DateInput(attrs={"type": "date"}))


class FollowUpForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=gettext_lazy("跟踪情况"))
    close = forms.BooleanField(required=False, label=gettext_lazy("问题已解决，办结"))


class FundingForm(forms.Form):
    region = RegionCodeField(label=gettext_lazy("县（市、区）"), levels=("county",))
    year = forms.IntegerField(min_value=2018, max_value=2100, label=gettext_lazy("年度"))
    work_fund = forms.DecimalField(
        min_value=0, decimal_places=2, label=gettext_lazy("社会救助工作经费（元）")
    )
    work_fund_source = forms.CharField(max_length=200, label=gettext_lazy("工作经费来源"))
    purchased_services_budget = forms.DecimalField(
        min_value=0, decimal_places=2, label=gettext_lazy("购买服务预算（元）")
    )
    dibao_spending_previous_year = forms.DecimalField(
        min_value=0, decimal_places=2, label=gettext_lazy("上年度低保资金支出（元）")
    )
    dispatched_staff = forms.IntegerField(min_value=0, label=gettext_lazy("派遣经办人员人数"))
    dispatched_pay_total = forms.DecimalField(
        min_value=0, decimal_places=2, label=gettext_lazy("派遣人员年度薪酬总额（元）")
    )


class TransferForm(forms.Form):
    recipient = RegionCodeField(label=gettext_lazy("接收单位（乡镇、村）"), levels=("township", "village"))
    amount = forms.DecimalField(min_value=0, decimal_places=2, label=gettext_lazy("金额（元）"))
    tasks = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("随资金下放的事项"))
