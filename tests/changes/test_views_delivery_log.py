"""A webhook's delivery log as a list (issue 14): sort by a header both ways, page by the size chosen, find by
event or number, filter by status, export the filtered log, another account's webhook stays 404, and the same
queries at 3 deliveries and 30."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from django.urls import reverse
from django.utils import timezone

from changes import services
from changes.models import Change, Delivery, DeliveryAttempt
from tests.listing import assert_flat_query_count, column, sheet_rows

pytestmark = pytest.mark.django_db

AT = timezone.make_aware(dt.datetime(2026, 11, 2, 10, 0))
_seq = itertools.count(1000)


def _delivery(webhook, event: str, object_id: int, status: str = "succeeded", attempts: int = 1) -> Delivery:
    seq = next(_seq)
    change = Change.objects.create(
        seq=seq,
        resource=event.rsplit(".", 1)[0],
        object_id=object_id,
        lookup=str(object_id),
        action="created",
        at=AT,
    )
    payload = {"event": event, "cursor": str(seq), "id": object_id}
    return Delivery.objects.create(
        webhook=webhook, change=change, event=event, payload=payload, status=status, attempts=attempts
    )


@pytest.fixture
def hook(settings, actors):
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    webhook, _secret = services.webhook_create(
        actor=actors.superuser,
        owner=actors.service_account,
        name="省救助平台",
        url="http://127.0.0.1:9/h",
        event_types=["*"],
    )
    return webhook


@pytest.fixture
def log(hook):
    made = [
        _delivery(hook, "staffing.worker.created", 700007, attempts=2),
        _delivery(hook, "windows.case.created", 500005, status="failed", attempts=5),
        _delivery(hook, "staffing.worker.updated", 900009, status="pending", attempts=0),
    ]
    DeliveryAttempt.objects.create(delivery=made[1], at=AT, status_code=500, error="")
    return made


def _ids(response) -> list[int]:
    return [d.pk for d in response.context["page"]]


def test_the_delivery_log_sorts_by_attempts_and_by_event_both_ways(hook, log, actors, web):
    client = web(actors.service_account)
    url = reverse("changes:webhook", args=[hook.pk])
    first, second, third = (d.pk for d in log)
    assert _ids(client.get(url)) == [third, second, first]  # newest first
    assert _ids(client.get(url, {"sort": "attempts"})) == [third, first, second]  # 0, 2, 5
    assert _ids(client.get(url, {"sort": "-attempts"})) == [second, first, third]
    assert _ids(client.get(url, {"sort": "event"})) == [first, third, second]
    response = client.get(url, {"sort": "-event"})
    assert _ids(response) == [second, third, first]
    assert 'aria-sort="descending"' in response.content.decode()


def test_the_delivery_log_is_found_by_event_by_record_or_cursor_and_filtered_by_status(
    hook, log, actors, web
):
    client = web(actors.service_account)
    url = reverse("changes:webhook", args=[hook.pk])
    first, second, third = (d.pk for d in log)
    assert _ids(client.get(url, {"q": "worker"})) == [third, first]
    # the record id of the case (record ids far from the deliveries' own ids and cursors, which a search matches too)
    assert _ids(client.get(url, {"q": "500005"})) == [second]
    assert _ids(client.get(url, {"q": str(log[0].change.seq)})) == [first]
    assert _ids(client.get(url, {"q": "9" * 40})) == []  # a number past a bigint: nothing, not a 500
    assert _ids(client.get(url, {"status": "failed"})) == [second]
    assert _ids(client.get(url, {"status": "failed", "q": "worker"})) == []


def test_the_delivery_log_pages_by_the_size_chosen(hook, actors, web):
    for n in range(21):
        _delivery(hook, "staffing.worker.updated", 100 + n)
    client = web(actors.service_account)
    url = reverse("changes:webhook", args=[hook.pk])
    page = client.get(url, {"per_page": "20"}).context["page"]
    assert len(page) == 20 and page.paginator.num_pages == 2
    assert len(client.get(url, {"per_page": "20", "page": "2"}).context["page"]) == 1


def test_the_delivery_log_export_is_the_filtered_log_read_back(hook, log, actors, web):
    client = web(actors.service_account)
    url = reverse("changes:webhook", args=[hook.pk])
    rows = sheet_rows(client.get(url, {"export": "xlsx", "q": "staffing", "sort": "attempts"}))
    assert rows[0] == ("编号", "事件", "记录", "游标", "状态", "尝试", "下次尝试", "送达时间")
    assert column(rows, "事件") == ["staffing.worker.updated", "staffing.worker.created"]
    assert column(rows, "记录") == [900009, 700007]
    assert column(rows, "游标") == [log[2].change.seq, log[0].change.seq]
    failed = sheet_rows(client.get(url, {"export": "xlsx", "status": "failed"}))
    assert column(failed, "状态") == ["失败（已停止重试）"] and "500" in column(failed, "尝试")[0]


def test_another_accounts_delivery_log_and_its_export_are_404(hook, log, actors, web):
    url = reverse("changes:webhook", args=[hook.pk])
    assert web(actors.county_admin).get(url, {"export": "xlsx"}).status_code == 404


def test_the_delivery_log_costs_the_same_for_30_rows(hook, log, actors, web, django_assert_max_num_queries):
    client = web(actors.service_account)
    url = reverse("changes:webhook", args=[hook.pk])

    def thirty_more():
        for n in range(30):
            d = _delivery(hook, "staffing.worker.updated", 200 + n)
            DeliveryAttempt.objects.create(delivery=d, at=AT, status_code=200)

    assert_flat_query_count(
        lambda: client.get(url, {"sort": "cursor"}), thirty_more, django_assert_max_num_queries
    )
    assert_flat_query_count(
        lambda: client.get(url, {"export": "xlsx"}),
        lambda: _delivery(hook, "x.y.z", 999),
        django_assert_max_num_queries,
    )
