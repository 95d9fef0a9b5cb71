"""The case list's rows, built from `.values()`: the fields and formats of `CaseSerializer`, without a model
instance or a DRF field call per cell (a 50-row page cost four times the bare query through the serializer).

Labels are translated once per process and language; dates and times are formatted as DRF's fields format them;
ID numbers and phones are masked (domain.md section 8), their full values only through `reveal/`.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import get_language

from regions.codes import codes_of
from regions.rules import mask_id_number, mask_phone

from .. import rules
from ..choices import CaseCategory, CaseChannel, CaseStatus

#: the columns one page reads (one query, the first responder joined; the two regions' codes by `with_region_codes`:
#: joined as well, they made PostgreSQL plan the page for 0.74 ms where it now plans it for 0.13 ms)
COLUMNS = (
    "id",
    "number",
    "status",
    "channel",
    "category",
    "department",
    "window_id",
    "accepting_region_id",
    "region_code",
    "household_region_id",
    "first_responder__username",
    "applicant_name",
    "id_number",
    "phone",
    "sms_opt_in",
    "description",
    "assigned_unit",
    "assigned_worker_id",
    "cross_region",
    "received_at",
    "due_date",
    "case_due_date",
    "ever_overdue",
    "deadline_provisional",
    "closed_at",
)


#: {language: (status, category, channel labels)}: the translations are fixed once loaded, so once per process
_LABELS: dict[str | None, tuple[dict[str, str], dict[str, str], dict[str, str]]] = {}


def _labels(choices) -> dict[str, str]:
    return {value: str(label) for value, label in choices}


def labels() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """The status, category and channel labels in the active language."""
    language = get_language()
    found = _LABELS.get(language)
    if found is None:
        found = _LABELS[language] = (
            _labels(CaseStatus.choices),
            _labels(CaseCategory.choices),
            _labels(CaseChannel.choices),
        )
    return found


def _date(value) -> str | None:
    """As DRF's DateField: ISO 8601."""
    return None if value is None else value.isoformat()


def _datetime(value, tz) -> str | None:
    """As DRF's DateTimeField: ISO 8601 in the current time zone, UTC written Z (the field, minus its per-call
    settings lookups)."""
    if value is None:
        return None
    text = value.astimezone(tz).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def with_region_codes(values: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add the accepting and household regions' codes to a page's rows (regions.codes: read once per process)."""
    codes = codes_of({v["accepting_region_id"] for v in values} | {v["household_region_id"] for v in values})
    for v in values:
        v["accepting_region__code"] = codes[v["accepting_region_id"]]
        v["household_region__code"] = codes[v["household_region_id"]]
    return values


def values_of(case) -> dict[str, Any]:
    """A case in memory (its regions and first responder loaded, as after an intake) as `case_rows` reads a page's
    row: the intake answers with `case_rows` too, without a serializer built per request."""
    row = {column: getattr(case, column) for column in COLUMNS if "__" not in column}
    row["first_responder__username"] = case.first_responder.username
    row["accepting_region__code"] = case.accepting_region.code
    row["household_region__code"] = case.household_region.code
    return row


def case_rows(values: list[dict[str, Any]], today) -> list[dict[str, Any]]:
    """`CaseSerializer(many=True).data` of a page read with `.values(*COLUMNS)`, key for key."""
    status_labels, category_labels, channel_labels = labels()
    tz = timezone.get_current_timezone()
    out = []
    for v in values:
        status = v["status"]
        out.append(
            {
                "number": v["number"],
                "status": status,
                "status_label": status_labels.get(status, status),
                "channel": v["channel"],
                "channel_label": channel_labels.get(v["channel"], v["channel"]),
                "category": v["category"],
                "category_label": category_labels.get(v["category"], v["category"]),
                "department": v["department"],
                "window": v["window_id"],
                "accepting_region": v["accepting_region__code"],
                "region": v["region_code"],
                "household_region": v["household_region__code"],
                "first_responder": v["first_responder__username"],
                "applicant_name": v["applicant_name"],
                "id_number": mask_id_number(v["id_number"]),
                "phone": mask_phone(v["phone"]),
                "sms_opt_in": v["sms_opt_in"],
                "description": v["description"],
                "assigned_unit": v["assigned_unit"],
                "assigned_worker": v["assigned_worker_id"],
                "cross_region": v["cross_region"],
                "received_at": _datetime(v["received_at"], tz),
                "due_at": _date(v["due_date"]),
                "case_due_at": _date(v["case_due_date"]),
                # overdue now, on either clock (rules.is_overdue, as Case.is_overdue)
                "overdue": rules.is_overdue(status, v["due_date"], today)
                or rules.is_overdue(status, v["case_due_date"], today),
                "ever_overdue": v["ever_overdue"],
                "deadline_provisional": v["deadline_provisional"],
                "closed_at": _datetime(v["closed_at"], tz),
            }
        )
    return out
