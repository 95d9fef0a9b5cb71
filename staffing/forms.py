"""Forms for the staffing pages; they parse input only (services validate the rules)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region
from regions.widgets import RegionPicker, check_attrs

from .choices import Education, Post, WorkerStatus
from .models import Worker


class RegionCodeField(forms.CharField):
    """A region code limited to the user's scope (set `user` on the form); out of scope reads as unknown."""

    def __init__(self, *, levels=("county", "township", "village"), **kwargs):
        self.levels = levels
        kwargs.setdefault("max_length", 12)
        kwargs.setdefault("widget", RegionPicker(levels=levels))
        super().__init__(**kwargs)


def _clean_region(form, name: str) -> Region:
    code = (form.cleaned_data.get(name) or "").strip()
    field = form.fields[name]
    region = (
        Region.objects.visible_to(form.user).filter(code=code, level__in=field.levels).first()
        if code
        else None
    )
    if region is None:
        raise forms.ValidationError(_("区划代码 {code} 不存在或不在您的权限范围内").format(code=code))
    return region


class WorkerForm(forms.ModelForm):
    region = RegionCodeField(label=gettext_lazy("任职区域"))
    id_number = forms.CharField(
        label=gettext_lazy("公民身份号码"),
        max_length=18,
        widget=forms.TextInput(attrs=check_attrs("id_number")),
    )
    phone = forms.CharField(
        label=gettext_lazy("联系电话"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs=check_attrs("phone")),
    )

    class Meta:
        model = Worker
        fields = [
            "name",
            "id_number",
            "phone",
            "region",
            "post",
            "employment",
            "dispatching_org_name",
            "dispatching_org_credit_code",
            "education",
            "full_time",
            "social_work_qualification",
            "veteran",
            "birth_date",
            "graduation_date",
            "computer_literate",
            "start_date",
        ]
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}),
            "graduation_date": forms.DateInput(attrs={"type": "date"}),
            "start_date": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
        self.fields["birth_date"].required = False
        self.fields["birth_date"].help_text = _("留空则按身份证号码填写")
        self.fields["start_date"].required = False
        self.fields["start_date"].help_text = _("留空则为今天")

    def clean_region(self):
        return _clean_region(self, "region")

    def _post_clean(self):
        # the service validates the whole worker (full_clean included): do not half-validate here
        pass


class ReassignForm(forms.Form):
    to_region = RegionCodeField(label=gettext_lazy("调往区域"))
    post = forms.ChoiceField(
        label=gettext_lazy("岗位"), choices=[("", gettext_lazy("（不变）")), *Post.choices], required=False
    )
    reason = forms.CharField(
        label=gettext_lazy("调整原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(
        label=gettext_lazy("生效日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_to_region(self):
        return _clean_region(self, "to_region")


class LeaveForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("变动"),
        choices=[
            (WorkerStatus.REASSIGNED, gettext_lazy("调离经办岗位（不适宜）")),
            (WorkerStatus.LEFT, gettext_lazy("离职")),
        ],
    )
    reason = forms.CharField(
        label=gettext_lazy("原因"), max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    on = forms.DateField(
        label=gettext_lazy("生效日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class CaseloadUploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("户数文件（.xlsx 或 .csv）"))


class RoundForm(forms.Form):
    region = RegionCodeField(label=gettext_lazy("县（市、区）"), levels=("county",))
    title = forms.CharField(label=gettext_lazy("名称"), max_length=200)
    round_date = forms.DateField(
        label=gettext_lazy("招聘日期"), widget=forms.DateInput(attrs={"type": "date"})
    )
    dispatching_org_name = forms.CharField(label=gettext_lazy("派遣机构名称"), max_length=200)
    dispatching_org_credit_code = forms.CharField(
        label=gettext_lazy("派遣机构统一社会信用代码"), max_length=18
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_region(self):
        return _clean_region(self, "region")


class PostForm(forms.Form):
    region = RegionCodeField(label=gettext_lazy("任职区域"))
    post = forms.ChoiceField(label=gettext_lazy("岗位"), choices=Post.choices)
    openings = forms.IntegerField(label=gettext_lazy("招聘人数"), min_value=1)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_region(self):
        return _clean_region(self, "region")


class CandidateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("姓名"), max_length=50)
    id_number = forms.CharField(label=gettext_lazy("公民身份号码"), max_length=18)
    phone = forms.CharField(label=gettext_lazy("联系电话"), max_length=20, required=False)
    education = forms.ChoiceField(label=gettext_lazy("学历"), choices=Education.choices)
    full_time = forms.BooleanField(label=gettext_lazy("全日制"), required=False, initial=True)
    computer_literate = forms.BooleanField(label=gettext_lazy("熟悉计算机操作"), required=False, initial=True)
    social_work_qualification = forms.BooleanField(label=gettext_lazy("社会工作职业资格"), required=False)
    veteran = forms.BooleanField(label=gettext_lazy("退役军人"), required=False)
    graduation_date = forms.DateField(
        label=gettext_lazy("毕业日期"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    score = forms.DecimalField(
        label=gettext_lazy("综合成绩"), max_digits=5, decimal_places=2, min_value=0, max_value=100
    )


class WorkerEditForm(forms.ModelForm):
    """Personal and qualification fields (the posting changes only through reassign / leave).

    The phone is never prefilled (a full number on the page would be an unlogged full view, domain.md 8): a blank
    field keeps the stored number, "clear_phone" removes it."""

    phone = forms.CharField(
        label=gettext_lazy("联系电话"), max_length=20, required=False, help_text=gettext_lazy("留空则不修改")
    )
    clear_phone = forms.BooleanField(label=gettext_lazy("删除联系电话"), required=False)

    class Meta:
        model = Worker
        fields = [
            "name",
            "phone",
            "employment",
            "dispatching_org_name",
            "dispatching_org_credit_code",
            "education",
            "full_time",
            "social_work_qualification",
            "veteran",
            "graduation_date",
            "computer_literate",
        ]
        widgets = {"graduation_date": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["phone"] = ""
        if self.instance.pk and self.instance.phone:
            self.fields["phone"].help_text = _("现为 {phone}，留空则不修改").format(
                phone=self.instance.phone_masked
            )

    def changes(self) -> dict:
        """The fields to save: a blank phone is left out (unchanged) unless the phone is to be cleared."""
        data = dict(self.cleaned_data)
        clear = data.pop("clear_phone", False)
        if clear:
            data["phone"] = ""
        elif not (data.get("phone") or "").strip():
            data.pop("phone", None)
        return data

    def _post_clean(self):
        # the service validates the whole worker: do not touch the instance here
        pass
