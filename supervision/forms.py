"""Forms of the supervision pages; they only parse input (services validate the rules)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from .choices import InstructionKind


class IssueForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("类别"), choices=InstructionKind.choices)
    finding = forms.CharField(label=gettext_lazy("发现问题"), widget=forms.Textarea(attrs={"rows": 3}))
    requirement = forms.CharField(label=gettext_lazy("整改要求"), widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label=gettext_lazy("整改期限"), widget=forms.DateInput(attrs={"type": "date"}))


class AnswerForm(forms.Form):
    rectification = forms.CharField(label=gettext_lazy("整改情况"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        label=gettext_lazy("整改佐证"),
        help_text=gettext_lazy("文件名、文号或存档位置"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReviewForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("审核意见"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
