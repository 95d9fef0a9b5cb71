"""Forms of the webhook pages: they parse input; the services validate and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from regions.access import acts_somewhere
from regions.choices import Role


class EventTypesField(forms.CharField):
    """Event patterns, one a line or separated by commas or spaces (`windows.case.*`, `*.deleted`)."""

    def clean(self, value: Any) -> list[str]:
        text = super().clean(value) or ""
        return [p for p in text.replace(",", " ").split() if p]


class WebhookForm(forms.Form):
    name = forms.CharField(max_length=100, label=_("名称"))
    url = forms.CharField(
        max_length=500, label=_("接收地址"), help_text=_("http 或 https 网址，须为外部地址")
    )
    event_types = EventTypesField(
        max_length=2000,
        label=_("事件类型"),
        initial="*",
        help_text=_("如 windows.case.*、*.deleted，多个用空格或逗号分隔；* 为全部"),
    )
    active = forms.BooleanField(required=False, initial=True, label=_("启用"))


class WebhookCreateForm(WebhookForm):
    owner = forms.ModelChoiceField(queryset=get_user_model().objects.none(), label=_("接口服务账号"))

    def __init__(self, *args: Any, actor: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(is_active=True).order_by("username")
        if not getattr(actor, "is_superuser", False):
            users = users.filter(pk=actor.pk)
        owner = self.fields["owner"]
        owner.queryset = users  # type: ignore[attr-defined]
        # only accounts that hold the service-account role (few; the role check reads each one's grants)
        owner.choices = [("", "---------")] + [  # type: ignore[attr-defined]
            (u.pk, u.get_username()) for u in users if acts_somewhere(u, {Role.SERVICE_ACCOUNT})
        ]
        if not getattr(actor, "is_superuser", False):
            owner.initial = actor.pk

    def cleaned_data_for_create(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        data.pop("active", None)  # a new webhook starts active
        return data
