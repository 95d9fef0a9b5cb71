"""Template helpers of the spine: the region picker where a page has no form object (issue 14)."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from regions.models import Region
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


def _lookup(item: Any, path: str) -> Any:
    """`0.region_code`: a list position, a dict key or an attribute, step by step (None when missing)."""
    for part in path.split("."):
        if item is None:
            return None
        if isinstance(item, dict):
            item = item.get(part)
        elif isinstance(item, list | tuple):
            item = item[int(part)] if part.isdigit() and int(part) < len(item) else None
        else:
            item = getattr(item, part, None)
    return item


def _values(item: Any, keys: list[str]) -> list[str]:
    found = [_lookup(item, key) for key in keys] if keys else [item]
    return [str(v) for v in found if v]


@register.simple_tag
def region_names(items: Any, keys: str = "") -> dict[str, str]:
    """`{% region_names events "from_region_code,to_region_code" as names %}`: the names of every region code found
    in `items` (under `keys`: paths of attributes, dict keys or list positions, `0.region_code`) in one query, for a page that shows codes."""
    wanted = {code for item in items or () for code in _values(item, [k for k in keys.split(",") if k])}
    wanted = {code for code in wanted if code.isdigit()}
    return dict(Region.objects.filter(code__in=wanted).values_list("code", "name")) if wanted else {}


@register.simple_tag
def region_label(names: dict[str, str], code: Any) -> SafeString:
    """The region's name with its code as secondary text (the code alone when the name is unknown)."""
    code = str(code or "")
    name = names.get(code)
    if not name:
        return format_html('<span class="mono">{}</span>', code)
    return format_html('{} <span class="hint mono">{}</span>', name, code)


#: a digest line ends in the path of the record it lists (regions.notifications.notify_digest)
_LINE_LINK = re.compile(r"^(?P<text>.*\S)\s+(?P<path>/[^\s<>\"']*)$")


@register.filter
def notification_body(body: str) -> SafeString:
    """A notification's body, one line per row; a line ending in a site path (a digest's record) becomes a link
    to it, the path itself hidden."""
    rows = []
    for line in (body or "").splitlines():
        match = _LINE_LINK.match(line)
        if match:
            rows.append(format_html('<a href="{}">{}</a>', match["path"], match["text"]))
        else:
            rows.append(format_html("{}", line))
    return SafeString("<br>".join(rows))


#: how django-auditlog writes a value it stored as text (a boolean, an empty value)
_STORED_AS_TEXT = {"True": "是", "False": "否", "None": "", "": ""}


@register.filter
def change_value(value: Any) -> str:
    """One side of a change in the history (LogEntry.changes_display_dict): 是/否 for a boolean and a dash for
    nothing, as a clerk reads them, never the stored "True", "False", "None" (issue 14)."""
    text = str(value)
    if text in _STORED_AS_TEXT:
        word = _STORED_AS_TEXT[text]
        return _(word) if word else "—"
    return text
