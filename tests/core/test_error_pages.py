"""Branded 403, 404 and 500 pages (issue 14): Chinese, the reason, the way back, the help contact; JSON under /api/."""

from __future__ import annotations

import pytest
from django.test import Client

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.core.error_urls")]


def test_a_403_page_shows_the_reason_the_way_back_and_whom_to_call(actors, web, settings):
    settings.HELP_CONTACT = "县民政局 020-12345678"
    response = web(actors.county_admin).get("/test-errors/refuse/", HTTP_REFERER="http://testserver/windows/")
    body = response.content.decode()
    assert response.status_code == 403 and "无权操作" in body
    assert "您在该区域没有此操作的权限" in body and "县民政局 020-12345678" in body
    assert 'href="http://testserver/windows/"' in body and "回到首页" in body


def test_a_403_never_links_back_to_another_site(actors, web):
    body = (
        web(actors.county_admin)
        .get("/test-errors/refuse/", HTTP_REFERER="https://evil.example/")
        .content.decode()
    )
    assert "evil.example" not in body


def test_a_404_page_is_chinese_with_the_way_home(actors, web, settings):
    settings.HELP_CONTACT = "县民政局 020-12345678"
    response = web(actors.county_admin).get("/no-such-page/")
    body = response.content.decode()
    assert response.status_code == 404 and "页面未找到" in body and "回到首页" in body
    assert "县民政局 020-12345678" in body and "Not Found" not in body


def test_the_404_page_speaks_english_under_en(actors, web):
    body = web(actors.county_admin).get("/no-such-page/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Page not found" in body and "页面未找到" not in body


def test_a_404_under_the_api_stays_json(actors, api):
    response = api(actors.county_admin).get("/api/v1/no-such-resource/")
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"code": "not_found", "detail": "未找到，或不在您的权限范围内"}


def test_a_500_page_is_branded_with_debug_off(settings):
    settings.DEBUG = False
    settings.HELP_CONTACT = "县民政局 020-12345678"
    client = Client(raise_request_exception=False)
    response = client.get("/test-errors/crash/")
    body = response.content.decode()
    assert response.status_code == 500 and "系统出错" in body and "未保存" in body
    assert "县民政局 020-12345678" in body and "RuntimeError" not in body and "a bug" not in body
    api = client.get("/api/v1/test-errors/crash/")
    assert api.status_code == 500 and api.json() == {
        "code": "server_error",
        "detail": "服务器内部错误，请稍后再试",
    }
