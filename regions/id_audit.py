"""Stored resident ID numbers that fail the corrected check (GB 11643-1999), for an operator to review.

Numbers saved before the check was corrected (issue 11: the old rule checked 16 digits) may be wrong. This read
finds them in every model with an encrypted ID number field, and names them only by keyed hash and mask: it
decrypts to check, shows nothing in full and changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.db import models

from .personal import EncryptedCharField, keyed_hash
from .rules import id_number_error, mask_id_number, normalise_id_number


@dataclass(frozen=True)
class IdNumberFinding:
    model: str
    pk: int
    region_code: str
    keyed_hash: str
    masked: str
    problem: str


def id_number_fields() -> list[tuple[type[models.Model], EncryptedCharField]]:
    """Every (model, field) holding a resident ID number: an encrypted field normalised as one."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, EncryptedCharField) and field.normalise is normalise_id_number:
                found.append((model, field))
    return sorted(found, key=lambda pair: (pair[0]._meta.label, pair[1].name))


def failing_id_numbers(today: dt.date) -> Iterator[IdNumberFinding]:
    """Stored ID numbers the rule refuses today, model by model in pk order (read only)."""
    for model, field in id_number_fields():
        region_path = getattr(model, "REGION_CODE_PATH", "region__code")
        columns = ["pk", region_path, field.name] + ([field.hash_field] if field.hash_field else [])
        rows = model._default_manager.order_by("pk").values_list(*columns)
        for pk, region_code, number, *stored_hash in rows.iterator(chunk_size=2000):
            if not number or not (problem := id_number_error(number, today)):
                continue
            yield IdNumberFinding(
                model=model._meta.label,
                pk=pk,
                region_code=region_code or "",
                keyed_hash=(stored_hash[0] if stored_hash else "") or keyed_hash(normalise_id_number(number)),
                masked=mask_id_number(normalise_id_number(number)),
                problem=problem,
            )
