from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("用户名"), widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("密码"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": _("用户名或密码错误。"),
        "inactive": _("该账号已停用。"),
    }


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=100, required=False, help_text=_("如：省救助平台对接"))
    days = forms.IntegerField(
        label=_("有效天数"),
        min_value=1,
        max_value=366,
        required=False,
        help_text=_("留空为系统默认（90天）"),
    )


class OtpTokenForm(forms.Form):
    """A code from the authenticator app (6 digits) or a recovery code (8 characters)."""

    token = forms.CharField(
        label=_("验证码"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


class RegionTwoFactorForm(forms.Form):
    #: a select of the regions of the administrator's area; what is posted is checked by the service (404 outside)
    region = forms.CharField(label=_("区域"), max_length=12, widget=forms.Select)
    choice = forms.ChoiceField(
        label=_("双因素认证"),
        choices=[
            ("on", _("要求该区域及下级的账号使用")),
            ("off", _("不要求（账号可自行启用）")),
            ("inherit", _("沿用上级区域或系统默认设置")),
        ],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, regions: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = self.fields["region"].widget
        assert isinstance(widget, forms.Select)
        widget.choices = regions
