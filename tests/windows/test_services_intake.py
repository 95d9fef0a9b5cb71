"""Intake: readable sequential numbers, the ID number encrypted and hashed, refusals (nothing saved), scope,
the first responder of online cases, duplicates, documents."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import Http404

from regions.personal import hash_lookup
from regions.rules import normalise_id_number
from tests.factories.windows import id_number, make_case
from windows import services
from windows.choices import CaseAction, CaseStatus
from windows.models import Case, CaseEvent

pytestmark = pytest.mark.django_db


def test_intake_gives_a_readable_number_and_a_receive_event(windows, actors):
    case = make_case(actors.township_a1, windows.a1)
    assert case.number.startswith("440106001-")
    assert case.number.endswith("-0001")
    assert case.status == CaseStatus.RECEIVED
    assert case.first_responder == actors.township_a1
    assert case.department == "民政部门（社会救助）"
    assert case.due_date is not None
    assert list(case.events.values_list("action", flat=True)) == [CaseAction.RECEIVE]


def test_numbers_of_one_window_and_day_are_sequential(windows, actors):
    first = make_case(actors.township_a1, windows.a1, seq=1)
    second = make_case(actors.township_a1, windows.a1, seq=2)
    assert first.number[:-4] == second.number[:-4]
    assert int(second.number[-4:]) == int(first.number[-4:]) + 1


def test_id_number_is_encrypted_hashed_and_masked(windows, actors):
    case = make_case(actors.township_a1, windows.a1, id_number=id_number(5).lower())
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number FROM windows_case WHERE id = %s", [case.pk])
        stored = cursor.fetchone()[0]
    assert id_number(5) not in stored  # ciphertext at rest
    assert case.id_number_hash == hash_lookup(id_number(5), normalise_id_number)
    assert case.id_number_masked == id_number(5)[:6] + "********" + id_number(5)[-4:]
    assert case.phone_masked == "138****8000"


@pytest.mark.parametrize(
    ("field", "value"),
    [
        # 44010619800517001: sum 244, mod 11 = 2 → the check character is X, not 0
        ("id_number", "440106198005170010"),
        ("id_number", "440106" + "19801332" + "0011"),  # impossible date
        ("phone", "13800abc"),
        ("applicant_name", " "),
        ("description", ""),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(windows, actors, field, value):
    kwargs = {field: value}
    with pytest.raises(ValidationError) as exc:
        make_case(actors.township_a1, windows.a1, **kwargs)
    assert field in exc.value.message_dict
    assert not Case.objects.exists()
    assert not CaseEvent.objects.exists()


def test_household_region_must_be_township_or_village(windows, actors, regions):
    with pytest.raises(ValidationError) as exc:
        make_case(actors.township_a1, windows.a1, household=regions.county_a)
    assert "household_region" in exc.value.message_dict


def test_intake_at_a_window_out_of_scope_is_404(windows, actors):
    with pytest.raises(Http404):
        make_case(actors.township_a1, windows.b1)
    assert not Case.objects.exists()


def test_viewer_cannot_take_in_a_case(windows, actors):
    with pytest.raises(PermissionDenied):
        make_case(actors.city_viewer, windows.a1)


def test_online_case_from_service_account_gets_the_windows_duty_officer(windows, actors):
    case = make_case(actors.service_account, windows.a1, channel="online")
    assert case.first_responder == actors.township_a1


def test_online_case_without_duty_officer_is_refused(windows, actors):
    windows.a1.duty_officer = None
    windows.a1.save()
    with pytest.raises(ValidationError) as exc:
        make_case(actors.service_account, windows.a1, channel="online")
    assert "window" in exc.value.message_dict


def test_accepting_region_picks_its_window(windows, actors, regions):
    intake = services.case_receive(
        actor=actors.service_account,
        applicant_name="李四",
        id_number=id_number(3),
        phone="13900001111",
        household_region=regions.a1,
        category="temporary",
        channel="online",
        description="急难",
        accepting_region=regions.a1,
    )
    assert intake.case.window == windows.a1


def test_duplicate_open_case_with_same_id_and_category_warns(windows, actors):
    first = make_case(actors.township_a1, windows.a1, seq=9)
    intake = services.case_receive(
        actor=actors.township_a2,
        applicant_name="张三",
        id_number=id_number(9),
        phone="13900002222",
        household_region=windows.a2.region,
        category="dibao",
        channel="walk_in",
        description="再次申请",
        window=windows.a2,
    )
    # township A2 may not see A1's case: told that one exists elsewhere, never its number (issue 12 item 2)
    assert intake.duplicates == [] and intake.elsewhere is True
    assert services.duplicates_for(actors.county_admin, id_number(9), "dibao").numbers[-1] == first.number
    other = services.case_receive(
        actor=actors.township_a2,
        applicant_name="张三",
        id_number=id_number(9),
        phone="13900002222",
        household_region=windows.a2.region,
        category="medical",
        channel="walk_in",
        description="医疗",
        window=windows.a2,
    )
    assert other.duplicates == [] and other.elsewhere is False


def test_closed_case_is_no_duplicate(windows, actors):
    case = make_case(actors.township_a1, windows.a1, seq=4, accept=True)
    services.case_feedback(actor=actors.township_a1, case=case, method="phone", content="已告知")
    services.case_close(actor=actors.township_a1, case=case)
    assert services.open_duplicates(id_number(4), "dibao") == []


def test_attachments_are_validated_all_or_nothing(windows, actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case = make_case(actors.township_a1, windows.a1)
    good = SimpleUploadedFile("申请书.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    bad = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    with pytest.raises(ValidationError) as exc:
        services.case_attach(actor=actors.township_a1, case=case, files=[good, bad])
    assert "files" in exc.value.message_dict
    assert not case.attachments.exists()
    good.seek(0)
    made = services.case_attach(actor=actors.township_a1, case=case, files=[good])
    assert made[0].name == "申请书.pdf" and "申请书" not in made[0].file.name
    with pytest.raises(Http404):
        services.case_attach(actor=actors.outsider, case=case, files=[good])


def test_intake_with_a_bad_attachment_saves_nothing(windows, actors, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError) as exc:
        make_case(actors.township_a1, windows.a1, attachments=[SimpleUploadedFile("x.exe", b"MZ")])
    assert "attachments" in exc.value.message_dict
    assert not Case.objects.exists()


# issue 12 item 10 (case attachments): the content must be the type the name claims. Signatures from the formats'
# specifications: PDF "%PDF-" (ISO 32000-1 7.5.2), JPEG SOI FF D8 + marker FF, PNG 89 50 4E 47 0D 0A 1A 0A.
@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("申请书.pdf", b"<html><script>alert(document.cookie)</script></html>"),
        ("照片.jpg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'),
        ("户口簿.png", b"\xff\xd8\xff\xe0 a jpeg named png"),
        ("表格.xlsx", b"%PDF-1.7 not a zip"),
    ],
)
def test_an_attachment_whose_content_is_not_its_type_is_refused(windows, actors, name, content):
    case = make_case(actors.township_a1, windows.a1, accept=True)
    with pytest.raises(ValidationError, match="内容与扩展名"):
        services.case_attach(actor=actors.township_a1, case=case, files=[SimpleUploadedFile(name, content)])
    assert not case.attachments.exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("申请书.pdf", b"%PDF-1.4\n"),
        ("照片.jpeg", b"\xff\xd8\xff\xe0\x00\x10JFIF"),
        ("户口簿.png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        ("旧表.xls", bytes.fromhex("d0cf11e0a1b11ae1") + b"\x00"),
        ("新表.docx", b"PK\x03\x04\x14\x00"),
    ],
)
def test_an_attachment_with_its_types_signature_is_stored_whole(
    windows, actors, name, content, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    case = make_case(actors.township_a1, windows.a1, accept=True)
    (made,) = services.case_attach(
        actor=actors.township_a1, case=case, files=[SimpleUploadedFile(name, content)]
    )
    assert made.file.read() == content  # the signature check left the file at its start
