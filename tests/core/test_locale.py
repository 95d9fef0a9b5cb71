"""One message rule (issue 14): Chinese msgids in the code, English only in locale/en, no "中文 / English" pairs.

The .mo is committed (compiled by scripts/compile_messages.py, pure Python), so these tests also keep it in step
with the .po a developer edits.
"""

from __future__ import annotations

import datetime as dt
import gettext
import re
import subprocess
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

from regions.rules import credit_code_error, id_number_error

ROOT = Path(settings.BASE_DIR)
PO = ROOT / "locale/en/LC_MESSAGES/django.po"
MO = PO.with_suffix(".mo")
# a Chinese text, " / ", then a Latin word: the pair the rule forbids in what a user reads
PAIR = re.compile(r"[\u4e00-\u9fa5][^\"'\n]{0,3} / [A-Za-z]")
FIELD = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)")
# the apps whose sources follow the rule (every app, once its strings moved to the catalogue)
RULED = [
    "core",
    "regions",
    "config",
    "accounts",
    "windows",
    "staffing",
    "procurement",
    "evaluation",
    "training",
    "oversight",
    "supervision",
    "changes",
]


def test_the_committed_mo_matches_the_po():
    po = polib.pofile(str(PO))
    with MO.open("rb") as fh:
        mo = gettext.GNUTranslations(fh)
    translated = po.translated_entries()
    assert translated, "the English catalogue is empty"
    stale = [
        e.msgid
        for e in translated
        if not e.msgid_plural
        and (mo.pgettext(e.msgctxt, e.msgid) if e.msgctxt else mo.gettext(e.msgid)) != e.msgstr
    ]
    stale += [
        e.msgid
        for e in translated
        if e.msgid_plural
        and [mo.ngettext(e.msgid, e.msgid_plural, n) for n in (1, 2)]
        != [e.msgstr_plural[0], e.msgstr_plural[1]]
    ]
    assert not stale, f"run `make messages` (or scripts/compile_messages.py): {stale[:5]}"


def test_every_message_has_its_english():
    # an empty msgstr shows the Chinese msgid on the English interface
    po = polib.pofile(str(PO))
    missing = [e.msgid for e in po if not e.obsolete and not e.translated()]
    assert missing == [], f"{len(missing)} messages without English in {PO.relative_to(ROOT)}: {missing[:10]}"


def test_no_fuzzy_guess_reaches_the_english_interface():
    assert [e.msgid for e in polib.pofile(str(PO)) if "fuzzy" in e.flags] == []


def test_each_english_text_uses_only_the_fields_its_chinese_text_fills():
    # _("区划代码 {code} 不存在").format(code=…) must not raise KeyError when the English text is chosen
    wrong = [
        (e.msgid, e.msgstr)
        for e in polib.pofile(str(PO)).translated_entries()
        if not set(FIELD.findall(e.msgstr)) <= set(FIELD.findall(e.msgid))
    ]
    assert wrong == []


# %(name)s, %s, {name}, {name!r}, {date:%Y-%m-%d}: what the code fills in
PLACEHOLDER = re.compile(r"%\(\w+\)[sdfr]|%[sdf]|(?<!\{)\{[A-Za-z_][^{}]*\}")


def test_each_english_text_keeps_every_placeholder_of_its_chinese_text():
    # a dropped placeholder drops what the message is about ("Hired" for "已录用 {name}，并登记为经办人员")
    # and is a fatal error for GNU msgfmt --check
    def same(msgid, msgstr):
        return sorted(PLACEHOLDER.findall(msgid)) == sorted(PLACEHOLDER.findall(msgstr))

    wrong = [
        (e.msgid, text)
        for e in polib.pofile(str(PO)).translated_entries()
        for text in (e.msgstr_plural.values() if e.msgid_plural else [e.msgstr])
        if not same(e.msgid, text)
    ]
    assert wrong == []


def test_the_placeholder_reader_sees_each_kind():
    text = "%(n)s 与 %s、{name}、{value!r}、{bid_deadline:%Y-%m-%d}，{{不是}}，10%的"
    assert PLACEHOLDER.findall(text) == ["%(n)s", "%s", "{name}", "{value!r}", "{bid_deadline:%Y-%m-%d}"]


def test_no_msgid_is_a_pair():
    assert [e.msgid for e in polib.pofile(str(PO)) if PAIR.search(e.msgid)] == []


@pytest.mark.parametrize("app", RULED)
def test_no_source_writes_a_chinese_english_pair(app):
    files = subprocess.run(
        ["git", "ls-files", "--", f"{app}/*.py", f"templates/{app}/*.html"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    pairs = [
        f"{name}:{number}: {line.strip()}"
        for name in files
        if "/migrations/" not in name
        for number, line in enumerate((ROOT / name).read_text(encoding="utf-8").splitlines(), 1)
        if PAIR.search(line) and not line.lstrip().startswith("#")
    ]
    assert pairs == []


def test_a_message_is_chinese_by_default_and_english_under_en():
    today = dt.date(2026, 12, 7)
    translation.activate("zh-hans")
    assert id_number_error("123", today) == "公民身份号码应为18位"
    assert credit_code_error("123") == "统一社会信用代码应为18位"
    with translation.override("en"):
        assert id_number_error("123", today) == "The ID number must have 18 characters"
        assert credit_code_error("123") == "The unified social credit code must have 18 characters"
