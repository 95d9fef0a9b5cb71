"""JSON request bodies with bounded nesting: a body nested deeper than MAX_DEPTH is a 400, never a RecursionError.

The depth is counted on the raw text before it is parsed (brackets outside strings), so a hostile body costs one
linear scan and no recursion at all.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import IO, Any

from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 64


def nesting_depth(text: str) -> int:
    """The deepest [ / { nesting in a JSON text (brackets inside strings are not counted)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


class BoundedJSONParser(JSONParser):
    def parse(
        self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None
    ) -> Any:
        raw = stream.read() if stream is not None else b""
        encoding = (parser_context or {}).get("encoding", "utf-8")
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            raise ParseError(_("请求内容不是有效的 UTF-8 文本。")) from exc
        if text.count("[") + text.count("{") > MAX_DEPTH and nesting_depth(text) > MAX_DEPTH:
            raise ParseError(_("JSON 嵌套超过 %(max)s 层。") % {"max": MAX_DEPTH})
        return super().parse(io.BytesIO(raw), media_type, parser_context)
