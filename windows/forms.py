"""Forms of the pages: they parse input; the services validate and save."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from regions.models import Region
from regions.widgets import RegionPicker, check_attrs
from staffing.models import Worker

from .choices import (
    CaseCategory,
    CaseChannel,
    DeadlineStep,
    FeedbackMethod,
    NoticeKind,
    RatingGrade,
    TransferKind,
)
from .models import ServiceWindow
from .rules import MAX_WORKING_DAYS


class RegionCodeField(forms.CharField):
    """A region given by its code, picked by name (any region of the province by default: a household can be
    anywhere, a case can be transferred anywhere; `scope="own"` for the user's own regions)."""

    def __init__(self, *, levels=("township", "village"), scope="all", **kwargs):
        self.levels = levels
        kwargs.setdefault("widget", RegionPicker(levels=levels, scope=scope))
        super().__init__(max_length=12, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        region = Region.objects.filter(code=value.strip()).first()
        if region is None or (self.levels and region.level not in self.levels):
            raise forms.ValidationError(_("区划代码不存在或不是乡镇（街道）、村（社区）"))
        return region


class IntakeForm(forms.Form):
    window = forms.ModelChoiceField(queryset=ServiceWindow.objects.none(), label=gettext_lazy("受理窗口"))
    channel = forms.ChoiceField(
        choices=CaseChannel.choices, label=gettext_lazy("渠道"), initial=CaseChannel.WALK_IN
    )
    applicant_name = forms.CharField(max_length=50, label=gettext_lazy("申请人姓名"))
    id_number = forms.CharField(max_length=18, label=gettext_lazy("公民身份号码"))
    phone = forms.CharField(max_length=20, required=False, label=gettext_lazy("联系电话"))
    household_region = RegionCodeField(label=gettext_lazy("户籍地（乡镇、村）"))
    category = forms.ChoiceField(choices=CaseCategory.choices, label=gettext_lazy("事项类别"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label=gettext_lazy("求助内容"))
    sms_opt_in = forms.BooleanField(
        required=False, label=gettext_lazy("申请人要求短信告知办理进度（限手机号码）")
    )
    accept_now = forms.BooleanField(required=False, initial=True, label=gettext_lazy("当场受理"))
    confirm_duplicate = forms.BooleanField(
        required=False, label=gettext_lazy("已知有同类未办结事项，仍然登记")
    )

    def __init__(self, *args, windows=None, **kwargs):
        super().__init__(*args, **kwargs)
        if windows is not None:
            self.fields["window"].queryset = windows


class NoteForm(forms.Form):
    note = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("说明")
    )


class AssignForm(NoteForm):
    unit = forms.CharField(max_length=100, label=gettext_lazy("承办单位"))
    worker = forms.ModelChoiceField(
        queryset=Worker.objects.none(), required=False, label=gettext_lazy("经办人员（可选）")
    )

    def __init__(self, *args, workers=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = workers if workers is not None else Worker.objects.none()


class TransferForm(forms.Form):
    kind = forms.ChoiceField(choices=TransferKind.choices, label=gettext_lazy("转办类型"))
    to_region = RegionCodeField(required=False, label=gettext_lazy("转入地（乡镇、村）"))
    to_department = forms.CharField(max_length=100, required=False, label=gettext_lazy("转入部门"))
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("转办理由"))


class FeedbackForm(forms.Form):
    method = forms.ChoiceField(choices=FeedbackMethod.choices, label=gettext_lazy("告知方式"))
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("告知内容"))
    public_note = forms.CharField(
        max_length=300, required=False, label=gettext_lazy("公开说明（不含个人信息）")
    )


class RejectForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("不予受理理由"))
    told = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("一次性告知内容"))
    method = forms.ChoiceField(choices=FeedbackMethod.choices, label=gettext_lazy("告知方式"))


STEP_FORMS = {
    "accept": NoteForm,
    "assign": AssignForm,
    "transfer": TransferForm,
    "feedback": FeedbackForm,
    "close": NoteForm,
    "reject": RejectForm,
    "withdraw": NoteForm,
}


