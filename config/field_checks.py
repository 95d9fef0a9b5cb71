"""The field check behind static/js/field-check.js (issue 14): a form shows an error at the field as it is typed, by
the same rules the server applies on submit — the ID number (GB 11643-1999), the unified social credit code
(GB 32100-2015), a mainland phone number, a month. The shell owns it because the rules live in different apps.

POST only (an ID number never goes into a URL or an access log), signed-in users only, nothing stored or logged.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from regions.rules import credit_code_error, id_number_error
from staffing.rules import period_error
from windows.rules import phone_error

#: kind → the rule (value → why it is wrong, or None)
RULES: dict[str, Callable[[str], str | None]] = {
    "id_number": lambda value: id_number_error(value, timezone.localdate()),
    "credit_code": credit_code_error,
    "phone": phone_error,
    "month": period_error,
}


@login_required
@require_POST
def field_check(request: HttpRequest) -> JsonResponse:
    kind = request.POST.get("kind", "")
    rule = RULES.get(kind)
    if rule is None:
        return JsonResponse({"code": "unknown_kind", "detail": _("未知的校验类型")}, status=400)
    value = request.POST.get("value", "")[:50]
    problem = rule(value) if value.strip() else None
    return JsonResponse({"ok": problem is None, "message": str(problem or "")})
