"""Text messages through a pluggable sender, like Django's e-mail backends: `settings.SMS_BACKEND` names the class,
`settings.SMS_OPTIONS` its keyword arguments.

- `core.sms.LogSender` (the default, and the tests'): writes each message to the `sms` logger and keeps it in
  `core.sms.outbox` (cleared by the tests), sending nothing.
- `core.sms.HttpGatewaySender`: posts each message as JSON to an SMS gateway (a government SMS platform or a
  carrier's HTTP interface): {"phone", "sign", "content"} with `Authorization: Bearer <token>`; the gateway answers
  2xx with an optional {"id": ...}. Configured by SMS_GATEWAY_URL, SMS_GATEWAY_TOKEN, SMS_SIGN (see README).

No domain here: the caller composes the text and decides whom to tell.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Protocol

import requests
from django.conf import settings
from django.utils.module_loading import import_string

logger = logging.getLogger("sms")


class SmsError(Exception):
    """The message could not be handed to the gateway (network, refusal); the caller records it."""


@dataclass(frozen=True)
class Message:
    phone: str
    content: str
    sign: str


#: messages the LogSender "sent" in this process (tests read and clear it)
outbox: list[Message] = []


class SmsSender(Protocol):
    def send(self, phone: str, content: str) -> str:
        """Hand one message over; returns the gateway's message id ("" if none). Raises SmsError."""


class LogSender:
    """Logs the message and keeps it in `outbox`: the default, for development and tests."""

    def __init__(self, sign: str = "", **_options: Any) -> None:
        self.sign = sign

    def send(self, phone: str, content: str) -> str:
        outbox.append(Message(phone=phone, content=content, sign=self.sign))
        logger.info("SMS to %s****: %s", phone[:3], content)
        return f"log-{len(outbox)}"


class HttpGatewaySender:
    """Posts the message to an HTTP SMS gateway as JSON with a bearer token."""

    def __init__(self, url: str = "", token: str = "", sign: str = "", timeout: float = 10.0) -> None:
        if not url:
            raise SmsError("SMS_GATEWAY_URL is not set")
        self.url, self.token, self.sign, self.timeout = url, token, sign, timeout

    def send(self, phone: str, content: str) -> str:
        try:
            response = requests.post(
                self.url,
                json={"phone": phone, "sign": self.sign, "content": content},
                headers={"Authorization": f"Bearer {self.token}"} if self.token else {},
                timeout=self.timeout,
            )
        except requests.RequestException as exc:
            raise SmsError(f"gateway unreachable: {exc.__class__.__name__}") from exc
        if not response.ok:
            raise SmsError(f"gateway answered {response.status_code}: {response.text[:200]}")
        try:
            body = response.json()
        except ValueError:
            return ""
        return str(body.get("id", "")) if isinstance(body, dict) else ""


def sender() -> SmsSender:
    """The configured sender (settings.SMS_BACKEND with settings.SMS_OPTIONS)."""
    backend = getattr(settings, "SMS_BACKEND", "core.sms.LogSender")
    options: dict[str, Any] = dict(getattr(settings, "SMS_OPTIONS", {}))
    sender_class: type[SmsSender] = import_string(backend)
    return sender_class(**options)


def send_sms(phone: str, content: str) -> str:
    """Send one text message through the configured sender; returns its id. Raises SmsError."""
    return sender().send(phone, content)