def person_label(user) -> str:
    """A user by their full name with the login beside it (the login alone when no name is recorded)."""
    name = user.get_full_name()
    return f"{name}（{user.get_username()}）" if name else user.get_username()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return person_label(obj)


class WindowForm(forms.ModelForm):
    region = RegionCodeField(label=gettext_lazy("所在地（乡镇、村）"), scope="own")
    staff = PeopleChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=gettext_lazy("在岗人员"),
        widget=forms.CheckboxSelectMultiple,
    )
    duty_officer = PersonChoiceField(
        queryset=get_user_model().objects.none(),
        required=False,
        label=gettext_lazy("值班人员（网上申请的首问负责人）"),
    )

    class Meta:
        model = ServiceWindow
        fields = ["name", "address", "hours", "phone", *ServiceWindow.CHECKLIST, "active"]

    #: the staff checkboxes last, below the other fields
    field_order = [*Meta.fields, "region", "duty_officer", "staff"]

    def __init__(self, *args, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        if users is not None:
            self.fields["staff"].queryset = users
            self.fields["duty_officer"].queryset = users
        if self.instance.pk:
            self.fields["region"].initial = self.instance.region.code
            self.fields["staff"].initial = list(self.instance.staff.all())
            self.fields["duty_officer"].initial = self.instance.duty_officer


class SlotPublishForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    start = forms.TimeField(label=gettext_lazy("开始"), widget=forms.TimeInput(attrs={"type": "time"}))
    end = forms.TimeField(label=gettext_lazy("结束"), widget=forms.TimeInput(attrs={"type": "time"}))
    capacity = forms.IntegerField(min_value=1, max_value=200, label=gettext_lazy("可约人数"), initial=5)


class BookForm(forms.Form):
    applicant_name = forms.CharField(max_length=50, label=gettext_lazy("申请人姓名"))
    id_number = forms.CharField(
        max_length=18,
        label=gettext_lazy("公民身份号码"),
        widget=forms.TextInput(attrs=check_attrs("id_number")),
    )
    phone = forms.CharField(
        max_length=20,
        required=False,
        label=gettext_lazy("联系电话"),
        widget=forms.TextInput(attrs=check_attrs("phone")),
    )
    category = forms.ChoiceField(choices=CaseCategory.choices, label=gettext_lazy("事项类别"))
    note = forms.CharField(max_length=300, required=False, label=gettext_lazy("备注"))


class ConvertForm(forms.Form):
    household_region = RegionCodeField(label=gettext_lazy("户籍地（乡镇、村）"))
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("求助内容"))


class StatusLookupForm(forms.Form):
    number = forms.CharField(max_length=32, label=gettext_lazy("事项编号"))
    phone_last4 = forms.CharField(min_length=4, max_length=4, label=gettext_lazy("联系电话后四位"))


