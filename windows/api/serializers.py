"""API shapes. Personal fields are always masked here; the full value only through `reveal/` (logged)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from regions.api.base import ScopedRegionField
from regions.choices import INTAKE_ROLES
from regions.models import Region
from staffing.models import Worker

from ..choices import CaseCategory, CaseChannel, CaseStatus, FeedbackMethod
from ..models import Appointment, AppointmentSlot, Case, CaseAttachment, CaseEvent, ServiceWindow


@extend_schema_field(OpenApiTypes.STR)
class LabelField(serializers.Field):
    """The Chinese label of a choice value, translated once per serializer (not per row: `get_FOO_display` with
    lazy labels costs more than the rest of a list row)."""

    def __init__(self, choices, **kwargs):
        self.choice_labels = dict(choices)
        self._cache: dict[str, str] | None = None
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        if self._cache is None:
            self._cache = {k: str(v) for k, v in self.choice_labels.items()}
        return self._cache.get(value, value)


STATUS_HELP = (
    "received / accepted / assigned / transferred / feedback_given / closed / not_accepted / withdrawn"
)


class CaseSerializer(serializers.ModelSerializer):
    # plain strings: the status enums of several resources must not collide in the schema
    status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    channel = serializers.CharField(read_only=True, help_text=" / ".join(CaseChannel.values))
    category = serializers.CharField(read_only=True, help_text=" / ".join(CaseCategory.values))
    status_label = LabelField(CaseStatus.choices, source="status")
    category_label = LabelField(CaseCategory.choices, source="category")
    channel_label = LabelField(CaseChannel.choices, source="channel")
    region = serializers.CharField(source="region_code", read_only=True)
    accepting_region = serializers.CharField(source="accepting_region.code", read_only=True)
    household_region = serializers.CharField(source="household_region.code", read_only=True)
    first_responder = serializers.CharField(source="first_responder.username", read_only=True)
    id_number = serializers.CharField(source="id_number_masked", read_only=True)
    phone = serializers.CharField(source="phone_masked", read_only=True)
    due_at = serializers.DateField(source="due_date", read_only=True, help_text="当前环节期限（环节时限）")
    case_due_at = serializers.DateField(
        source="case_due_date", read_only=True, help_text="全程期限（登记至办结，不因分办、转办重新起算）"
    )
    overdue = serializers.SerializerMethodField(help_text="当前超期（任一时限已过）")
    ever_overdue = serializers.BooleanField(
        read_only=True, help_text="曾超期：一经超期即保留，此后任何环节不清除"
    )
    deadline_provisional = serializers.BooleanField(
        read_only=True, help_text="期限待定：期限跨入尚未录入全国节假日安排的年份，暂按周末计算"
    )

    class Meta:
        model = Case
        fields = [
            "number",
            "status",
            "status_label",
            "channel",
            "channel_label",
            "category",
            "category_label",
            "department",
            "window",
            "accepting_region",
            "region",
            "household_region",
            "first_responder",
            "applicant_name",
            "id_number",
            "phone",
            "sms_opt_in",
            "description",
            "assigned_unit",
            "assigned_worker",
            "cross_region",
            "received_at",
            "due_at",
            "case_due_at",
            "overdue",
            "ever_overdue",
            "deadline_provisional",
            "closed_at",
        ]
        read_only_fields = fields

    def get_overdue(self, obj: Case) -> bool:
        return obj.is_overdue(timezone.localdate())


class CaseCreateSerializer(serializers.Serializer):
    """Input of an intake: `window` (id) or `accepting_region` (code) within the caller's scope."""

    write_roles = INTAKE_ROLES  # a provincial system's account takes cases in (domain.md 8)

    applicant_name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=30)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    household_region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        error_messages={"does_not_exist": gettext_lazy("区划代码 {value} 不存在")},
    )
    window = serializers.PrimaryKeyRelatedField(queryset=ServiceWindow.objects.none(), required=False)
    accepting_region = ScopedRegionField(levels=["township", "village"], required=False)
    # plain strings (validated by the service): enums named "channel"/"category" must not collide in the schema
    category = serializers.CharField(help_text=" / ".join(CaseCategory.values))
    channel = serializers.CharField(help_text=" / ".join(CaseChannel.values))
    description = serializers.CharField()
    accept_now = serializers.BooleanField(required=False, default=False)
    sms_opt_in = serializers.BooleanField(
        required=False, default=False, help_text="text the applicant each public step (a mobile number only)"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["window"].queryset = ServiceWindow.objects.visible_to(request.user).select_related(
                "region", "duty_officer"
            )

    def validate(self, attrs):
        if not attrs.get("window") and not attrs.get("accepting_region"):
            raise serializers.ValidationError({"window": _("请指定受理窗口或受理地区划")})
        return attrs


class CaseEventSerializer(serializers.ModelSerializer):
    from_status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    to_status = serializers.CharField(read_only=True, help_text=STATUS_HELP)
    feedback_method = serializers.CharField(
        read_only=True, help_text="in_person / phone / sms / letter / online"
    )
    actor = serializers.CharField(
        source="actor.username", read_only=True, default="", help_text="空：系统记录"
    )
    action_label = serializers.CharField(source="get_action_display", read_only=True)

    class Meta:
        model = CaseEvent
        fields = [
            "id",
            "action",
            "action_label",
            "from_status",
            "to_status",
            "actor",
            "at",
            "from_region_code",
            "to_region_code",
            "from_unit",
            "to_unit",
            "note",
            "public_note",
            "feedback_method",
        ]
        read_only_fields = fields


class CaseAttachmentSerializer(serializers.ModelSerializer):
    uploaded_by = serializers.CharField(source="uploaded_by.username", read_only=True)

    class Meta:
        model = CaseAttachment
        fields = ["id", "name", "size", "uploaded_by", "uploaded_at"]
        read_only_fields = fields


class AttachmentUploadSerializer(serializers.Serializer):
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False)


class NoteSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AssignSerializer(NoteSerializer):
    unit = serializers.CharField(max_length=100)
    worker = serializers.PrimaryKeyRelatedField(
        queryset=Worker.objects.none(),
        required=False,
        allow_null=True,
        help_text="staffing worker id (optional)",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        qs = Worker.objects.select_related("region")
        self.fields["worker"].queryset = qs.visible_to(request.user) if request is not None else qs.none()


class TransferSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="department / region")
    reason = serializers.CharField()
    to_region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        required=False,
        allow_null=True,
        error_messages={"does_not_exist": gettext_lazy("区划代码 {value} 不存在")},
    )
    to_department = serializers.CharField(required=False, allow_blank=True, default="")


# Choices travel as plain strings validated by the services: drf-spectacular names enums by field name, and
# "method", "kind", "status" … are used by other apps' resources too.
METHOD_HELP = " / ".join(FeedbackMethod.values)


class FeedbackSerializer(serializers.Serializer):
    method = serializers.CharField(help_text=METHOD_HELP)
    content = serializers.CharField()
    public_note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class RejectSerializer(serializers.Serializer):
    reason = serializers.CharField()
    told = serializers.CharField()
    method = serializers.CharField(default=FeedbackMethod.IN_PERSON, help_text=METHOD_HELP)


class RevealSerializer(serializers.Serializer):
    field = serializers.RegexField(r"^(id_number|phone)$", help_text="id_number / phone")
    reason = serializers.CharField(max_length=200)


class ServiceWindowSerializer(serializers.ModelSerializer):
    region = ScopedRegionField(levels=["township", "village"])
    staff: serializers.RelatedField[Any, Any, Any] = serializers.SlugRelatedField(
        slug_field="username", many=True, read_only=True
    )
    duty_officer: serializers.RelatedField[Any, Any, Any] = serializers.SlugRelatedField(
        slug_field="username", read_only=True
    )
    checklist_done = serializers.IntegerField(read_only=True)

    class Meta:
        model = ServiceWindow
        fields = [
            "id",
            "region",
            "name",
            "address",
            "hours",
            "phone",
            *ServiceWindow.CHECKLIST,
            "active",
            "staff",
            "duty_officer",
            "checklist_done",
        ]


class WindowWriteSerializer(serializers.ModelSerializer):
    region = ScopedRegionField(levels=["township", "village"])
    staff = serializers.SlugRelatedField(
        slug_field="username",
        many=True,
        required=False,
        queryset=get_user_model().objects.all(),
    )
    duty_officer = serializers.SlugRelatedField(
        slug_field="username",
        required=False,
        allow_null=True,
        queryset=get_user_model().objects.all(),
    )

    class Meta:
        model = ServiceWindow
        fields = [
            "region",
            "name",
            "address",
            "hours",
            "phone",
            *ServiceWindow.CHECKLIST,
            "active",
            "staff",
            "duty_officer",
        ]
        validators: list[Any] = []


class AppointmentSlotSerializer(serializers.ModelSerializer):
    window = serializers.PrimaryKeyRelatedField(queryset=ServiceWindow.objects.none())
    available = serializers.IntegerField(read_only=True)

    class Meta:
        model = AppointmentSlot
        fields = ["id", "window", "starts_at", "ends_at", "capacity", "booked", "available"]
        read_only_fields = ["booked"]
        validators: list[Any] = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["window"].queryset = ServiceWindow.objects.visible_to(request.user).select_related(
                "region"
            )


class AppointmentSerializer(serializers.ModelSerializer):
    status = serializers.CharField(read_only=True, help_text="booked / cancelled / no_show / converted")
    category = serializers.CharField(read_only=True, help_text=" / ".join(CaseCategory.values))
    window = serializers.IntegerField(source="slot.window_id", read_only=True)
    starts_at = serializers.DateTimeField(source="slot.starts_at", read_only=True)
    id_number = serializers.CharField(source="id_number_masked", read_only=True)
    phone = serializers.CharField(source="phone_masked", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    case = serializers.CharField(source="case.number", read_only=True, default=None)

    class Meta:
        model = Appointment
        fields = [
            "id",
            "slot",
            "window",
            "starts_at",
            "applicant_name",
            "id_number",
            "phone",
            "category",
            "note",
            "status",
            "status_label",
            "case",
            "created_at",
        ]
        read_only_fields = fields


class AppointmentBookSerializer(serializers.Serializer):
    slot = serializers.PrimaryKeyRelatedField(queryset=AppointmentSlot.objects.none())
    applicant_name = serializers.CharField(max_length=50)
    id_number = serializers.CharField(max_length=30)
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True, default="")
    category = serializers.CharField(help_text=" / ".join(CaseCategory.values))
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["slot"].queryset = AppointmentSlot.objects.visible_to(request.user).select_related(
                "window__region"
            )


class AppointmentConvertSerializer(serializers.Serializer):
    household_region = serializers.SlugRelatedField(
        slug_field="code",
        queryset=Region.objects.all(),
        error_messages={"does_not_exist": gettext_lazy("区划代码 {value} 不存在")},
    )
    description = serializers.CharField()
