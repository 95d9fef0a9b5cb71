"""Forms of the supervision pages; they only parse input (services validate the rules)."""

from __future__ import annotations

from django import forms

from .choices import InstructionKind


class IssueForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=InstructionKind.choices)
    finding = forms.CharField(label="发现问题", widget=forms.Textarea(attrs={"rows": 3}))
    requirement = forms.CharField(label="整改要求", widget=forms.Textarea(attrs={"rows": 3}))
    deadline = forms.DateField(label="整改期限", widget=forms.DateInput(attrs={"type": "date"}))


class AnswerForm(forms.Form):
    rectification = forms.CharField(label="整改情况", widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.CharField(
        label="整改佐证", help_text="文件名、文号或存档位置", widget=forms.Textarea(attrs={"rows": 2})
    )


class ReviewForm(forms.Form):
    note = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))
