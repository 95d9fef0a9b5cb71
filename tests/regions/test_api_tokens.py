"""API tokens (issue 12 item 6): stored as SHA-256 digests, shown once, expire (default 90 days), listed and revoked
by their owner and by administrators; plaintext tokens of the old table are hashed by a data migration."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from regions.models import ApiToken
from regions.services import api_token_create

pytestmark = pytest.mark.django_db
CST = ZoneInfo("Asia/Shanghai")
# made at 10:00 on 1 January 2026 (Beijing time); 2026 is a common year: January 31 + February 28 + March 31 = 90
# days, so day 90 after 1 January is 1 April, the last valid day, and 2 April is day 91
MADE = dt.datetime(2026, 1, 1, 10, 0, tzinfo=CST)


def _client(key: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _status_at(key: str, moment: dt.datetime, clock) -> int:
    clock.move_to(moment, tick=False)
    return _client(key).get("/api/v1/regions/440106/").status_code


@pytest.fixture
def clock(monkeypatch):
    """Freeze django.utils.timezone.now at a given moment (the authentication reads the clock there)."""

    class Machine:
        def move_to(self, moment: dt.datetime, tick: bool = False) -> None:
            monkeypatch.setattr("django.utils.timezone.now", lambda: moment.astimezone(dt.UTC))

    return Machine()


def test_the_key_is_stored_only_as_its_sha256_digest(actors):
    token, key = api_token_create(actor=actors.service_account, user=actors.service_account, now=MADE)
    row = ApiToken.objects.get(pk=token.pk)
    assert row.digest == hashlib.sha256(key.encode()).hexdigest()
    assert key not in {row.digest, row.prefix, row.name} and row.prefix == key[:8]
    assert len(key) >= 40


def test_a_token_is_valid_through_day_90_and_refused_on_day_91(actors, clock):
    _, key = api_token_create(actor=actors.service_account, user=actors.service_account, now=MADE)
    assert _status_at(key, dt.datetime(2026, 1, 1, 10, 0, tzinfo=CST), clock) == 200
    assert _status_at(key, dt.datetime(2026, 4, 1, 0, 0, tzinfo=CST), clock) == 200
    assert _status_at(key, dt.datetime(2026, 4, 1, 23, 59, 59, tzinfo=CST), clock) == 200
    assert _status_at(key, dt.datetime(2026, 4, 2, 0, 0, tzinfo=CST), clock) == 401
    assert _status_at(key, dt.datetime(2026, 7, 1, 9, 0, tzinfo=CST), clock) == 401


@override_settings(API_TOKEN_DAYS=30)
def test_the_default_validity_comes_from_the_setting(actors):
    token, _ = api_token_create(actor=actors.service_account, user=actors.service_account, now=MADE)
    assert token.expires_at == dt.datetime(2026, 2, 1, 0, 0, tzinfo=CST)  # valid through 31 January, day 30


def test_a_revoked_token_is_refused_at_once(actors, api):
    token, key = api_token_create(actor=actors.service_account, user=actors.service_account)
    assert _client(key).get("/api/v1/regions/440106/").status_code == 200
    revoke = api(actors.service_account).post(f"/api/v1/regions/tokens/{token.pk}/revoke/")
    assert revoke.status_code == 200 and revoke.json()["active"] is False
    response = _client(key).get("/api/v1/regions/440106/")
    assert response.status_code == 401
    assert api(actors.service_account).post(f"/api/v1/regions/tokens/{token.pk}/revoke/").status_code == 409


def test_owner_lists_own_tokens_admin_lists_all_others_get_404(actors, api):
    mine, _ = api_token_create(actor=actors.service_account, user=actors.service_account, name="省平台")
    theirs, _ = api_token_create(actor=actors.county_admin, user=actors.county_admin)
    listed = api(actors.service_account).get("/api/v1/regions/tokens/").json()["results"]
    assert [t["id"] for t in listed] == [mine.pk]
    assert "key" not in listed[0] and "digest" not in listed[0]
    everyone = api(actors.superuser).get("/api/v1/regions/tokens/").json()["results"]
    assert {t["id"] for t in everyone} == {mine.pk, theirs.pk}
    assert api(actors.county_admin).post(f"/api/v1/regions/tokens/{mine.pk}/revoke/").status_code == 404
    assert api(actors.superuser).post(f"/api/v1/regions/tokens/{mine.pk}/revoke/").status_code == 200


def test_a_token_is_shown_once_at_creation_and_cannot_mint_another(actors, api):
    response = api(actors.county_admin).post("/api/v1/regions/tokens/", {"name": "对接测试"}, format="json")
    assert response.status_code == 201, response.content
    key = response.json()["key"]
    assert _client(key).get("/api/v1/regions/440106/").status_code == 200
    detail = api(actors.county_admin).get(f"/api/v1/regions/tokens/{response.json()['id']}/")
    assert key not in detail.content.decode()
    assert _client(key).post("/api/v1/regions/tokens/", {}, format="json").status_code == 403


def test_bad_validity_is_400_in_chinese(actors, api):
    response = api(actors.county_admin).post("/api/v1/regions/tokens/", {"days": 0}, format="json")
    assert response.status_code == 400
    assert ApiToken.objects.count() == 0


def test_token_page_shows_a_new_key_once_and_revokes(actors, web):
    client = web(actors.county_admin)
    response = client.post("/regions/tokens/", {"name": "页面申请"})
    assert response.status_code == 200
    key = response.context["key"]
    assert key in response.content.decode() and response["Cache-Control"] == "no-store"
    listed = client.get("/regions/tokens/").content.decode()
    assert key not in listed and key[:8] in listed
    token = ApiToken.objects.get()
    assert client.post(f"/regions/tokens/{token.pk}/revoke/").status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None and token.revoked_by == actors.county_admin
    assert web(actors.outsider).post(f"/regions/tokens/{token.pk}/revoke/").status_code == 404


def test_create_api_token_command_prints_a_key_that_works(actors, capsys):
    call_command("create_api_token", "api_gz", "--name", "省平台")
    key = capsys.readouterr().out.strip()
    assert ApiToken.objects.get().digest == hashlib.sha256(key.encode()).hexdigest()
    assert _client(key).get("/api/v1/regions/440106/").status_code == 200
    call_command("create_api_token", "api_gz", "--rotate")
    assert _client(key).get("/api/v1/regions/440106/").status_code == 401  # rotated out


def test_migration_hashes_the_old_plaintext_tokens(actors):
    old = Token.objects.create(user=actors.service_account)
    plain = old.key
    migration = importlib.import_module("regions.migrations.0004_hash_plaintext_tokens")
    migration.hash_plaintext_tokens(apps, None)
    assert not Token.objects.exists()
    row = ApiToken.objects.get()
    assert row.digest == hashlib.sha256(plain.encode()).hexdigest() and row.user == actors.service_account
    assert _client(plain).get("/api/v1/regions/440106/").status_code == 200  # the integration keeps working
