"""Helpers for HTML views: run one service and turn its errors into messages the user can read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError

from .exceptions import Conflict


def run_service(request, call: Callable[[], Any], *, success: str = "", form=None) -> tuple[bool, Any]:
    """Call a service; on ValidationError/Conflict add an error message (and form errors) and return (False, None).

    Views stay thin: parse input, call this, render or redirect.
    """
    try:
        result = call()
    except ValidationError as exc:
        if form is not None and hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            for message in exc.messages:
                messages.error(request, message)
        return False, None
    except Conflict as exc:
        messages.error(request, exc.message)
        return False, None
    if success:
        messages.success(request, success)
    return True, result
