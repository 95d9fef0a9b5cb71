"""好差评 pages: online on the public status page (case number + phone digits, the same answer for a wrong phone
and an unknown number, rate-limited), the tablet at the window, the county's follow-up page and the figures."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from core import ratelimit
from tests.factories.windows import make_case
from windows import services
from windows.models import CaseRating, RatingFollowUp

from .ratings_helpers import finished_case

pytestmark = pytest.mark.django_db


def _rate(client, number, last4, grade=1, comment="等了两个小时"):
    return client.post(
        reverse("windows:public_rate"),
        {"number": number, "phone_last4": last4, "grade": grade, "comment": comment},
    )


def test_public_page_offers_the_rating_once_the_case_is_closed(windows, actors, client):
    cache.clear()
    case = make_case(actors.township_a1, windows.a1, accept=True)
    query = {"number": case.number, "phone_last4": "8000"}
    assert "public-rate-form" not in client.get(reverse("windows:public_status"), query).content.decode()
    services.case_feedback(actor=actors.township_a1, case=case, method="phone", content="已告知")
    services.case_close(actor=actors.township_a1, case=case)
    assert "public-rate-form" in client.get(reverse("windows:public_status"), query).content.decode()


def test_public_rating_with_number_and_phone_digits_opens_a_follow_up(windows, actors, client):
    cache.clear()
    case = finished_case(actors, windows.a1)
    body = _rate(client, case.number, "8000").content.decode()
    rating = CaseRating.objects.get()
    assert rating.grade == 1 and rating.channel == "online" and rating.comment == "等了两个小时"
    assert RatingFollowUp.objects.filter(rating=rating).exists()
    assert "感谢您的评价" in body and "public-rate-form" not in body


def test_wrong_phone_and_unknown_number_get_the_same_answer_and_save_nothing(windows, actors, client):
    cache.clear()
    case = finished_case(actors, windows.a1)
    wrong_phone = _rate(client, case.number, "1234").content.decode()
    unknown = _rate(client, "440106001-20990101-0001", "8000").content.decode()
    assert "未找到" in wrong_phone and "未找到" in unknown
    for body in (wrong_phone, unknown):
        assert "已办结" not in body and "public-rating" not in body  # nothing tells the two apart
    assert not CaseRating.objects.exists()


def test_a_second_public_rating_is_refused(windows, actors, client):
    cache.clear()
    case = finished_case(actors, windows.a1)
    _rate(client, case.number, "8000", grade=5)
    body = _rate(client, case.number, "8000", grade=1).content.decode()
    assert "只能评价一次" in body and CaseRating.objects.get().grade == 5


def test_public_rating_is_rate_limited(windows, actors, client, settings, monkeypatch):
    cache.clear()
    settings.WINDOWS_PUBLIC_STATUS_PER_MINUTE = 2
    monkeypatch.setattr(ratelimit.time, "time", lambda: 1_800_000_000.0)  # one minute for the whole test
    codes = [_rate(client, "x", "1234").status_code for _ in range(4)]
    assert codes == [200, 200, 429, 429]


def test_tablet_page_at_the_window_records_one_rating(windows, actors, web):
    case = finished_case(actors, windows.a1)
    client = web(actors.township_a1)
    url = reverse("windows:rate_at_window", args=[case.number])
    assert "rate-form" in client.get(url).content.decode()
    assert "rate-thanks" in client.post(url, {"grade": 5, "comment": "很满意"}).content.decode()
    assert CaseRating.objects.get().channel == "window"
    assert "rate-already" in client.get(url).content.decode()
    assert web(actors.outsider).get(url).status_code == 404


def test_county_closes_a_follow_up_on_its_page_and_sees_the_figures(windows, actors, web):
    cache.clear()
    case = finished_case(actors, windows.a1)
    services.rating_submit(case=case, grade=2, channel="online")
    f = RatingFollowUp.objects.get()
    client = web(actors.county_admin)
    page = client.get(reverse("windows:ratings")).content.decode()
    assert case.number in page and "50.0%" not in page and "100.0%" in page
    for action, data in (
        ("unfounded", {"unfounded-note": "回访核实：按时办理，情况不属实"}),
        ("tell", {"tell-method": "phone", "tell-outcome": "已电话说明办理情况"}),
    ):
        client.post(reverse("windows:follow_up_step", args=[f.pk, action]), data)
    f.refresh_from_db()
    assert f.status == "closed"
    assert web(actors.outsider).get(reverse("windows:follow_up_detail", args=[f.pk])).status_code == 404
    dashboard = client.get(reverse("windows:dashboard")).content.decode()
    assert "rating-figures" in dashboard and "五山街道" in dashboard
