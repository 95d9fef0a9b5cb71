"""A text message the gateway refused is tried again by a job: after 5, 10, 20, 40 minutes, at most 5 tries in all,
never twice at once; the case page says how it stands."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from core.sms import SmsError
from tests.factories.windows import make_case
from windows import rules, services
from windows.models import CaseMessage

pytestmark = pytest.mark.django_db

#: phone numbers the flaky gateway handed over, in order
delivered: list[str] = []
#: how many more sends the flaky gateway refuses
refusals = {"left": 0}


class FlakyGateway:
    """A gateway that refuses `refusals["left"]` sends, then accepts."""

    def __init__(self, **_options):
        pass

    def send(self, phone: str, content: str) -> str:
        if refusals["left"] > 0:
            refusals["left"] -= 1
            raise SmsError("gateway answered 503: busy")
        delivered.append(phone)
        return f"gw-{len(delivered)}"


@pytest.fixture(autouse=True)
def _flaky(settings):
    settings.SMS_BACKEND = f"{__name__}.FlakyGateway"
    settings.SMS_OPTIONS = {}
    settings.SMS_MAX_ATTEMPTS = 5
    settings.SMS_RETRY_MINUTES = 5
    delivered.clear()
    refusals["left"] = 0


def first_message_failing(windows, actors, capture, refused: int) -> CaseMessage:
    refusals["left"] = refused
    with capture(execute=True):
        case = make_case(actors.township_a1, windows.a1, sms_opt_in=True)
    return CaseMessage.objects.get(case=case, step="apply")


T0 = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("attempts", "minutes_later"),
    [(1, 5), (2, 10), (3, 20), (4, 40), (5, None)],  # written out by hand: 5 × 2^(n-1), none after the fifth
)
def test_retry_times_double_from_five_minutes_and_stop_after_the_fifth_try(attempts, minutes_later):
    expected = None if minutes_later is None else T0 + dt.timedelta(minutes=minutes_later)
    assert rules.sms_next_try(attempts=attempts, failed_at=T0, max_attempts=5, base_minutes=5) == expected


def test_a_refused_message_is_sent_by_the_retry_job_once_its_time_has_come(
    windows, actors, django_capture_on_commit_callbacks
):
    message = first_message_failing(windows, actors, django_capture_on_commit_callbacks, refused=1)
    assert (message.status, message.attempts, delivered) == ("failed", 1, [])
    assert message.next_try_at is not None
    # before its time: left alone
    assert services.case_messages_retry(now=message.next_try_at - dt.timedelta(seconds=1)) == 0
    assert services.case_messages_retry(now=message.next_try_at) == 1
    message.refresh_from_db()
    assert (message.status, message.attempts, message.error, message.next_try_at) == ("sent", 2, "", None)
    assert message.gateway_id == "gw-1" and delivered == ["13800138000"]
    # a sent message is never sent again
    assert services.case_messages_retry(now=timezone.now() + dt.timedelta(days=1)) == 0
    assert delivered == ["13800138000"]


def test_after_five_refusals_the_message_stays_failed_and_is_not_tried_again(
    windows, actors, django_capture_on_commit_callbacks
):
    message = first_message_failing(windows, actors, django_capture_on_commit_callbacks, refused=99)
    far = timezone.now() + dt.timedelta(days=1)
    for _ in range(10):
        services.case_messages_retry(now=far)
    message.refresh_from_db()
    assert (message.status, message.attempts, message.next_try_at) == ("failed", 5, None)
    assert "503" in message.error and delivered == []
    assert refusals["left"] == 99 - 5


def test_a_message_claimed_by_another_worker_is_not_sent_twice(
    windows, actors, django_capture_on_commit_callbacks
):
    message = first_message_failing(windows, actors, django_capture_on_commit_callbacks, refused=1)
    # another worker claimed it first (its try count moved on): this run skips it
    CaseMessage.objects.filter(pk=message.pk).update(attempts=2)
    stale_run = CaseMessage.objects.filter(pk=message.pk, status="failed", attempts=1)
    assert not stale_run.exists()
    CaseMessage.objects.filter(pk=message.pk).update(attempts=1)
    assert services.case_messages_retry(now=message.next_try_at) == 1
    assert services.case_messages_retry(now=message.next_try_at) == 0
    assert delivered == ["13800138000"]


def test_the_case_page_says_the_message_failed_and_how_often_it_was_tried(
    windows, actors, web, django_capture_on_commit_callbacks
):
    message = first_message_failing(windows, actors, django_capture_on_commit_callbacks, refused=1)
    page = web(actors.township_a1).get(reverse("windows:case_detail", args=[message.case.number]))
    assert page.status_code == 200
    assert "发送失败（已尝试1次，将自动重发）" in page.content.decode()
