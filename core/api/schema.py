"""The API's error shape and codes in the OpenAPI schema (a drf-spectacular postprocessing hook, issue 14)."""

from __future__ import annotations

from typing import Any

from core.api.errors import GENERIC_CODES

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "Every error of /api/v1/ (core.api.errors; every code in docs/api-errors.md).",
    "required": ["code", "detail"],
    "properties": {
        "code": {"type": "string", "description": "stable machine-readable code", "example": "not_found"},
        "detail": {
            "type": "string",
            "description": "the message in the request's language (Accept-Language)",
        },
        "fields": {"type": "object", "description": "400 invalid: {field: [message, ...]}"},
        "field_codes": {"type": "object", "description": "400 invalid: {field: [code, ...]}"},
        "errors": {
            "type": "array",
            "description": "400 invalid_rows: one entry per bad row of an import",
            "items": {
                "type": "object",
                "properties": {
                    "row": {"type": "integer"},
                    "column": {"type": "string"},
                    "message": {"type": "string"},
                    "code": {"type": "string"},
                },
            },
        },
    },
}


def add_error_codes(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Add the Error component and a table of the handler's codes to the schema's description."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    table = "\n".join(f"| `{code}` | {meaning} |" for code, meaning in GENERIC_CODES.items())
    info = result.setdefault("info", {})
    info["description"] = (
        f"{info.get('description', '')}\n\n"
        "## 错误 (errors)\n\n"
        '每个错误答复 `{"code": …, "detail": …}`（见 Error）：`code` 稳定，供程序判断；`detail` 按请求的 '
        "Accept-Language（默认中文）。409 冲突各有其代码，全部代码见 docs/api-errors.md。\n\n"
        f"| code | 含义 |\n|---|---|\n{table}\n"
    )
    return result
