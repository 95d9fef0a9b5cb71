from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.db import connection, models
from django.http import Http404
from django.test.utils import isolate_apps

from regions import personal, rules
from regions.audit import track
from regions.choices import Role
from regions.models import PersonalDataAccess
from regions.rules import normalise_id_number
from regions.services import region_grant

ID = "44010619800101123X"


def test_encryption_round_trip_and_ciphertext_differs():
    token = personal.encrypt(ID)
    assert ID not in token
    assert personal.decrypt(token) == ID
    assert personal.encrypt(ID) != token  # randomised: equal values do not look equal at rest


def test_keyed_hash_is_stable_and_keyed(settings):
    first = personal.keyed_hash(ID)
    assert first == personal.keyed_hash(ID) and ID not in first
    settings.FIELD_ENCRYPTION_KEY = "another-key"
    assert personal.keyed_hash(ID) != first


def test_wrong_key_fails_loudly(settings):
    token = personal.encrypt(ID)
    settings.FIELD_ENCRYPTION_KEY = "another-key"
    with pytest.raises(ValueError):
        personal.decrypt(token)


def test_audit_mask_keeps_last_four():
    assert rules.mask_for_audit(ID) == "**************123X"
    assert rules.mask_for_audit("张三") == "**"


@pytest.mark.django_db(transaction=True)
@isolate_apps("regions")
def test_encrypted_field_is_stored_encrypted_found_by_hash_and_masked_in_history():
    class Person(models.Model):  # noqa: DJ008
        name = models.CharField(max_length=20)
        id_number = personal.EncryptedCharField(hash_field="id_number_hash", normalise=normalise_id_number)
        id_number_hash = models.CharField(max_length=64, db_index=True, blank=True)

        class Meta:
            app_label = "regions"

    with connection.schema_editor() as editor:
        editor.create_model(Person)
    try:
        track(Person, personal=["id_number"])
        p = Person.objects.create(name="张三", id_number=ID.lower())
        with connection.cursor() as cur:
            cur.execute(f"SELECT id_number FROM {Person._meta.db_table} WHERE id = %s", [p.pk])
            raw = cur.fetchone()[0]
        assert ID not in raw and ID.lower() not in raw
        found = Person.objects.get(id_number_hash=personal.hash_lookup(ID.lower(), normalise_id_number))
        assert found.id_number == ID
        change = LogEntry.objects.get_for_object(p).get().changes_dict
        assert change["id_number"][1] == "**************123X"
        assert "id_number_hash" not in change
    finally:
        from auditlog.registry import auditlog

        auditlog.unregister(Person)
        with connection.schema_editor() as editor:
            editor.delete_model(Person)


@pytest.mark.django_db
def test_reveal_is_logged_for_a_role_that_needs_it(actors, regions):
    value = personal.reveal(actors.township_a1, regions.a1, "name", region_code="440106001", reason="核对")
    assert value == "五山街道"
    log = PersonalDataAccess.objects.get()
    assert (log.user, log.field, log.region_code) == (actors.township_a1, "name", "440106001")


@pytest.mark.django_db
def test_reveal_is_refused_to_viewers_and_404_out_of_scope(actors, regions):
    with pytest.raises(PermissionDenied):
        personal.reveal(actors.provincial_viewer, regions.a1, "name", region_code="440106001")
    with pytest.raises(Http404):
        personal.reveal(actors.township_a2, regions.a1, "name", region_code="440106001")
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.django_db
def test_grants_leave_history_rows(actors):
    from regions.models import RegionUserObjectPermission

    region_grant(actor=actors.superuser, user=actors.no_grant, region_code="440106", role=Role.COUNTY_STAFF)
    grant = RegionUserObjectPermission.objects.filter(user=actors.no_grant).get()
    assert LogEntry.objects.get_for_object(grant).exists()
