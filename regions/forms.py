from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label="用户名", widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"})
    )
    password = forms.CharField(
        label="密码", strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )
    error_messages = {
        "invalid_login": "用户名或密码错误。/ Wrong username or password.",
        "inactive": "该账号已停用。/ This account is inactive.",
    }


class ApiTokenForm(forms.Form):
    name = forms.CharField(label="用途", max_length=100, required=False, help_text="如：省救助平台对接")
    days = forms.IntegerField(
        label="有效天数", min_value=1, max_value=366, required=False, help_text="留空为系统默认（90天）"
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
