"""Admin: regions (reference data), granting roles on regions, and the personal-data view log."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.utils.translation import gettext as _
from guardian.admin import GuardedModelAdmin
from rest_framework.authtoken.models import TokenProxy

from .choices import Role
from .models import (
    ApiToken,
    AuditArchive,
    AuditRecord,
    PersonalDataAccess,
    Region,
    RegionUserObjectPermission,
)
from .services import region_grant

if TYPE_CHECKING:  # ModelForm and ModelAdmin are generic only in the stubs (not subscriptable at runtime)
    _GrantFormBase = forms.ModelForm[RegionUserObjectPermission]
    _GrantAdminBase = admin.ModelAdmin[RegionUserObjectPermission]
    _AccessAdminBase = admin.ModelAdmin[PersonalDataAccess]
else:
    _GrantFormBase = forms.ModelForm
    _GrantAdminBase = _AccessAdminBase = admin.ModelAdmin


@admin.register(Region)
class RegionAdmin(GuardedModelAdmin):
    list_display = ["code", "name", "level", "synthetic"]
    list_filter = ["level", "synthetic"]
    search_fields = ["code", "name"]
    raw_id_fields = ["parent"]
    list_per_page = 100

    def get_readonly_fields(self, request: Any, obj: Region | None = None) -> list[str]:
        # a region's code is its identity: cases, snapshots and grants store it (and regions.codes keeps it)
        return ["code"] if obj is not None else []


class GrantForm(_GrantFormBase):
    user = forms.ModelChoiceField(get_user_model().objects.order_by("username"), label="用户")
    region_code = forms.CharField(label="区划代码", max_length=12)
    role = forms.ChoiceField(choices=Role.choices, label="角色")

    class Meta:
        model = RegionUserObjectPermission
        fields = ["user"]

    def clean_region_code(self) -> str:
        code: str = self.cleaned_data["region_code"].strip()
        if not Region.objects.filter(code=code).exists():
            raise forms.ValidationError(_("区划代码不存在"))
        return code


@admin.register(RegionUserObjectPermission)
class RegionGrantAdmin(_GrantAdminBase):
    """One row per (user, role, region): add grants a role on a region and everything below it."""

    form = GrantForm
    list_display = ["user", "permission", "content_object"]
    list_filter = ["permission"]
    search_fields = ["user__username", "content_object__code", "content_object__name"]
    list_select_related = ["user", "permission", "content_object"]

    def has_change_permission(
        self, request: HttpRequest, obj: RegionUserObjectPermission | None = None
    ) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: RegionUserObjectPermission, form: Any, change: Any
    ) -> None:
        data = form.cleaned_data
        region_grant(
            actor=request.user, user=data["user"], region_code=data["region_code"], role=data["role"]
        )
        created = RegionUserObjectPermission.objects.filter(
            user=data["user"],
            content_object__code=data["region_code"],
            permission__codename=f"role_{data['role']}",
        ).first()
        obj.pk = created.pk if created else None


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(_AccessAdminBase):
    list_display = ["at", "user", "model", "object_pk", "field", "region_code", "reason"]
    list_filter = ["model", "field"]
    search_fields = ["user__username", "object_pk", "region_code"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: PersonalDataAccess | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: PersonalDataAccess | None = None) -> bool:
        return False


# API keys live in ApiToken as digests (issue 12 item 6): the plaintext Token admin of rest_framework.authtoken goes
if admin.site.is_registered(TokenProxy):
    admin.site.unregister(TokenProxy)


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Tokens are made on the token page or with `create_api_token` (the key is shown once); here they are listed."""

    list_display = ["prefix", "user", "name", "created_at", "expires_at", "last_used_at", "revoked_at"]
    search_fields = ["prefix", "user__username", "name"]
    readonly_fields = [
        "user",
        "prefix",
        "created_at",
        "expires_at",
        "last_used_at",
        "revoked_at",
        "revoked_by",
    ]
    exclude = ["digest"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


class _ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """The audit trail in the admin site: read-only for everyone, the superuser included (等保2.0 三级: no one edits
    or deletes an audit record); the audit administrator's page is /regions/audit/."""

    actions = None

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditRecord)
class AuditRecordAdmin(_ReadOnlyAdmin):
    list_display = ["seq", "at", "username", "address", "action", "region_code", "target"]
    list_filter = ["action"]
    search_fields = ["username", "region_code", "target"]
    date_hierarchy = "at"


@admin.register(AuditArchive)
class AuditArchiveAdmin(_ReadOnlyAdmin):
    list_display = ["created_at", "first_seq", "last_seq", "count", "path"]
