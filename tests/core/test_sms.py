"""The pluggable text-message sender (core.sms): the log sender by default, the HTTP gateway adapter against a real
HTTP server on 127.0.0.1 (what it posts, its answers, its failures)."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from core import sms


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


class Gateway(BaseHTTPRequestHandler):
    """Records each request; answers with the status and body set on the server."""

    def do_POST(self):  # noqa: N802 (the http.server API)
        length = int(self.headers["Content-Length"])
        self.server.received.append(
            (self.headers.get("Authorization"), json.loads(self.rfile.read(length).decode()))
        )
        self.send_response(self.server.answer_status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.server.answer_body.encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway():
    server = HTTPServer(("127.0.0.1", 0), Gateway)
    server.received, server.answer_status, server.answer_body = [], 200, '{"id": "SM20261207001"}'
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_the_default_sender_logs_and_keeps_the_message(settings, caplog):
    settings.SMS_BACKEND = "core.sms.LogSender"
    settings.SMS_OPTIONS = {"sign": "天河区民政局"}
    with caplog.at_level("INFO", logger="sms"):
        message_id = sms.send_sms("13800138000", "您的求助事项已受理。")
    assert message_id == "log-1"
    assert sms.outbox == [
        sms.Message(phone="13800138000", content="您的求助事项已受理。", sign="天河区民政局")
    ]
    assert "138****" in caplog.text and "13800138000" not in caplog.text


def test_the_gateway_adapter_posts_json_with_the_token_and_returns_the_id(settings, gateway):
    settings.SMS_BACKEND = "core.sms.HttpGatewaySender"
    url = f"http://127.0.0.1:{gateway.server_port}/send"
    settings.SMS_OPTIONS = {"url": url, "token": "t0ken", "sign": "天河区民政局"}
    assert sms.send_sms("13800138000", "您的求助事项已办结。") == "SM20261207001"
    assert gateway.received == [
        ("Bearer t0ken", {"phone": "13800138000", "sign": "天河区民政局", "content": "您的求助事项已办结。"})
    ]
    assert sms.outbox == []


def test_a_gateway_refusal_is_an_sms_error(settings, gateway):
    gateway.answer_status, gateway.answer_body = 503, '{"error": "busy"}'
    settings.SMS_BACKEND = "core.sms.HttpGatewaySender"
    settings.SMS_OPTIONS = {"url": f"http://127.0.0.1:{gateway.server_port}/send"}
    with pytest.raises(sms.SmsError, match="503"):
        sms.send_sms("13800138000", "x")


def test_an_unreachable_gateway_is_an_sms_error(settings, gateway):
    port = gateway.server_port
    gateway.shutdown()
    gateway.server_close()
    settings.SMS_BACKEND = "core.sms.HttpGatewaySender"
    settings.SMS_OPTIONS = {"url": f"http://127.0.0.1:{port}/send", "timeout": 2}
    with pytest.raises(sms.SmsError, match="unreachable"):
        sms.send_sms("13800138000", "x")


def test_the_gateway_adapter_needs_its_url(settings):
    settings.SMS_BACKEND = "core.sms.HttpGatewaySender"
    settings.SMS_OPTIONS = {"url": ""}
    with pytest.raises(sms.SmsError):
        sms.send_sms("13800138000", "x")
