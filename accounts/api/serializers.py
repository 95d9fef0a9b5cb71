"""Accounts API shapes: a user with its grants (phone masked), a grant, the inputs of the writes."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from regions.choices import Role
from regions.models import RegionUserObjectPermission
from regions.rules import mask_phone

from ..selectors import role_of


class GrantSerializer(serializers.Serializer[RegionUserObjectPermission]):
    id = serializers.IntegerField(read_only=True)
    user = serializers.IntegerField(source="user_id", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    region = serializers.CharField(source="content_object.code", read_only=True)
    region_name = serializers.CharField(source="content_object.name", read_only=True)
    role = serializers.SerializerMethodField()

    def get_role(self, obj: RegionUserObjectPermission) -> str:
        return role_of(obj).value


class UserSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)
    full_name = serializers.CharField(source="first_name", read_only=True)
    phone = serializers.SerializerMethodField()
    region = serializers.SerializerMethodField()
    is_active = serializers.BooleanField(read_only=True)
    last_login = serializers.DateTimeField(read_only=True)
    must_change_password = serializers.SerializerMethodField()
    grants = serializers.SerializerMethodField()

    def _account(self, obj: Any) -> Any:
        return getattr(obj, "account", None) if hasattr(obj, "account") else None

    def get_phone(self, obj: Any) -> str:
        account = self._account(obj)
        return mask_phone(account.phone) if account is not None else ""

    def get_region(self, obj: Any) -> str | None:
        account = self._account(obj)
        return account.region.code if account is not None and account.region is not None else None

    def get_must_change_password(self, obj: Any) -> bool:
        account = self._account(obj)
        return bool(account is not None and account.must_change_password)

    def get_grants(self, obj: Any) -> list[dict[str, str]]:
        return [
            {"id": g.pk, "region": g.content_object.code, "role": role_of(g).value} for g in obj.region_grants
        ]


class UserCreateSerializer(serializers.Serializer[Any]):
    username = serializers.CharField(max_length=150)
    full_name = serializers.CharField(max_length=150)
    phone = serializers.CharField(max_length=20)
    region = serializers.CharField(max_length=12)
    role = serializers.ChoiceField(choices=Role.choices)


class GrantCreateSerializer(serializers.Serializer[Any]):
    user = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    region = serializers.CharField(max_length=12)
    role = serializers.ChoiceField(choices=Role.choices)
