"""The public status page: no login, nothing personal, rate limited."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.factories.windows import id_number, make_case

pytestmark = pytest.mark.django_db


def test_public_status_shows_status_and_nothing_personal(windows, actors, client):
    cache.clear()
    case = make_case(actors.township_a1, windows.a1, accept=True, applicant_name="欧阳娜娜")
    response = client.get(reverse("windows:public_status"), {"number": case.number, "phone_last4": "8000"})
    body = response.content.decode()
    assert response.status_code == 200 and "已受理" in body
    assert "欧阳娜娜" not in body and id_number(1) not in body and "13800138000" not in body
    wrong = client.get(reverse("windows:public_status"), {"number": case.number, "phone_last4": "1234"})
    assert "未找到" in wrong.content.decode() and "已受理" not in wrong.content.decode()


def test_public_status_is_rate_limited(windows, actors, client, settings):
    cache.clear()
    settings.WINDOWS_PUBLIC_STATUS_PER_MINUTE = 3
    url = reverse("windows:public_status")
    codes = [client.get(url, {"number": "x", "phone_last4": "1234"}).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]


def test_public_status_speaks_chinese_only_and_english_from_the_catalogue(windows, actors, client):
    # issue 14: the applicant read "已受理 / accepted"-style pairs; now the note is stored in Chinese and shown
    # in the reader's language
    cache.clear()
    case = make_case(actors.township_a1, windows.a1, accept=True)
    query = {"number": case.number, "phone_last4": "8000"}
    chinese = client.get(reverse("windows:public_status"), query).content.decode()
    assert "您的求助已受理" in chinese and "request is accepted" not in chinese
    english = client.get(reverse("windows:public_status"), query, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Your request is accepted" in english and "您的求助已受理" not in english
    missing = client.get(reverse("windows:public_status"), {**query, "phone_last4": "1234"}).content.decode()
    assert "未找到：请核对事项编号和电话后四位" in missing and "not found" not in missing.lower()