class HolidayForm(forms.Form):
    """One day of the holiday table: a holiday or a make-up working day (调休上班)."""

    KIND_CHOICES = [("holiday", gettext_lazy("放假")), ("workday", gettext_lazy("调休上班"))]

    date = forms.DateField(label=gettext_lazy("日期"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(choices=KIND_CHOICES, label=gettext_lazy("类型"))
    name = forms.CharField(
        max_length=50, label=gettext_lazy("名称"), help_text=gettext_lazy("如：春节、国庆节调休上班")
    )
    region_code = forms.CharField(
        max_length=12,
        required=False,
        label=gettext_lazy("适用县（市、区）"),
        widget=RegionPicker(levels=("county",)),
        help_text=gettext_lazy("留空：全国统一安排（省级管理员录入）；选择一个县：本县的地方性假日"),
    )


class DeadlineRuleForm(forms.Form):
    """One time limit with its source."""

    category = forms.ChoiceField(choices=CaseCategory.choices, label=gettext_lazy("事项类别"))
    step = forms.ChoiceField(choices=DeadlineStep.choices, label=gettext_lazy("环节"))
    working_days = forms.IntegerField(
        min_value=1, max_value=MAX_WORKING_DAYS, label=gettext_lazy("时限（工作日）")
    )
    source = forms.CharField(
        max_length=200,
        label=gettext_lazy("依据"),
        help_text=gettext_lazy("法规名称、文号和条款；无明文规定的填写“本地默认”"),
    )
    region_code = forms.CharField(
        max_length=12,
        required=False,
        label=gettext_lazy("适用县（市、区）"),
        widget=RegionPicker(levels=("county",)),
        help_text=gettext_lazy("留空：全省默认（省级管理员）；选择一个县：本县时限"),
    )
    statutory = forms.BooleanField(required=False, label=gettext_lazy("法定时限（仅全省默认）"))


class RoutingRuleForm(forms.Form):
    """The department that handles a category (一门受理、协同办理)."""

    category = forms.ChoiceField(choices=CaseCategory.choices, label=gettext_lazy("事项类别"))
    department = forms.CharField(max_length=100, label=gettext_lazy("承办部门"))
    collaborative = forms.BooleanField(
        required=False,
        label=gettext_lazy("协同办理"),
        help_text=gettext_lazy("由民政以外的部门承办，窗口受理后转交"),
    )


class NoticeForm(forms.Form):
    """一次性告知书: the missing documents ticked from the matter's checklist, others one per line, the reason."""

    kind = forms.ChoiceField(choices=NoticeKind.choices, label=gettext_lazy("告知类型"))
    items = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("需补充的材料（本事项材料清单）"),
    )
    other = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("其他需补充的材料（每行一项）"),
    )
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("告知事由"))

    def __init__(self, *args, checklist=(), case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["items"].choices = [(item, item) for item in checklist]
        if case is not None and case.status == "not_accepted":
            self.fields["kind"].initial = NoticeKind.NOT_ACCEPTED


class RatingForm(forms.Form):
    grade = forms.TypedChoiceField(
        choices=RatingGrade.choices,
        coerce=int,
        widget=forms.RadioSelect,
        label=gettext_lazy("您对本次服务的评价"),
    )
    comment = forms.CharField(
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label=gettext_lazy("意见建议（选填）"),
    )


class PublicRatingForm(RatingForm):
    number = forms.CharField(max_length=32, label=gettext_lazy("事项编号"))
    phone_last4 = forms.CharField(min_length=4, max_length=4, label=gettext_lazy("联系电话后四位"))


class FollowUpNoteForm(forms.Form):
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("情况说明"))


class AppealForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("申诉理由"))


class DecisionForm(forms.Form):
    decision = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("复核意见"))


class TellForm(forms.Form):
    method = forms.ChoiceField(choices=FeedbackMethod.choices, label=gettext_lazy("告知方式"))
    outcome = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), label=gettext_lazy("告知申请人的结果")
    )


FOLLOW_UP_FORMS = {
    "verify": FollowUpNoteForm,
    "unfounded": FollowUpNoteForm,
    "appeal": AppealForm,
    "uphold": DecisionForm,
    "dismiss": DecisionForm,
    "rectify": FollowUpNoteForm,
    "tell": TellForm,
}


class GuideForm(forms.Form):
    """The province's text of a matter's 办事指南."""

    eligibility = forms.CharField(label=gettext_lazy("申请条件"), widget=forms.Textarea(attrs={"rows": 3}))
    documents = forms.CharField(
        label=gettext_lazy("申请材料（每行一项）"), widget=forms.Textarea(attrs={"rows": 5})
    )
    legal_basis = forms.CharField(label=gettext_lazy("设定依据"), widget=forms.Textarea(attrs={"rows": 2}))
    online_url = forms.URLField(label=gettext_lazy("网上申请地址"), required=False, assume_scheme="https")
    appointment_url = forms.URLField(
        label=gettext_lazy("网上预约地址"), required=False, assume_scheme="https"
    )

    def clean_documents(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["documents"].splitlines() if line.strip()]


class GuideNoteForm(forms.Form):
    """A county's local note on a matter's guide (empty removes it)."""

    county = forms.ChoiceField(label=gettext_lazy("县（市、区）"))
    note = forms.CharField(
        label=gettext_lazy("本地说明（本地标准、补充材料、联系方式等）"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, counties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [(r.code, r.name) for r in counties]
