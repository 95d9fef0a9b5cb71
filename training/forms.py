"""Forms for the training pages; they only parse input (services validate the rules)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from regions import access
from regions.models import Region
from staffing.choices import Post

from .choices import ORGANISER_LEVELS, AssessmentGrade
from .models import PlannedTraining, PriorTraining, TrainingSession
from .services.plans import PLANNED_FIELDS, SESSION_FIELDS


def organiser_regions(user):
    """Province/city/county regions the user may act for: where they can create plans and sessions."""
    qs = Region.objects.visible_to(user).filter(level__in=ORGANISER_LEVELS).order_by("code")
    if user.is_superuser:
        return qs
    codes = [r.code for r in qs.only("code") if access.has_role(user, r.code)]
    return qs.filter(code__in=codes)


class PlanForm(forms.Form):
    region = forms.ModelChoiceField(
        label=gettext_lazy("组织单位区域"), queryset=Region.objects.none(), to_field_name="code"
    )
    year = forms.IntegerField(label=gettext_lazy("年度"), min_value=2018, max_value=2100)
    title = forms.CharField(label=gettext_lazy("计划名称"), max_length=200)
    notes = forms.CharField(
        label=gettext_lazy("说明"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = organiser_regions(user)


class PlannedTrainingForm(forms.ModelForm):
    class Meta:
        model = PlannedTraining
        fields = list(PLANNED_FIELDS)
        widgets = {"topics": forms.Textarea(attrs={"rows": 2})}


class SessionForm(forms.ModelForm):
    class Meta:
        model = TrainingSession
        fields = list(SESSION_FIELDS)
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "topics": forms.Textarea(attrs={"rows": 3}),
        }

    def _post_clean(self):
        # rules are the service's job (one place); the form only parses
        pass


class FinaliseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("缺项原因（计划缺少岗前培训、定期轮训或业务进修时必填）"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class PriorTrainingForm(forms.ModelForm):
    class Meta:
        model = PriorTraining
        fields = [
            "training_type",
            "completed_on",
            "title",
            "organiser",
            "hours",
            "political_education",
            "evidence",
        ]
        widgets = {"completed_on": forms.DateInput(attrs={"type": "date"})}

    def _post_clean(self):
        # rules are the service's job (one place); the form only parses
        pass


class CancelForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("取消原因"), max_length=200)


class AssessmentForm(forms.Form):
    year = forms.IntegerField(label=gettext_lazy("考核年度"), min_value=2018)
    grade = forms.ChoiceField(label=gettext_lazy("考核等次"), choices=AssessmentGrade.choices)
    judgement = forms.CharField(label=gettext_lazy("主管评价"), widget=forms.Textarea(attrs={"rows": 3}))
    notes = forms.CharField(label=gettext_lazy("备注"), required=False)
    to_region = forms.ModelChoiceField(
        label=gettext_lazy("调整到（不适宜时）"),
        queryset=Region.objects.none(),
        required=False,
        to_field_name="code",
    )
    post = forms.ChoiceField(
        label=gettext_lazy("新岗位（可不选）"),
        choices=[("", gettext_lazy("保持原岗位")), *Post.choices],
        required=False,
    )
    transfer_out = forms.BooleanField(label=gettext_lazy("调离经办岗位（不适宜时）"), required=False)

    def __init__(self, *args, user, worker, **kwargs):
        super().__init__(*args, **kwargs)
        county = worker.region.code[:6]
        self.fields["to_region"].queryset = (
            Region.objects.visible_to(user)
            .filter(code__startswith=county)
            .exclude(level="village")
            .order_by("code")
        )


class SignInForm(forms.Form):
    """The public sign-in by the code shown at a session."""

    code = forms.CharField(label=gettext_lazy("签到码"), max_length=10)
    id_number = forms.CharField(label=gettext_lazy("公民身份号码"), max_length=18)
