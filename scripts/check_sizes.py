"""The house's size rules (docs/architecture.md): no module of an app over 400 lines (migrations excluded), no
function over 60 lines except declarative tables (a function whose body is one return of a literal, or a module-
level constant, is not a function). Prints every breach and exits 1 if there is one."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("config", "core", "regions", "staffing", "windows", "procurement", "evaluation", "training")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def _is_declarative(node: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    body = [n for n in node.body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    return (
        len(body) == 1
        and isinstance(body[0], ast.Return)
        and isinstance(body[0].value, ast.List | ast.Dict | ast.Tuple | ast.Set)
    )


def breaches() -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            text = path.read_text(encoding="utf-8")
            name = path.relative_to(ROOT)
            lines = text.count("\n")
            if lines > MAX_MODULE_LINES:
                found.append(f"{name}: {lines} lines (at most {MAX_MODULE_LINES})")
            for node in ast.walk(ast.parse(text)):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not _is_declarative(node):
                    length = (node.end_lineno or node.lineno) - node.lineno + 1
                    if length > MAX_FUNCTION_LINES:
                        found.append(
                            f"{name}:{node.lineno} {node.name}(): {length} lines (at most {MAX_FUNCTION_LINES})"
                        )
    return found


if __name__ == "__main__":
    problems = breaches()
    print("\n".join(problems) or "sizes: every module and function within the limits")
    sys.exit(1 if problems else 0)
