"""`POST /api/v1/changes/webhooks/`: whether the caller may name another owner is decided before the name is
looked up, so a non-administrator learns nothing about which usernames exist (403 for a real and a made-up name
alike); an administrator is told an unknown name is unknown (400)."""

from __future__ import annotations

import pytest

from changes import services
from changes.models import Webhook

pytestmark = pytest.mark.django_db

URL = "/api/v1/changes/webhooks/"


@pytest.fixture
def local_receivers(settings, db):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    services.changes_sequence_all()


def body(owner=None):
    data = {"name": "省救助平台", "url": "http://127.0.0.1:9/hook", "event_types": ["*"]}
    if owner is not None:
        data["owner"] = owner
    return data


def test_a_non_administrator_gets_the_same_403_for_a_real_and_an_unknown_username(
    api, actors, local_receivers
):
    client = api(actors.service_account)
    real = client.post(URL, body(actors.county_admin.username), format="json")
    made_up = client.post(URL, body("nobody-by-this-name"), format="json")
    assert real.status_code == made_up.status_code == 403
    assert real.json()["code"] == made_up.json()["code"]
    assert real.json()["detail"] == made_up.json()["detail"] == "只能管理本账号的推送。"
    assert not Webhook.objects.exists()


def test_a_service_account_creates_its_own_webhook_without_naming_an_owner(api, actors, local_receivers):
    response = api(actors.service_account).post(URL, body(), format="json")
    assert response.status_code == 201
    assert Webhook.objects.get().owner == actors.service_account


def test_a_service_account_may_name_itself(api, actors, local_receivers):
    response = api(actors.service_account).post(URL, body(actors.service_account.username), format="json")
    assert response.status_code == 201


def test_an_administrator_is_told_an_unknown_username_is_unknown(api, actors, local_receivers):
    response = api(actors.superuser).post(URL, body("nobody-by-this-name"), format="json")
    assert response.status_code == 400
    assert "账号不存在或已停用。" in str(response.json())
    assert not Webhook.objects.exists()


def test_an_administrator_creates_a_webhook_for_a_service_account(api, actors, local_receivers):
    response = api(actors.superuser).post(URL, body(actors.service_account.username), format="json")
    assert response.status_code == 201
    assert Webhook.objects.get().owner == actors.service_account
