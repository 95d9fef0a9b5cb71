"""The region picker's and the contractor lookup's words in the interface's language (issue 14): the scripts carry
no text; the widgets' templates write it through gettext into data-msg-* attributes."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from regions.widgets import LookupInput

pytestmark = pytest.mark.django_db


def _picker_words(html: str, selector: str) -> dict[str, str]:
    node = BeautifulSoup(html, "html.parser").select_one(selector)
    return {name: value for name, value in node.attrs.items() if name.startswith("data-msg-")}


def test_the_pickers_words_are_served_in_the_interfaces_language(windows, actors, web):
    """The region picker's and the contractor lookup's script messages are data attributes written through gettext
    (static/js/region-picker.js and lookup.js carry no text of their own): English under en, Chinese by default."""
    client = web(actors.township_a1)
    url = reverse("windows:intake")
    chinese = _picker_words(client.get(url).content.decode(), "[data-region-picker]")
    assert chinese["data-msg-not-found"] == "没有找到符合的区域"
    assert chinese["data-msg-out-of-scope"] == "区划代码 {code} 不在可选范围内"
    client.cookies["django_language"] = "en"
    try:
        english = _picker_words(
            client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode(), "[data-region-picker]"
        )
        with translation.override("en"):
            widget = LookupInput(url="procurement:contractor_pick", describe=str).render("contractor", "")
        lookup = _picker_words(widget, "[data-lookup]")
        placeholder = BeautifulSoup(widget, "html.parser").select_one("[data-lookup]")["data-placeholder"]
    finally:
        translation.activate(settings.LANGUAGE_CODE)  # the middleware leaves the thread in English
    assert english == {
        "data-msg-placeholder": "Search by name or code, ↑↓ to move, Enter to choose",
        "data-msg-none-chosen": "None chosen (type a name or a code)",
        "data-msg-not-found": "No matching region",
        "data-msg-region": "Region",
        "data-msg-out-of-scope": "Division code {code} is not among the regions you may choose",
        "data-msg-start": "Search by name or code, or choose level by level below",
    }
    assert lookup == {"data-msg-not-found": "Nothing found"}
    assert placeholder == "Search by name or code"
