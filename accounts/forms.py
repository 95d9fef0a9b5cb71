"""Forms of the account pages: a new account, a grant, the filters of the users list."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from regions.choices import Role

#: the roles in the order an administrator most often grants them (the daily ones first)
ROLE_ORDER = [
    Role.TOWNSHIP_STAFF,
    Role.VILLAGE_COORDINATOR,
    Role.COUNTY_STAFF,
    Role.COUNTY_ADMIN,
    Role.CITY_VIEWER,
    Role.PROVINCIAL_VIEWER,
    Role.SERVICE_ACCOUNT,
    Role.SECURITY_ADMIN,
    Role.SYSTEM_ADMIN,
    Role.AUDIT_ADMIN,
]


def _role_choices(roles: list[Role]) -> list[tuple[str, Any]]:
    ordered = ROLE_ORDER + [r for r in Role if r not in ROLE_ORDER]
    return [(r.value, r.label) for r in ordered if r in roles]


class _Scoped(forms.Form):
    """A form whose role choices are what the administrator may grant and whose region is a code in its area."""

    def __init__(self, *args: Any, roles: list[Role], regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        blank: list[tuple[str, Any]] = [("", _("请选择"))]
        cast(forms.ChoiceField, self.fields["role"]).choices = blank + _role_choices(roles)
        cast(forms.ChoiceField, self.fields["region"]).choices = blank + regions


class AccountForm(_Scoped):
    username = forms.CharField(label=_("用户名"), max_length=150, help_text=_("登录用，字母、数字和 @.+-_"))
    full_name = forms.CharField(label=_("姓名"), max_length=150)
    phone = forms.CharField(label=_("手机号码"), max_length=20)
    region = forms.ChoiceField(label=_("所在区域"))
    role = forms.ChoiceField(label=_("角色"))


class GrantForm(_Scoped):
    region = forms.ChoiceField(label=_("区域"))
    role = forms.ChoiceField(label=_("角色"))
