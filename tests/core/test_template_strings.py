"""Every Chinese text a template writes goes through gettext (issue 14): the English interface (Accept-Language: en,
the language switch) reads it from locale/en, so no template may write Chinese outside {% translate %} /
{% blocktranslate %}.

The reader strips what is not shown as written (blocktranslate blocks, comments, tags, variables) and
looks for the Chinese that is left; text in <script> counts (a chart label is read too)."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

TEMPLATES = Path(settings.BASE_DIR) / "templates"
CHINESE = re.compile(r"[\u3400-\u9fff]+")
#: text that stays as written on purpose: the language switch is named in both languages so that a reader of
#: either can find it
ALLOWED = {"base.html": {"语言"}}

_NOT_WRITTEN = [
    re.compile(r"\{%\s*blocktranslate\b.*?%\}.*?\{%\s*endblocktranslate\s*%\}", re.S),
    re.compile(r"\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}", re.S),
    re.compile(r"\{#.*?#\}", re.S),
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"\{%.*?%\}", re.S),
    re.compile(r"\{\{.*?\}\}", re.S),
]


def raw_chinese(source: str) -> list[str]:
    """The runs of Chinese characters a template writes outside the translation tags."""
    for pattern in _NOT_WRITTEN:
        source = pattern.sub(" ", source)
    return CHINESE.findall(source)


def _templates() -> list[str]:
    return sorted(
        str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*") if path.suffix in (".html", ".txt")
    )


@pytest.mark.parametrize("name", _templates())
def test_a_template_writes_chinese_only_through_gettext(name):
    found = [
        run for run in raw_chinese((TEMPLATES / name).read_text()) if run not in ALLOWED.get(name, set())
    ]
    assert found == [], f"{name} writes Chinese outside {{% translate %}}: {found[:10]}"


def test_the_reader_sees_raw_text_attributes_and_scripts_but_not_translated_text():
    source = (
        '{% load i18n %}<h1>{% translate "办理队列" %}</h1><p title="未办结">{% blocktranslate with n=count %}'
        "共 {{ n }} 件{% endblocktranslate %}</p>{# 注释 #}{{ x|default:_('无') }}<p>超期</p>"
        '<script>const label = "登记量";</script>'
    )
    assert raw_chinese(source) == ["未办结", "超期", "登记量"]


def test_a_wrapped_template_reads_english_on_the_english_interface():
    # windows/rate.html: its text nodes, an attribute-free heading and a sentence with punctuation
    responder = SimpleNamespace(get_full_name="张三", username="zhangsan")
    case = SimpleNamespace(number="C-1", get_category_display="", first_responder=responder)
    context = {"case": case, "done": True, "form": None}
    with translation.override("zh-hans"):
        chinese = render_to_string("windows/rate.html", context)
    with translation.override("en"):
        english = render_to_string("windows/rate.html", context)
    assert "请您对本次服务作出评价" in chinese and "感谢您的评价！" in chinese
    assert "Please rate this service" in english and "Thank you for your rating!" in english
    # what stays Chinese is data and the language switch's own names, never wording
    assert set(raw_chinese(english)) <= {"张三", "语言", "简体中文"}
