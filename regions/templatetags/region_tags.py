"""Template helpers of the spine: the region picker where a page has no form object (issue 14)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.safestring import SafeString

from regions.widgets import RegionPicker

register = template.Library()


@register.simple_tag
def region_picker(
    name: str, value: Any = "", levels: str = "", scope: str = "own", field_id: str = "", label: str = ""
) -> SafeString:
    """`{% region_picker "region" region.code levels="county" %}`: the picker where a page has no form object
    (`field_id` when a page repeats it, `label` for an aria-label when no <label> names it)."""
    picker = RegionPicker(levels=[level for level in levels.split(",") if level], scope=scope)
    attrs = {"id": field_id or f"id_{name}"}
    if label:
        attrs["aria-label"] = label
    return picker.render(name, value, attrs=attrs)
