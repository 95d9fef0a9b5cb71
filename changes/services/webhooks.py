"""Webhooks: a service account's subscriptions, the deliveries the sequencer fans out, sending with retries and
exponential backoff, the delivery log and a manual re-send (issue 16)."""

from __future__ import annotations

import datetime as dt
import json
import logging
import secrets
import socket
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.services import model_update
from core.tasks import dispatch_on_commit
from regions import access
from regions.audit import set_actor
from regions.choices import Role

from .. import delivery, registry, rules, tasks
from ..choices import DeliveryStatus
from ..models import Change, Delivery, DeliveryAttempt, Webhook
from ..selectors import change_path, site_url

logger = logging.getLogger(__name__)

#: a claimed attempt is not claimed again for this long (a worker that died mid-POST is retried after it)
LEASE = dt.timedelta(minutes=5)
#: deliveries one sweep of the due ones sends
SWEEP = 200
EDITABLE = ("name", "url", "event_types", "active")


def _check(webhook: Webhook) -> None:
    if not access.acts_somewhere(webhook.owner, {Role.SERVICE_ACCOUNT}):
        raise ValidationError({"owner": _("只能为接口服务账号配置推送。")})
    if not isinstance(webhook.event_types, list) or not webhook.event_types:
        raise ValidationError({"event_types": _("请至少选择一种事件类型。")})
    if not all(isinstance(p, str) and p for p in webhook.event_types):
        raise ValidationError({"event_types": _("事件类型应为文字列表。")})
    unknown = rules.unknown_patterns(webhook.event_types, registry.event_names())
    if unknown:
        raise ValidationError({"event_types": _("未知的事件类型：%(names)s") % {"names": ", ".join(unknown)}})
    try:
        delivery.check_url(webhook.url)
    except delivery.TargetRefused as exc:
        raise ValidationError({"url": str(exc)}) from exc
    webhook.full_clean()


def _may_manage(actor: Any, owner: Any) -> None:
    if not (access.sees_everything(actor) or getattr(actor, "pk", None) == owner.pk):
        raise PermissionDenied(_("只能管理本账号的推送。"))


def webhook_owner(*, actor: Any, username: str | None) -> Any:
    """The account a new webhook belongs to: the actor itself when no other username is named. Whether the actor
    may name another account is decided before the name is looked up, so a refusal (403) never tells whether a
    username exists; only an administrator learns that an unknown name is unknown (400)."""
    username = (username or "").strip()
    if not username or username == actor.get_username():
        return actor
    if not access.sees_everything(actor):
        raise PermissionDenied(_("只能管理本账号的推送。"))
    owner = get_user_model().objects.filter(username=username, is_active=True).first()
    if owner is None:
        raise ValidationError({"owner": _("账号不存在或已停用。")})
    return owner


@transaction.atomic
def webhook_create(
    *, actor: Any, owner: Any, name: str, url: str, event_types: list[str]
) -> tuple[Webhook, str]:
    """A new webhook and its signing secret (returned once; kept encrypted for signing)."""
    _may_manage(actor, owner)
    secret = secrets.token_urlsafe(32)
    webhook = Webhook(owner=owner, name=name, url=url, event_types=event_types, secret=secret)
    _check(webhook)
    with set_actor(actor):
        webhook.save()
    return webhook, secret


@transaction.atomic
def webhook_update(*, actor: Any, webhook: Webhook, **changes: Any) -> Webhook:
    _may_manage(actor, webhook.owner)
    model_update(webhook, changes, allowed=EDITABLE)
    _check(webhook)
    with set_actor(actor):
        webhook.save()
    return webhook


@transaction.atomic
def webhook_delete(*, actor: Any, webhook: Webhook) -> None:
    _may_manage(actor, webhook.owner)
    with set_actor(actor):
        webhook.delete()


def payload(change: Change) -> dict[str, Any]:
    """What a receiver gets: the event, never the record's fields (it reads them at `url`, masked as there)."""
    return {
        "event": change.event,
        "cursor": str(change.seq),
        "resource": change.resource,
        "id": change.object_id,
        "action": change.action,
        "moved": change.moved,
        "region": change.region_code,
        "url": site_url(change_path(change)),
        "occurred_at": change.at.isoformat(),
    }


def _in_scope(prefixes: list[str] | None, region_code: str) -> bool:
    return prefixes is None or region_code == "" or any(region_code.startswith(p) for p in prefixes)


