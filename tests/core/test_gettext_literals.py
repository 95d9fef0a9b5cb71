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


#: the modules whose every Chinese literal reaches a page or a download: views, selectors, forms, filters
PAGE_MODULES = re.compile(r"(^|/)(views/[^/]+|[^/]*selectors(/[^/]+)?|[^/]*forms|filters)\.py$")
#: Chinese literals in those modules that are data, not words of the interface: (module, literal), each with why
DATA_LITERALS = {
    # the caseload export is also the import template: its headers and the month column's hint are the file format
    # that staffing/services/imports.py reads back, whatever the user's language
    ("staffing/selectors.py", "区划代码"),
    ("staffing/selectors.py", "名称"),
    ("staffing/selectors.py", "月份"),
    ("staffing/selectors.py", "低保户数"),
    ("staffing/selectors.py", "特困户数"),
    ("staffing/selectors.py", "临时救助户数"),
    ("staffing/selectors.py", "按文本填写年月，格式 YYYY-MM，如 2026-10"),
    # a project's default standards and criteria: values the clerk edits and the project stores, not labels
    ("procurement/project_forms.py", "服务人次"),
    ("procurement/project_forms.py", "服务对象满意率"),
    ("procurement/project_forms.py", "接单后响应时限"),
    ("procurement/project_forms.py", "≤24小时"),
    ("procurement/project_forms.py", "服务方案"),
    ("procurement/project_forms.py", "团队与资质"),
    ("procurement/project_forms.py", "价格"),  # the price criterion's stored name
    # payment purposes: stored values matched against the contract's obligations (the choices' labels are gettext)
    ("procurement/supervision_forms.py", "服务"),
    ("procurement/supervision_forms.py", "物资"),
    ("procurement/supervision_forms.py", "场地"),
    ("procurement/supervision_forms.py", "其他"),
    # an evaluation's default period: a value the clerk edits and the evaluation stores
    ("evaluation/forms.py", "合同期满"),
    # the reason recorded in the personal-data access log when the clerk gives none (an audit value)
    ("windows/views/cases.py", "窗口核对身份"),
}


def _docstrings(tree: ast.AST) -> set[int]:
    kinds = (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
    return {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, kinds)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }


def bare_chinese(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of each Chinese literal outside a translating call, docstrings aside."""
    docs = _docstrings(tree)
    found: list[tuple[int, str]] = []

    def walk(node: ast.AST, translated: bool) -> None:
        if isinstance(node, ast.Call) and _name(node) in TRANSLATING:
            translated = True
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and not translated
            and id(node) not in docs
            and CHINESE.search(node.value)
        ):
            found.append((node.lineno, node.value))
        for child in ast.iter_child_nodes(node):
            walk(child, translated)

    walk(tree, False)
    return found


def test_the_page_check_finds_bare_chinese_and_skips_docstrings_and_translated_text():
    tree = ast.parse(
        '"""模块说明"""\n'
        "def view(request):\n"
        '    """视图说明"""\n'
        "    title = '年度计划'\n"
        "    label = _('已保存')\n"
        "    name = gettext_lazy('{n}（副本）').format(n=1)\n"
        "    return f'培训班-{title}.xlsx'\n"
    )
    assert bare_chinese(tree) == [(4, "年度计划"), (7, "培训班-")]


def test_the_page_modules_are_views_selectors_forms_and_filters():
    matches = [
        "training/views/plans.py",
        "procurement/views/exports.py",
        "staffing/selectors.py",
        "oversight/selectors/overview.py",
        "regions/audit_selectors.py",
        "staffing/forms.py",
        "procurement/project_forms.py",
        "training/filters.py",
    ]
    misses = ["training/rules.py", "staffing/services/imports.py", "training/demo.py", "procurement/ocds.py"]
    assert [p for p in matches if PAGE_MODULES.search(p)] == matches
    assert [p for p in misses if PAGE_MODULES.search(p)] == []


def test_every_chinese_literal_of_a_page_module_goes_through_gettext_or_is_listed_as_data():
    found, used, scanned = [], set(), 0
    for path in product_modules():
        rel = path.relative_to(ROOT).as_posix()
        if not PAGE_MODULES.search(rel):
            continue
        scanned += 1
        for line, text in bare_chinese(ast.parse(path.read_text(encoding="utf-8"))):
            if (rel, text) in DATA_LITERALS:
                used.add((rel, text))
            else:
                found.append(f"{rel}:{line}: {text!r}")
    assert scanned > 50  # the walk reaches every app's views, selectors and forms
    assert found == [], "wrap these in _() / gettext_lazy() and add the English to locale/en:\n" + "\n".join(
        found
    )
    assert used == DATA_LITERALS, f"no longer in the code, drop from DATA_LITERALS: {DATA_LITERALS - used}"
