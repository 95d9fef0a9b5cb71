"""Signed webhooks: each event reaches a local receiver once after a simulated failure and a retry with backoff,
the signature checks out by an independent computation, a manual re-send, scope and event filters, and no target
inside the network unless a setting allows it (SSRF)."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json

import pytest
from django.core.exceptions import ValidationError

from changes import services
from changes.choices import DeliveryStatus
from changes.models import Delivery
from tests.changes.receiver import receiver
from tests.factories.staffing import WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_receivers(settings, db):
    """The receiver runs on 127.0.0.1 (allowed by the setting, as only tests do); the reference data the
    migrations wrote is taken into the feed first, so a webhook hears of the test's own records only."""
    settings.WEBHOOK_ALLOWED_NETWORKS = ["127.0.0.1/32"]
    services.changes_sequence_all()


def verify(secret: str, headers: dict, body: bytes) -> bool:
    """The receiver's check, written from the documented format: t=<unix>,v1=hex(HMAC-SHA256(secret, "<t>." + body))."""
    parts = dict(item.split("=", 1) for item in headers["X-Jiuzhu-Signature"].split(","))
    expected = hmac.new(secret.encode("utf-8"), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


def subscribe(actors, url, events=("*",)):
    return services.webhook_create(
        actor=actors.service_account,
        owner=actors.service_account,
        name="省救助平台",
        url=url,
        event_types=list(events),
    )


def sequence(capture):
    with capture(execute=True):
        services.changes_sequence_all()


class TestDelivery:
    def test_each_event_arrives_once_after_a_failure_and_a_retry(
        self, regions, actors, local_receivers, django_capture_on_commit_callbacks
    ):
        with receiver() as hook:
            webhook, secret = subscribe(actors, hook.url, ["staffing.worker.*"])
            workers = [WorkerFactory(region=regions.a1), WorkerFactory(region=regions.a2)]
            sequence(django_capture_on_commit_callbacks)
            # the first POST of each failed (500): both wait a minute
            assert [r.answered for r in hook.requests] == [500, 500]
            pending = list(Delivery.objects.order_by("pk"))
            assert [d.status for d in pending] == ["pending", "pending"]
            first = [d.log.get().at for d in pending]
            assert [d.next_attempt_at - at for d, at in zip(pending, first, strict=True)] == [
                dt.timedelta(minutes=1)
            ] * 2
            # not yet due: nothing is sent
            assert services.deliveries_send_due(now=first[0] + dt.timedelta(seconds=59)) == 0
            assert services.deliveries_send_due(now=first[1] + dt.timedelta(minutes=1)) == 2
            assert services.deliveries_send_due(now=first[1] + dt.timedelta(hours=3)) == 0
        ids = sorted(json.loads(r.body)["id"] for r in hook.accepted)
        assert ids == sorted(w.pk for w in workers)  # each event once
        for r in hook.accepted:
            assert verify(secret, r.headers, r.body)
            assert r.headers["X-Jiuzhu-Event"] == "staffing.worker.created"
            assert r.path == "/hooks/jiuzhu"
        assert set(Delivery.objects.values_list("status", "attempts")) == {("succeeded", 2)}

    def test_the_body_names_the_record_and_its_url_never_its_fields(
        self, regions, actors, local_receivers, django_capture_on_commit_callbacks, settings
    ):
        settings.SITE_URL = "https://jiuzhu.example.gov.cn"
        with receiver(fail_first=False) as hook:
            subscribe(actors, hook.url)
            worker = WorkerFactory(region=regions.a1, name="张三")
            sequence(django_capture_on_commit_callbacks)
        body = json.loads(hook.accepted[0].body)
        assert body["url"] == f"https://jiuzhu.example.gov.cn/api/v1/staffing/workers/{worker.pk}/"
        assert (body["resource"], body["id"], body["action"], body["region"]) == (
            "staffing.worker",
            worker.pk,
            "created",
            "440106001",
        )
        assert "张三" not in hook.accepted[0].body.decode()
        assert worker.id_number not in hook.accepted[0].body.decode()

    def test_a_tampered_body_fails_the_check(
        self, regions, actors, local_receivers, django_capture_on_commit_callbacks
    ):
        with receiver(fail_first=False) as hook:
            _, secret = subscribe(actors, hook.url)
            WorkerFactory(region=regions.a1)
            sequence(django_capture_on_commit_callbacks)
        r = hook.accepted[0]
        assert verify(secret, r.headers, r.body)
        assert not verify(secret, r.headers, r.body.replace(b"created", b"deleted"))
        assert not verify("another-secret", r.headers, r.body)

    def test_only_events_asked_for_and_in_the_accounts_scope(
        self, regions, actors, local_receivers, django_capture_on_commit_callbacks
    ):
        with receiver(fail_first=False) as hook:
            subscribe(actors, hook.url, ["staffing.worker.deleted"])
            worker = WorkerFactory(region=regions.a1)
            other = WorkerFactory(region=regions.b1)  # 深圳: outside the Guangzhou account
            sequence(django_capture_on_commit_callbacks)
            for w in (worker, other):
                w.postings.all().delete()
                w.delete()
            sequence(django_capture_on_commit_callbacks)
        assert [json.loads(r.body)["event"] for r in hook.accepted] == ["staffing.worker.deleted"]
        assert json.loads(hook.accepted[0].body)["region"] == "440106001"

    def test_a_receiver_that_keeps_failing_is_given_up_after_eight_attempts(
        self, regions, actors, local_receivers, django_capture_on_commit_callbacks
    ):
        with receiver() as hook:
            hook.fail_first = True
            subscribe(actors, hook.url)
            hook_url_down = hook.url
        # the server is gone: every attempt is a connection error
        Delivery.objects.all().delete()
        WorkerFactory(region=regions.a1)
        sequence(django_capture_on_commit_callbacks)
        d = Delivery.objects.get()
        waits = []
        now = d.log.get().at
        while d.status == DeliveryStatus.PENDING:
            waits.append(d.next_attempt_at - now)
            now = d.next_attempt_at
            services.deliveries_send_due(now=now)
            d.refresh_from_db()
        minutes = [w / dt.timedelta(minutes=1) for w in waits]
        assert minutes == [1, 2, 4, 8, 16, 32, 64]  # doubling from a minute; the 8th failure gives up
        assert (d.status, d.attempts, d.log.count()) == ("failed", 8, 8)
        assert all(a.status_code is None and a.error.startswith("连接被拒绝") for a in d.log.all())
        assert hook_url_down.startswith("http://127.0.0.1:")


class TestResend:
    def test_a_delivered_event_is_sent_again_on_request_and_409_while_pending(
        self, regions, actors, local_receivers, django_capture_on_commit_callbacks, api
    ):
        with receiver(fail_first=False) as hook:
            _, secret = subscribe(actors, hook.url)
            WorkerFactory(region=regions.a1)
            sequence(django_capture_on_commit_callbacks)
            d = Delivery.objects.get()
            client = api(actors.service_account)
            with django_capture_on_commit_callbacks(execute=False) as queued:
                assert client.post(f"/api/v1/changes/deliveries/{d.pk}/resend/").status_code == 200
            again = client.post(f"/api/v1/changes/deliveries/{d.pk}/resend/")
            assert again.status_code == 409 and again.json()["code"] == "delivery_pending"
            for callback in queued:
                callback()
        assert len(hook.accepted) == 2
        assert hook.accepted[0].body == hook.accepted[1].body  # the same event, freshly signed
        assert verify(secret, hook.accepted[1].headers, hook.accepted[1].body)
        d.refresh_from_db()
        assert d.status == "succeeded" and [a.manual for a in d.log.all()] == [False, True]

    def test_another_accounts_delivery_is_404(
        self, regions, actors, local_receivers, api, django_capture_on_commit_callbacks
    ):
        with receiver(fail_first=False) as hook:
            subscribe(actors, hook.url)
            WorkerFactory(region=regions.a1)
            sequence(django_capture_on_commit_callbacks)
        d = Delivery.objects.get()
        assert api(actors.county_admin).post(f"/api/v1/changes/deliveries/{d.pk}/resend/").status_code == 404


class TestTargets:
    @pytest.mark.parametrize(
        "url",
        [
            "http://127.0.0.1:9/hook",
            "http://localhost/hook",
            "http://10.1.2.3/hook",
            "http://192.168.1.10/hook",
            "http://172.16.0.5/hook",
            "http://169.254.169.254/latest/meta-data/",
            "http://[::1]/hook",
            "http://0.0.0.0/hook",
            "ftp://8.8.8.8/hook",
            "file:///etc/passwd",
        ],
    )
    def test_inside_addresses_and_other_schemes_are_refused(self, actors, url):
        with pytest.raises(ValidationError) as exc:
            subscribe(actors, url)
        assert "url" in exc.value.message_dict

    def test_the_setting_allows_the_loopback_for_tests(self, actors, local_receivers):
        webhook, _ = subscribe(actors, "http://127.0.0.1:9/hook")
        assert webhook.pk

    def test_an_allowed_network_does_not_open_the_others(self, actors, local_receivers):
        with pytest.raises(ValidationError):
            subscribe(actors, "http://10.1.2.3/hook")

    def test_an_unknown_event_type_is_refused_in_chinese(self, actors, local_receivers):
        with pytest.raises(ValidationError) as exc:
            subscribe(actors, "http://127.0.0.1:9/hook", ["staffing.wroker.*"])
        assert exc.value.message_dict["event_types"] == ["未知的事件类型：staffing.wroker.*"]

    def test_only_a_service_account_may_own_a_webhook(self, actors, local_receivers):
        with pytest.raises(ValidationError):
            services.webhook_create(
                actor=actors.superuser,
                owner=actors.county_admin,
                name="x",
                url="http://127.0.0.1:9/",
                event_types=["*"],
            )
