"""Writes of the change feed and the webhooks."""

from .prune import changes_prune, pruned_through
from .sequence import changes_sequence, changes_sequence_all, has_pending, head
from .webhooks import (
    deliveries_fan_out,
    deliveries_send_due,
    delivery_resend,
    delivery_send,
    payload,
    webhook_create,
    webhook_delete,
    webhook_owner,
    webhook_update,
)

__all__ = [
    "changes_prune",
    "pruned_through",
    "changes_sequence",
    "changes_sequence_all",
    "deliveries_fan_out",
    "deliveries_send_due",
    "delivery_resend",
    "delivery_send",
    "has_pending",
    "head",
    "payload",
    "webhook_create",
    "webhook_delete",
    "webhook_owner",
    "webhook_update",
]
