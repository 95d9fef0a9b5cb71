"""id_numbers_audit: stored ID numbers failing GB 11643-1999 are listed by keyed hash and mask; nothing changes."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from regions.id_audit import id_number_fields
from regions.personal import keyed_hash
from staffing.models import Candidate, Worker
from tests.factories.staffing import WorkerFactory
from tests.factories.windows import ServiceWindowFactory, make_case
from windows.models import Appointment, Case

pytestmark = pytest.mark.django_db

# A stored number with a wrong check character. By hand, 44010619900517100:
#   4×7+4×9+0+1×5+0+6×4+1×2+9×1+9×6+0+0+5×9+1×10+7×5+1×8+0+0 = 256, 256 mod 11 = 3 → the check character is 9.
WRONG_CHECK = "440106199005171004"
# The standard's own example, refused by the old rule, accepted now.
STANDARD_EXAMPLE = "11010519491231002X"


def _run(*args):
    out = io.StringIO()
    call_command("id_numbers_audit", *args, stdout=out)
    return out.getvalue()


def test_every_model_with_an_encrypted_id_number_is_audited():
    labels = {(model._meta.label, field.name) for model, field in id_number_fields()}
    assert {
        (Worker._meta.label, "id_number"),
        (Candidate._meta.label, "id_number"),
        (Case._meta.label, "id_number"),
        (Appointment._meta.label, "id_number"),
    } <= labels


def test_failing_numbers_are_listed_by_hash_and_mask_and_nothing_changes(regions, actors):
    bad_worker = WorkerFactory(region=regions.a1, id_number=WRONG_CHECK)
    WorkerFactory(region=regions.a1, id_number=STANDARD_EXAMPLE)
    window = ServiceWindowFactory(region=regions.a1, duty_officer=actors.township_a1)
    window.staff.add(actors.township_a1)
    case = make_case(actors.township_a1, window)
    Case.objects.filter(pk=case.pk).update(
        id_number="44010619800230123X"
    )  # 30 February, right check character
    before = list(Worker.objects.order_by("pk").values_list("id_number", "id_number_hash"))

    output = _run("--today", "2026-11-26")

    lines = [line.split("\t") for line in output.splitlines() if line.count("\t") == 5][1:]
    assert [(m, int(pk)) for m, pk, *_ in lines] == [
        ("staffing.Worker", bad_worker.pk),
        ("windows.Case", case.pk),
    ]
    worker_line = lines[0]
    assert worker_line[2] == regions.a1.code
    assert worker_line[3] == keyed_hash(WRONG_CHECK)
    assert worker_line[4] == "440106********1004"
    assert "校验码" in worker_line[5]
    assert "出生日期" in lines[1][5]
    assert WRONG_CHECK not in output and STANDARD_EXAMPLE not in output
    assert "合计 2 个" in output
    assert list(Worker.objects.order_by("pk").values_list("id_number", "id_number_hash")) == before


def test_clean_database_reports_zero():
    assert "合计 0 个" in _run()


def test_a_bad_date_argument_is_a_clear_error():
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _run("--today", "26/11/2026")
