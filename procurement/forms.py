"""Forms of the procurement pages: they only parse input; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region
from regions.widgets import LookupInput, RegionPicker, check_attrs

from .choices import (
    Assistance,
    Condition,
    ContractorKind,
    Method,
    MethodCondition,
    SanctionKind,
    TakeoverParty,
    WorkKind,
)
from .models import Contractor

DATE = forms.DateInput(attrs={"type": "date"})


class RegionCodeField(forms.CharField):
    """A region by code, picked by name among the user's regions; the service checks the caller may act there."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", RegionPicker())
        super().__init__(**kwargs)

    def clean(self, value):
        code = (super().clean(value) or "").strip()
        if not code:
            return None
        try:
            return Region.objects.get(code=code)
        except Region.DoesNotExist:
            raise forms.ValidationError(_("区划代码不存在")) from None


def _contractor_name(code: str) -> str:
    found = Contractor.objects.filter(credit_code=code.strip().upper()).values_list("name", flat=True).first()
    return f"{found}（{code}）" if found else _("未登记的统一社会信用代码")


class ContractorCodeField(forms.CharField):
    """A registered contractor, picked from the register by name or credit code (issue 14); the form posts the
    credit code."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            LookupInput(
                url="procurement:contractor_pick",
                describe=_contractor_name,
                placeholder=gettext_lazy("输入名称或统一社会信用代码，↑↓ 选择，回车确定"),
            ),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        code = (super().clean(value) or "").strip().upper()
        if not code:
            return None
        try:
            return Contractor.objects.get(credit_code=code)
        except Contractor.DoesNotExist:
            raise forms.ValidationError(_("未登记的统一社会信用代码")) from None


# --- project steps ---


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("原因"), widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(NoteForm):
    announced_on = forms.DateField(label=gettext_lazy("公告日期"), required=False, widget=DATE)
    bid_deadline = forms.DateField(label=gettext_lazy("响应截止日期"), required=False, widget=DATE)

    def __init__(self, *args, check_url: str = "", **kwargs):
        """With `check_url`, the page asks the server while the dates are typed whether the response period is long
        enough (政府采购法 第三十五条 etc.; the service checks again on submit)."""
        super().__init__(*args, **kwargs)
        if not check_url:
            return
        for name, other in (("announced_on", "bid_deadline"), ("bid_deadline", "announced_on")):
            self.fields[name].widget = forms.DateInput(
                attrs={
                    "type": "date",
                    "hx-get": check_url,
                    "hx-trigger": "change, input delay:300ms",
                    "hx-target": "#period-check",
                    "hx-swap": "outerHTML",
                    "hx-include": f"[name='{self.add_prefix(other)}']",
                }
            )
        self.fields["bid_deadline"].help_text = mark_safe(
            '<span id="period-check" aria-live="polite"></span>'
        )


class SwitchMethodForm(ReasonForm):
    method = forms.ChoiceField(label=gettext_lazy("新采购方式"), choices=Method.choices)
    method_condition = forms.ChoiceField(label=gettext_lazy("适用情形"), choices=MethodCondition.choices)
    approval_reference = forms.CharField(label=gettext_lazy("财政部门批准文号"), required=False)


STEP_FORMS = {
    "publish": PublishForm,
    "open": NoteForm,
    "award": NoteForm,
    "fail": ReasonForm,
    "retender": NoteForm,
    "switch_method": SwitchMethodForm,
    "evaluate": NoteForm,
    "close": NoteForm,
    "terminate": ReasonForm,
}


class PlatformForm(forms.Form):
    platform_number = forms.CharField(
        label=gettext_lazy("采购云平台项目编号"), max_length=100, required=False
    )
    platform_notice_url = forms.URLField(
        label=gettext_lazy("采购公告链接"), max_length=500, required=False, assume_scheme="https"
    )
    platform_result_url = forms.URLField(
        label=gettext_lazy("结果公告链接"), max_length=500, required=False, assume_scheme="https"
    )


class BidForm(forms.Form):
    contractor = ContractorCodeField(label=gettext_lazy("承接主体"), max_length=18)
    price = forms.DecimalField(label=gettext_lazy("报价（元）"), max_digits=14, decimal_places=2)
    submitted_on = forms.DateField(label=gettext_lazy("响应日期"), required=False, widget=DATE)
    document = forms.FileField(label=gettext_lazy("响应文件"), required=False)


class InvalidateForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("无效原因"))


# --- contractors ---


class ContractorForm(forms.Form):
    region = RegionCodeField(label=gettext_lazy("所在区域"), max_length=12)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=200)
    credit_code = forms.CharField(
        label=gettext_lazy("统一社会信用代码"),
        max_length=18,
        widget=forms.TextInput(attrs=check_attrs("credit_code")),
    )
    kind = forms.ChoiceField(label=gettext_lazy("主体类型"), choices=ContractorKind.choices)
    legal_representative = forms.CharField(label=gettext_lazy("法定代表人"), max_length=50)
    contact_name = forms.CharField(label=gettext_lazy("联系人"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs=check_attrs("phone")),
    )
    address = forms.CharField(label=gettext_lazy("地址"), max_length=200, required=False)


class ReviewForm(forms.Form):
    """The five conditions of 一(三) (and the local conditions) each with met / evidence file / note."""

    region = RegionCodeField(label=gettext_lazy("审查区域"), max_length=12)
    work_kind = forms.ChoiceField(
        label=gettext_lazy("服务类别"),
        choices=[
            (WorkKind.SERVICE, gettext_lazy("服务性工作")),
            (WorkKind.TRANSACTIONAL, gettext_lazy("事务性工作")),
        ],
    )
    reviewed_on = forms.DateField(label=gettext_lazy("审查日期"), required=False, widget=DATE)
    valid_until = forms.DateField(label=gettext_lazy("有效期至"), required=False, widget=DATE)
    note = forms.CharField(
        label=gettext_lazy("说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in Condition.choices:
            self.fields[f"{value}_met"] = forms.BooleanField(
                label=_("{label}：符合").format(label=label), required=False
            )
            self.fields[f"{value}_file"] = forms.FileField(label=gettext_lazy("证明材料"), required=False)
            self.fields[f"{value}_note"] = forms.CharField(label=gettext_lazy("证明说明"), required=False)

    def condition_rows(self):
        return [
            (label, self[f"{value}_met"], self[f"{value}_file"], self[f"{value}_note"])
            for value, label in Condition.choices
        ]

    def conditions(self) -> list[dict]:
        data = self.cleaned_data
        rows = []
        for value in Condition.values:
            met, file, note = data.get(f"{value}_met"), data.get(f"{value}_file"), data.get(f"{value}_note")
            if value == Condition.LOCAL and not (met or file or note):
                continue  # only when the county published local conditions (the service says so)
            rows.append(
                {"condition": value, "met": bool(met), "evidence_file": file, "evidence_note": note or ""}
            )
        return rows


class LocalConditionForm(forms.Form):
    region = RegionCodeField(label=gettext_lazy("发布区域"), max_length=12)
    work_kind = forms.ChoiceField(
        label=gettext_lazy("服务类别"),
        choices=[
            (WorkKind.SERVICE, gettext_lazy("服务性工作")),
            (WorkKind.TRANSACTIONAL, gettext_lazy("事务性工作")),
        ],
    )
    text = forms.CharField(label=gettext_lazy("具体条件"), widget=forms.Textarea(attrs={"rows": 3}))
    published_on = forms.DateField(label=gettext_lazy("公开日期"), required=False, widget=DATE)


class CatalogueItemForm(forms.Form):
    region = RegionCodeField(label=gettext_lazy("地方目录区域"), max_length=12)
    code = forms.CharField(label=gettext_lazy("编码"), max_length=40)
    name = forms.CharField(label=gettext_lazy("名称"), max_length=100)
    work_kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=WorkKind.choices)
    assistance = forms.ChoiceField(label=gettext_lazy("救助类别"), choices=Assistance.choices)
    government_only = forms.BooleanField(label=gettext_lazy("政府直接承担，不得购买"), required=False)
    description = forms.CharField(label=gettext_lazy("说明"), required=False)


class SanctionForm(forms.Form):
    contractor = ContractorCodeField(label=gettext_lazy("承接主体"), max_length=18)
    region = RegionCodeField(label=gettext_lazy("处理机关所在区域"), max_length=12, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("违规类型"), choices=SanctionKind.choices)
    reason = forms.CharField(label=gettext_lazy("事实与理由"), widget=forms.Textarea(attrs={"rows": 3}))
    penalty = forms.DecimalField(
        label=gettext_lazy("罚款/违约金（元）"), required=False, max_digits=14, decimal_places=2
    )
    debar_from = forms.DateField(label=gettext_lazy("禁入起始日期"), required=False, widget=DATE)
    debar_to = forms.DateField(label=gettext_lazy("禁入截止日期"), required=False, widget=DATE)
    terminate_contract = forms.BooleanField(label=gettext_lazy("终止相关合同"), required=False)

    def clean_region(self):
        value = self.cleaned_data.get("region")
        return value or None


# --- contracts ---


class ContractForm(forms.Form):
    number = forms.CharField(label=gettext_lazy("合同编号"), max_length=50)
    amount = forms.DecimalField(label=gettext_lazy("合同金额（元）"), max_digits=14, decimal_places=2)
    signed_on = forms.DateField(label=gettext_lazy("签订日期"), widget=DATE)
    start_date = forms.DateField(label=gettext_lazy("服务开始日期"), widget=DATE)
    end_date = forms.DateField(label=gettext_lazy("服务结束日期"), widget=DATE)
    obligations = forms.CharField(
        label=gettext_lazy("服务义务（每行一项：事项|服务对象人数；留空则按购买内容生成）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_obligations(self):
        rows = []
        for line in (self.cleaned_data.get("obligations") or "").splitlines():
            if not line.strip():
                continue
            description, _sep, recipients = line.partition("|")
            try:
                count = int(recipients.strip() or 0)
            except ValueError:
                raise forms.ValidationError(_("人数须为整数：{line}").format(line=line)) from None
            rows.append({"description": description.strip(), "recipients": count})
        return rows or None


class TakeoverPlanForm(forms.Form):
    party = forms.ChoiceField(label=gettext_lazy("接管方"), choices=TakeoverParty.choices)
    standby_contractor = ContractorCodeField(
        label=gettext_lazy("备用承接主体"), max_length=18, required=False
    )
    staff_description = forms.CharField(
        label=gettext_lazy("接管人员安排"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    triggers = forms.CharField(label=gettext_lazy("启动条件"), widget=forms.Textarea(attrs={"rows": 2}))
    handover = forms.CharField(
        label=gettext_lazy("服务对象交接方式"), widget=forms.Textarea(attrs={"rows": 2})
    )
