"""Template helpers of the account pages."""

from __future__ import annotations

from django import template

from accounts import rules

register = template.Library()


@register.filter
def address(value: str | None) -> str:
    """`{{ s.ip|address }}`: a sign-in address, or 未知 when none was known."""
    return rules.shown_address(value)
