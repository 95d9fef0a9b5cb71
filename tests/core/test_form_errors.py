"""A refused form's errors as messages: the field's label, then its errors, joined the way the page's language
writes them ("状态：A；B" in Chinese, "Status: A; B" in English)."""

from __future__ import annotations

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import RequestFactory
from django.utils import translation

from core.web import form_errors


class _Form(forms.Form):
    status = forms.CharField(label="状态")

    def clean_status(self):
        raise forms.ValidationError(["状态不对", "请重选"])

    def clean(self):
        raise forms.ValidationError("整体有误")


def _messages(language: str) -> list[str]:
    request = RequestFactory().post("/")
    request.session = {}
    request._messages = FallbackStorage(request)
    with translation.override(language):
        form = _Form(data={"status": "x"})
        form.is_valid()
        form_errors(request, form)
    return [str(m) for m in get_messages(request)]


def test_chinese_joins_label_and_errors_with_full_width_marks():
    assert _messages("zh-hans") == ["状态：状态不对；请重选", "整体有误"]


def test_english_joins_them_with_a_colon_and_semicolons():
    assert _messages("en") == ["状态: 状态不对; 请重选", "整体有误"]
