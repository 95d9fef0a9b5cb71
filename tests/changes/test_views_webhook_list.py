"""The webhooks page as a list (issue 14): sort by a header, find by name or address, export the filtered view
(never a secret), an account's own webhooks only, and the same queries at 3 rows and 30."""

from __future__ import annotations

import pytest
from django.urls import reverse

from changes import services
from changes.models import Webhook
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def hooks(settings, actors):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    made = [
        services.webhook_create(
            actor=actors.superuser, owner=actors.service_account, name=name, url=url, event_types=["*"]
        )
        for name, url in (("乙平台", "http://127.0.0.1:9/b"), ("甲平台", "http://127.0.0.1:9/a"))
    ]
    services.webhook_create(
        actor=actors.superuser,
        owner=actors.superuser,
        name="管理员的推送",
        url="http://127.0.0.1:9/c",
        event_types=["*"],
    )
    return made


def _names(response):
    return [w.name for w in response.context["page"]]


def test_webhooks_sort_by_address_and_are_found_by_name_or_address_in_scope(hooks, actors, web):
    client = web(actors.service_account)
    url = reverse("changes:webhooks")
    assert _names(client.get(url, {"sort": "url"})) == ["甲平台", "乙平台"]
    assert _names(client.get(url, {"sort": "-url"})) == ["乙平台", "甲平台"]
    assert _names(client.get(url, {"q": "/a"})) == ["甲平台"]
    assert _names(client.get(url, {"q": "管理员"})) == []  # another account's
    assert "管理员的推送" in _names(web(actors.superuser).get(url))


def test_the_webhook_export_is_the_filtered_view_without_secrets(hooks, actors, web):
    rows = sheet_rows(
        web(actors.service_account).get(reverse("changes:webhooks"), {"sort": "url", "export": "xlsx"})
    )
    assert column(rows, "接收地址") == ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]
    assert column(rows, "状态") == ["启用", "启用"]
    secrets = [secret for _hook, secret in hooks]
    assert not any(secret in str(rows) for secret in secrets)


def test_the_webhook_list_costs_the_same_for_30_rows(hooks, actors, web, django_assert_max_num_queries):
    client = web(actors.service_account)

    def thirty_more():
        Webhook.objects.bulk_create(
            Webhook(
                owner=actors.service_account,
                name=f"推送{n:02d}",
                url=f"http://127.0.0.1:9/{n}",
                secret="s" * 20,
            )
            for n in range(30)
        )

    assert_flat_query_count(
        lambda: client.get(reverse("changes:webhooks"), {"sort": "owner"}),
        thirty_more,
        django_assert_max_num_queries,
    )
    assert len(client.get(reverse("changes:webhooks"), {"per_page": "20"}).context["page"]) == 20
