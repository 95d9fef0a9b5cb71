"""Text messages to an applicant on each public step of their case (申请 → 受理 → 审核/分办 → 办结), when they asked
for them at intake: queued after the step commits, sent once per step through the configured sender (core.sms), and
recorded with the gateway's id or the reason it failed."""

from __future__ import annotations

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone

from core.sms import SmsError, send_sms

from .. import rules, tasks
from ..choices import MessageStatus
from ..models import Case, CaseEvent, CaseMessage


def queue_step_message(case: Case, event: CaseEvent) -> None:
    """After the step commits, queue the message of the public step this event reaches (if any and if asked for)."""
    if not case.sms_opt_in or rules.public_step_of(event.action) is None:
        return
    tasks.case_step_message_task.delay_on_commit(
        case.pk, event.action, timezone.localdate(event.at).isoformat()
    )


def status_url(number: str) -> str:
    """The public status page of the case (settings.PUBLIC_BASE_URL), "" when no public address is configured."""
    base = getattr(settings, "PUBLIC_BASE_URL", "")
    return f"{base}{reverse('windows:public_status')}?number={number}" if base else ""


def case_step_message(*, case_id: int, action: str, day) -> CaseMessage | None:
    """Send the message of one step once: a second call for the same step (a retried task, assign then feedback both
    reaching 审核/分办) sends nothing. A landline is recorded as not sent; a gateway failure as failed."""
    case = Case.objects.filter(pk=case_id, sms_opt_in=True).first()
    reached = rules.public_step_of(action)
    if case is None or reached is None:
        return None
    step, what = reached
    content = rules.step_sms_text(case.number, what, day, status_url(case.number))
    try:
        with transaction.atomic():
            message = CaseMessage.objects.create(
                case=case, step=step, content=content, status=MessageStatus.NOT_MOBILE
            )
    except IntegrityError:
        return None  # this step's message was already sent (or tried)
    if not rules.can_receive_sms(case.phone):
        return message
    _send(message, case.phone)
    return message


def _send(message: CaseMessage, phone: str) -> None:
    """One try: sent with the gateway's id, or failed with the reason and when the retry job tries again."""
    try:
        message.gateway_id = send_sms(rules.normalise_phone(phone), message.content)[:100]
        message.status, message.error, message.next_try_at = MessageStatus.SENT, "", None
    except SmsError as exc:
        message.status, message.error = MessageStatus.FAILED, str(exc)[:300]
        message.next_try_at = rules.sms_next_try(
            attempts=message.attempts,
            failed_at=timezone.now(),
            max_attempts=settings.SMS_MAX_ATTEMPTS,
            base_minutes=settings.SMS_RETRY_MINUTES,
        )
    message.save(update_fields=["gateway_id", "status", "error", "next_try_at"])


def case_messages_retry(*, now=None) -> int:
    """Try again every failed message whose time has come (the job runs every 10 minutes). Each message is claimed
    by a conditional update of its try count, so two workers running the job at once never send it twice.
    Returns how many were sent this time."""
    now = now or timezone.now()
    due = CaseMessage.objects.filter(status=MessageStatus.FAILED, next_try_at__lte=now).select_related("case")
    sent = 0
    for message in due.order_by("next_try_at", "pk"):
        claimed = CaseMessage.objects.filter(
            pk=message.pk, status=MessageStatus.FAILED, attempts=message.attempts
        ).update(attempts=models.F("attempts") + 1, next_try_at=None)
        if not claimed:
            continue
        message.attempts += 1
        _send(message, message.case.phone)
        sent += message.status == MessageStatus.SENT
    return sent
