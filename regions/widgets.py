"""The region picker widget (issue 14: places by name, never by code).

Without JavaScript it is the text field it always was (the division code), with the chosen region's name beside it;
static/js/region-picker.js turns it into a search box (type a name or a code, arrows, Enter) over a cascade of
市/县/镇/村 selects, limited to the user's scope and the levels the field accepts, fed by `regions:pick`. The form
still posts the code and the field still validates it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _

from .choices import RegionLevel
from .models import Region


class RegionPicker(forms.TextInput):
    template_name = "regions/widgets/region_picker.html"

    def __init__(
        self, *, levels: Iterable[str] = (), scope: str = "own", attrs: dict[str, Any] | None = None
    ) -> None:
        self.levels = tuple(levels)
        self.scope = scope
        base = {"class": "mono", "inputmode": "numeric", "maxlength": "12", "autocomplete": "off"}
        super().__init__(attrs={**base, **(attrs or {})})

    def level_labels(self) -> str:
        wanted = self.levels or tuple(RegionLevel.values)
        # the enumeration comma of the interface's language (、 in Chinese, ", " in English)
        return _("、").join(str(RegionLevel(level).label) for level in wanted)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        code = value.code if isinstance(value, Region) else str(value or "").strip()
        context["widget"]["value"] = code or None
        region = (
            value
            if isinstance(value, Region)
            else (Region.objects.filter(code=code).first() if code.isdigit() else None)
        )
        context["picker"] = {
            "url": reverse("regions:pick"),
            "levels": ",".join(self.levels),
            "scope": self.scope,
            "region": region,
            "accepts": self.level_labels(),
        }
        return context


class LookupInput(forms.TextInput):
    """A code field (a credit code …) picked by searching a list by name or code: static/js/lookup.js turns it into a
    search box over the JSON of `url` (`?q=` → {"results": [{"code", "name", "detail"}]}); the form still posts the
    code. Without JavaScript it stays the text field, with the name of the current value (`describe`) beside it."""

    template_name = "regions/widgets/lookup.html"

    def __init__(
        self,
        *,
        url: str,
        describe: Callable[[str], str],
        placeholder: Any = "",
        attrs: dict[str, Any] | None = None,
    ) -> None:
        self.url = url
        self.describe = describe
        self.placeholder = placeholder
        super().__init__(attrs={"class": "mono", "autocomplete": "off", **(attrs or {})})

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        code = str(value or "").strip()
        context["lookup"] = {
            "url": reverse(self.url),
            "current": self.describe(code) if code else "",
            "placeholder": self.placeholder,
        }
        return context


def check_attrs(kind: str, **extra: Any) -> dict[str, Any]:
    """Widget attributes that have static/js/field-check.js check a value as it is typed, by the server's own rule
    (`kind`: id_number, credit_code, phone, month; see config/checks.py)."""
    return {"data-check": kind, "data-check-url": reverse_lazy("field-check"), **extra}
