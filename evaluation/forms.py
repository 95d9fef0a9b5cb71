"""Forms of the evaluation pages: they parse input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from procurement.choices import SanctionKind
from procurement.models import Contract

from .choices import STAFF_CHANNELS, Dimension, Party, ResponseChannel, Satisfaction
from .models import EvaluationTemplate
from .services.templates import service_categories


class EvaluationCreateForm(forms.Form):
    contract = forms.ModelChoiceField(label=gettext_lazy("服务合同"), queryset=Contract.objects.none())
    period = forms.CharField(label=gettext_lazy("评价期"), max_length=50, initial="合同期满")
    template = forms.ModelChoiceField(
        label=gettext_lazy("评价模板"),
        queryset=EvaluationTemplate.objects.none(),
        required=False,
        empty_label=gettext_lazy("按地区和服务类别自动选择"),
    )
    due_date = forms.DateField(
        label=gettext_lazy("应完成日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    population = forms.IntegerField(label=gettext_lazy("服务对象人数"), required=False, min_value=0)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = (
            Contract.objects.visible_to(user).select_related("project", "contractor").order_by("-end_date")
        )
        self.fields["contract"].label_from_instance = lambda c: (
            f"{c.number} {c.project.title}（{c.contractor.name}）"
        )
        self.fields["template"].queryset = EvaluationTemplate.objects.visible_to(user).filter(active=True)


class EvaluatorForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("第三方评价机构名称"), max_length=200)
    credit_code = forms.CharField(label=gettext_lazy("统一社会信用代码"), max_length=30)
    declared_codes = forms.CharField(
        label=gettext_lazy("声明存在关联关系的单位（统一社会信用代码，每行一个）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_declared_codes(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["declared_codes"].splitlines() if line.strip()]


class ScoreForm(forms.Form):
    """One field per indicator of a party (0–100)."""

    def __init__(self, *args, indicators, scores, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicators = indicators
        for ind in indicators:
            existing = scores.get(ind.pk)
            self.fields[f"i{ind.pk}"] = forms.DecimalField(
                label=gettext_lazy("{dimension}·{name}（权重{weight}）").format(
                    dimension=ind.get_dimension_display(), name=ind.name, weight=ind.weight
                ),
                required=False,
                max_digits=5,
                decimal_places=2,
                initial=existing.value if existing else None,
                widget=forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "100"}),
            )

    def rows(self) -> list[dict]:
        return [
            {"indicator": ind.pk, "value": self.cleaned_data[f"i{ind.pk}"]}
            for ind in self.indicators
            if self.cleaned_data.get(f"i{ind.pk}") is not None
        ]


class PublishForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("评价结论"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    rectification_requirements = forms.CharField(
        label=gettext_lazy("整改要求（不合格时必填）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    rectification_deadline = forms.DateField(
        label=gettext_lazy("整改期限（不合格时必填）"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class SanctionForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("违规类型"))
    reason = forms.CharField(
        label=gettext_lazy("严重问题的事实与理由"), widget=forms.Textarea(attrs={"rows": 3})
    )
    penalty = forms.DecimalField(
        label=gettext_lazy("罚款/违约金（元）"), required=False, max_digits=14, decimal_places=2, min_value=0
    )
    debar_from = forms.DateField(
        label=gettext_lazy("禁入起始日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    debar_to = forms.DateField(
        label=gettext_lazy("禁入截止日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = SanctionKind.choices


class RectificationDoneForm(forms.Form):
    outcome = forms.CharField(label=gettext_lazy("整改结果"), widget=forms.Textarea(attrs={"rows": 2}))
    completed_on = forms.DateField(
        label=gettext_lazy("完成日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class SurveySettingsForm(forms.Form):
    population = forms.IntegerField(label=gettext_lazy("服务对象人数"), required=False, min_value=0)
    min_sample = forms.IntegerField(label=gettext_lazy("最低样本量"), min_value=1)


class InvitationForm(forms.Form):
    count = forms.IntegerField(label=gettext_lazy("生成问卷码数量"), min_value=1, max_value=500, initial=20)


class QuestionnaireForm(forms.Form):
    """The questionnaire: one 1–5 choice per recipient indicator; staff also pick the channel."""

    def __init__(self, *args, questions, staff: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        if staff:
            self.fields["channel"] = forms.ChoiceField(
                label=gettext_lazy("渠道"),
                choices=[(c.value, c.label) for c in STAFF_CHANNELS],
                initial=ResponseChannel.WINDOW,
                widget=forms.RadioSelect,
            )
        for q in questions:
            self.fields[f"q{q.pk}"] = forms.TypedChoiceField(
                label=q.name,
                choices=Satisfaction.choices,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "likert"}),
            )

    def answers(self) -> dict[str, int]:
        return {str(q.pk): self.cleaned_data[f"q{q.pk}"] for q in self.questions}

    def summary(self) -> str:
        """What was saved, in words, for the clerk to compare with the paper form: channel, then each answer."""
        labels = dict(Satisfaction.choices)
        parts = [f"{q.name} {labels[self.cleaned_data[f'q{q.pk}']]}" for q in self.questions]
        if "channel" in self.fields:
            parts.insert(0, str(ResponseChannel(self.cleaned_data["channel"]).label))
        return "；".join(parts)


class TemplateForm(forms.Form):
    """A template edited as a whole: name, category, thresholds, sample, party weights and every indicator."""

    name = forms.CharField(label=gettext_lazy("模板名称"), max_length=100)
    service_category = forms.ChoiceField(label=gettext_lazy("适用服务类别"), required=False)
    region = forms.ChoiceField(label=gettext_lazy("制定区域"))
    excellent_min = forms.DecimalField(
        label=gettext_lazy("优秀分数线"), max_digits=5, decimal_places=2, initial=90
    )
    good_min = forms.DecimalField(
        label=gettext_lazy("良好分数线"), max_digits=5, decimal_places=2, initial=80
    )
    pass_min = forms.DecimalField(
        label=gettext_lazy("合格分数线"), max_digits=5, decimal_places=2, initial=60
    )
    min_sample = forms.IntegerField(label=gettext_lazy("满意度最低样本量"), min_value=1, initial=30)

    ROWS_PER_PARTY = 8

    def __init__(self, *args, regions, source: list[dict], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [(r.code, r.name) for r in regions]  # type: ignore[attr-defined]  # a ChoiceField
        self.fields["service_category"].choices = [("", _("全部类别"))] + [  # type: ignore[attr-defined]  # a ChoiceField
            (c, c) for c in service_categories()
        ]
        by_party = {p["party"]: p for p in source}
        self.party_blocks = []
        for party in Party:
            data = by_party.get(party.value, {"weight": "", "indicators": []})
            self.fields[f"{party.value}_weight"] = forms.DecimalField(
                label=gettext_lazy("{party}权重").format(party=party.label),
                max_digits=5,
                decimal_places=2,
                initial=data["weight"],
            )
            rows = []
            for n in range(self.ROWS_PER_PARTY):
                ind = data["indicators"][n] if n < len(data["indicators"]) else {}
                prefix = f"{party.value}_{n}"
                self.fields[f"{prefix}_dimension"] = forms.ChoiceField(
                    label=gettext_lazy("维度"),
                    choices=[("", "—")] + list(Dimension.choices),
                    required=False,
                    initial=ind.get("dimension"),
                )
                self.fields[f"{prefix}_name"] = forms.CharField(
                    label=gettext_lazy("指标"), max_length=200, required=False, initial=ind.get("name")
                )
                self.fields[f"{prefix}_weight"] = forms.DecimalField(
                    label=gettext_lazy("权重"),
                    max_digits=5,
                    decimal_places=2,
                    required=False,
                    initial=ind.get("weight"),
                )
                rows.append((self[f"{prefix}_dimension"], self[f"{prefix}_name"], self[f"{prefix}_weight"]))
            self.party_blocks.append(
                {"label": party.label, "weight": self[f"{party.value}_weight"], "rows": rows}
            )

    @property
    def head_fields(self) -> list:
        return [
            self[n]
            for n in (
                "name",
                "service_category",
                "region",
                "excellent_min",
                "good_min",
                "pass_min",
                "min_sample",
            )
        ]

    def parties(self) -> list[dict]:
        out = []
        for party in Party:
            indicators = []
            for n in range(self.ROWS_PER_PARTY):
                prefix = f"{party.value}_{n}"
                name = (self.cleaned_data.get(f"{prefix}_name") or "").strip()
                if not name:
                    continue
                indicators.append(
                    {
                        "dimension": self.cleaned_data.get(f"{prefix}_dimension"),
                        "name": name,
                        "weight": self.cleaned_data.get(f"{prefix}_weight"),
                    }
                )
            out.append(
                {
                    "party": party.value,
                    "weight": self.cleaned_data[f"{party.value}_weight"],
                    "indicators": indicators,
                }
            )
        return out
