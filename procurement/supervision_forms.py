"""Forms of a running contract's supervision (事中事后监管, 粤民发〔2018〕170号 一(四), 一(七)): checks with who
delivered the service, rectification, financial reports with their payments to third parties, acceptance, and the
sanction of a subcontracting finding (严禁服务转包)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .choices import DeliveredBy, PaymentPurpose
from .forms import DATE


class MonitoringForm(forms.Form):
    checked_on = forms.DateField(label=gettext_lazy("检查日期"), widget=DATE)
    problems = forms.CharField(
        label=gettext_lazy("发现的问题"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rectification_demanded = forms.CharField(
        label=gettext_lazy("整改要求"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rectification_due = forms.DateField(label=gettext_lazy("整改期限"), required=False, widget=DATE)
    delivered_by = forms.ChoiceField(
        label=gettext_lazy("服务由谁提供"), choices=DeliveredBy.choices, widget=forms.RadioSelect
    )
    delivery_staff = forms.CharField(
        label=gettext_lazy("提供服务的承接主体人员（姓名）"), required=False, max_length=500
    )
    third_party = forms.CharField(
        label=gettext_lazy("实际提供服务的其他单位或人员"), required=False, max_length=200
    )

    def __init__(self, *args, standards=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.standards = list(standards)
        for s in self.standards:
            self.fields[f"actual_{s.pk}"] = forms.CharField(
                label=_("{indicator}（目标 {target}）实际").format(indicator=s.indicator, target=s.target),
                required=False,
            )
            self.fields[f"met_{s.pk}"] = forms.BooleanField(label=gettext_lazy("达标"), required=False)

    def outputs(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {"standard": s.pk, "actual": data[f"actual_{s.pk}"], "met": data[f"met_{s.pk}"]}
            for s in self.standards
            if data.get(f"actual_{s.pk}")
        ]


class AcceptanceForm(MonitoringForm):
    note = forms.CharField(
        label=gettext_lazy("验收说明"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (
            "problems",
            "rectification_demanded",
            "rectification_due",
            "delivered_by",
            "delivery_staff",
            "third_party",
        ):
            del self.fields[name]
        self.fields["checked_on"].label = _("验收日期")


class RectifiedForm(forms.Form):
    rectified_on = forms.DateField(label=gettext_lazy("整改完成日期"), widget=DATE)
    note = forms.CharField(label=gettext_lazy("整改情况"))


class FinancialReportForm(forms.Form):
    period_start = forms.DateField(label=gettext_lazy("报告期起"), widget=DATE)
    period_end = forms.DateField(label=gettext_lazy("报告期止"), widget=DATE)
    received = forms.DecimalField(label=gettext_lazy("收到资金（元）"), max_digits=14, decimal_places=2)
    spent = forms.DecimalField(label=gettext_lazy("支出（元）"), max_digits=14, decimal_places=2)
    staff_costs = forms.DecimalField(
        label=gettext_lazy("其中人员支出（元）"), max_digits=14, decimal_places=2, initial=0
    )
    note = forms.CharField(label=gettext_lazy("说明"), required=False)
    document = forms.FileField(label=gettext_lazy("报告文件"), required=False)
    payments = forms.CharField(
        label=gettext_lazy("向第三方的支付（每行一项：收款单位|金额|用途，用途为 服务、物资、场地 或 其他）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    PURPOSES = {
        "服务": PaymentPurpose.SERVICE,
        "物资": PaymentPurpose.GOODS,
        "场地": PaymentPurpose.PREMISES,
        "其他": PaymentPurpose.OTHER,
    }

    def clean_payments(self) -> list[dict]:
        """Each line 收款单位|金额|用途: the purpose a word (服务/物资/场地/其他) or its code."""
        rows = []
        for number, line in enumerate(self.cleaned_data["payments"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.replace("｜", "|").split("|")]
            try:
                payee, amount, purpose = parts
                value = Decimal(amount.replace(",", ""))
                if not value.is_finite():
                    raise ValueError(amount)
                code = self.PURPOSES.get(purpose) or PaymentPurpose(purpose)
            except (ValueError, InvalidOperation):
                raise forms.ValidationError(
                    _("第 %(n)d 行须为“收款单位|金额|用途”，用途为服务、物资、场地或其他") % {"n": number}
                ) from None
            rows.append({"payee": payee, "amount": value, "purpose": code})
        return rows


class SubcontractingSanctionForm(forms.Form):
    """The sanction of a subcontracting finding: the contract is terminated and the takeover starts."""

    reason = forms.CharField(label=gettext_lazy("事实与理由"), widget=forms.Textarea(attrs={"rows": 2}))
    penalty = forms.DecimalField(
        label=gettext_lazy("罚款/违约金（元）"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    debar_from = forms.DateField(label=gettext_lazy("禁入起始日期"), required=False, widget=DATE)
    debar_to = forms.DateField(label=gettext_lazy("禁入截止日期"), required=False, widget=DATE)
