"""One message rule (issue 14): a Chinese text a person reads goes through gettext, so the English interface shows
English. This walks the syntax tree of every module of the product (not tests, not migrations) and fails on a
Chinese string literal given to an error (Conflict, ValidationError, PermissionDenied), a flash message
(messages.success/error/…) or a notification (notify) outside `_()` / `gettext` / `gettext_lazy`."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
CHINESE = re.compile(r"[\u4e00-\u9fff]")
#: the calls whose text reaches a person
MESSAGE_CALLS = {"Conflict", "ValidationError", "PermissionDenied", "notify"}
FLASH = {"debug", "info", "success", "warning", "error", "add_message"}
#: the calls that translate their argument
TRANSLATING = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}
SKIPPED_DIRS = {".venv", "tests", "benchmarks", "scripts", "migrations", "node_modules", "var"}


def _name(call: ast.Call) -> str:
    func = call.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _is_message_call(call: ast.Call) -> bool:
    if _name(call) in MESSAGE_CALLS:
        return True
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and isinstance(func.value, ast.Name)
        and func.value.id == "messages"
        and func.attr in FLASH
    )


def untranslated(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of each Chinese literal inside a message call and outside a translating call."""
    found: list[tuple[int, str]] = []

    def walk(node: ast.AST, translated: bool) -> None:
        if isinstance(node, ast.Call) and _name(node) in TRANSLATING:
            translated = True
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and not translated:
            if CHINESE.search(node.value):
                found.append((node.lineno, node.value))
        for child in ast.iter_child_nodes(node):
            walk(child, translated)

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_message_call(node):
            walk(node, False)
    return found


def product_modules() -> list[Path]:
    return [
        path
        for path in sorted(ROOT.rglob("*.py"))
        if not SKIPPED_DIRS & set(path.relative_to(ROOT).parts[:-1])
    ]


def test_the_check_finds_a_bare_chinese_message_and_passes_a_translated_one():
    tree = ast.parse(
        "raise Conflict('已办结')\n"
        "messages.success(request, f'已登记 {n}')\n"
        "notify(users, title=_('超期'), body=_('%(n)s 件') % {'n': 1})\n"
        "raise ValidationError({'note': gettext_lazy('请填写')})\n"
        "raise ValidationError({'note': '请填写说明'})\n"
    )
    assert [line for line, _text in untranslated(tree)] == [1, 2, 5]


def test_every_chinese_message_to_a_person_goes_through_gettext():
    modules = product_modules()
    assert ROOT / "windows/services/ratings.py" in modules  # the walk reaches the apps
    found = [
        f"{path.relative_to(ROOT)}:{line}: {text!r}"
        for path in modules
        for line, text in untranslated(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert found == [], "wrap these in _() and add the English to locale/en:\n" + "\n".join(found)