def deliveries_fan_out(changes: list[Change]) -> int:
    """One delivery per active webhook whose owner's scope holds the change and who asked for its event; each
    is sent after the commit. Called by the sequencer in its transaction."""
    if not changes:
        return 0
    made: list[Delivery] = []
    for webhook in Webhook.objects.filter(active=True).select_related("owner"):
        owner = webhook.owner
        prefixes = None if access.sees_everything(owner) else access.visible_prefixes(owner)
        if prefixes == [] or not owner.is_active:
            continue
        made += [
            Delivery(webhook=webhook, change=c, event=c.event, payload=payload(c), next_attempt_at=c.at)
            for c in changes
            if _in_scope(prefixes, c.region_code) and rules.wants(webhook.event_types, c.event)
        ]
    Delivery.objects.bulk_create(made)
    for d in made:
        dispatch_on_commit(tasks.delivery_send_task, d.pk)
    return len(made)


def _network_error(exc: OSError) -> str:
    """What the delivery log says of a failed connection (in the interface's language, the detail kept)."""
    if isinstance(exc, TimeoutError | socket.timeout):
        reason = _("连接超时")
    elif isinstance(exc, ConnectionRefusedError):
        reason = _("连接被拒绝")
    elif isinstance(exc, ConnectionError):
        reason = _("连接中断")
    else:
        reason = _("网络错误")
    return f"{reason}（{exc}）"[:300]


def _send(d: Delivery, now: dt.datetime) -> tuple[int | None, str]:
    body = json.dumps(d.payload, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()
    timestamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "jiuzhu-webhooks/1",
        "X-Jiuzhu-Event": d.event,
        "X-Jiuzhu-Delivery": str(d.pk),
        rules.SIGNATURE_HEADER: rules.signature_header(d.webhook.secret, timestamp, body),
    }
    try:
        code = delivery.post(d.webhook.url, body, headers)
    except delivery.TargetRefused as exc:
        return None, str(exc)
    except OSError as exc:
        return None, _network_error(exc)
    return code, "" if 200 <= code < 300 else _("接收方返回 %(code)s") % {"code": code}


def delivery_send(delivery_id: int, *, now: dt.datetime | None = None, manual: bool = False) -> bool | None:
    """One attempt, if the delivery is due (claimed by a conditional update, so two workers never both send it).
    True: delivered; False: failed (retried later with backoff, or given up); None: not due or not pending."""
    now = now or timezone.now()
    claimed = Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
    if not claimed.update(next_attempt_at=now + LEASE):
        return None
    d = Delivery.objects.select_related("webhook").get(pk=delivery_id)
    code, error = _send(d, now)
    attempts = d.attempts + 1
    DeliveryAttempt.objects.create(delivery=d, at=now, status_code=code, error=error, manual=manual)
    if not error:
        Delivery.objects.filter(pk=d.pk).update(
            status=DeliveryStatus.SUCCEEDED, attempts=attempts, delivered_at=now, next_attempt_at=None
        )
        return True
    if attempts >= rules.MAX_ATTEMPTS:
        Delivery.objects.filter(pk=d.pk).update(
            status=DeliveryStatus.FAILED, attempts=attempts, next_attempt_at=None
        )
        return False
    wait = rules.backoff(attempts)
    Delivery.objects.filter(pk=d.pk).update(attempts=attempts, next_attempt_at=now + wait)
    try:
        tasks.delivery_send_task.apply_async((d.pk,), countdown=wait.total_seconds())
    except Exception:  # a broker away: the minute's sweep of due deliveries sends it
        logger.exception("retry of delivery %s could not be queued", d.pk)
    return False


def deliveries_send_due(*, now: dt.datetime | None = None) -> int:
    """Send the pending deliveries whose time has come (the retry tasks' safety net: a lost task, a restarted
    broker); returns how many were attempted."""
    now = now or timezone.now()
    due = list(
        Delivery.objects.filter(status=DeliveryStatus.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:SWEEP]
    )
    return sum(delivery_send(pk, now=now) is not None for pk in due)


@transaction.atomic
def delivery_resend(*, actor: Any, delivery: Delivery) -> Delivery:
    """Send a delivered or given-up delivery again (the same body, a fresh signature); 409 while it is pending."""
    _may_manage(actor, delivery.webhook.owner)
    now = timezone.now()
    done = [DeliveryStatus.SUCCEEDED, DeliveryStatus.FAILED]
    if not Delivery.objects.filter(pk=delivery.pk, status__in=done).update(
        status=DeliveryStatus.PENDING, attempts=0, next_attempt_at=now, delivered_at=None
    ):
        raise Conflict(_("该推送正在等待送达，无需重发。"), code="delivery_pending")
    dispatch_on_commit(tasks.delivery_send_task, delivery.pk, manual=True)
    delivery.refresh_from_db()
    return delivery
