"""The change feed and the webhooks that carry it (issue 16, 粤民发〔2018〕170号 二(四): one provincial system).

`PendingChange` rows are written by database triggers in the writing transaction (every INSERT, UPDATE and DELETE
of a resource's table, whatever wrote it: a save, a conditional UPDATE of a workflow step, a bulk write). The
sequencer (services/sequence.py) turns them, one batch at a time under one lock, into `Change` rows with a
gap-free, increasing `seq`: the feed's cursor. `Tracked` holds the last region and lookup value the feed reported
for each record, so a deletion and a move out of a region can be told to the region that saw the record.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from regions.personal import EncryptedCharField

from .choices import ChangeAction, DeliveryStatus


class PendingChange(models.Model):
    """A resource's row was written (by a trigger, in the writer's transaction); consumed by the sequencer."""

    resource = models.CharField(max_length=100)
    object_id = models.BigIntegerField()

    class Meta:
        verbose_name = _("待排序变更")
        verbose_name_plural = _("待排序变更")

    def __str__(self) -> str:
        return f"{self.resource}#{self.object_id}"


class FeedHead(models.Model):
    """One row: the last `seq` handed out. The sequencer locks it, so batches are numbered one after another.
    `pruned_through`: the entries up to this cursor were removed after the retention period (services/prune.py)."""

    last_seq = models.BigIntegerField(default=0)
    pruned_through = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.last_seq)


class Change(models.Model):
    """One entry of the feed: a record of a resource was created, changed or deleted (or left a region)."""

    seq = models.BigIntegerField(_("游标"), unique=True)
    resource = models.CharField(_("资源"), max_length=100)
    object_id = models.BigIntegerField(_("记录"))
    lookup = models.CharField(_("地址键"), max_length=64)
    action = models.CharField(_("动作"), max_length=10, choices=ChangeAction.choices)
    #: the record's region when the change was sequenced ("" for reference data every caller sees)
    region_code = models.CharField(_("区划代码"), max_length=12, blank=True)
    #: a deletion told to the old region because the record moved to another one
    moved = models.BooleanField(_("移出"), default=False)
    at = models.DateTimeField(_("时间"))

    class Meta:
        ordering = ["seq"]
        verbose_name = _("变更")
        verbose_name_plural = _("变更")
        indexes = [
            # a caller's scope is one or a few code prefixes: a range of this index, read in cursor order
            models.Index(
                fields=["region_code", "seq"],
                name="change_region_seq",
                opclasses=["varchar_pattern_ops", "int8_ops"],
            ),
            models.Index(fields=["resource", "object_id"], name="change_record"),
        ]

    def __str__(self) -> str:
        return f"{self.seq} {self.resource}#{self.object_id} {self.action}"

    @property
    def event(self) -> str:
        return f"{self.resource}.{self.action}"


class Tracked(models.Model):
    """What the feed last reported of a record: its region and the value its URL is built from."""

    resource = models.CharField(max_length=100)
    object_id = models.BigIntegerField()
    region_code = models.CharField(max_length=12, blank=True)
    lookup = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["resource", "object_id"], name="tracked_once_per_record")
        ]

    def __str__(self) -> str:
        return f"{self.resource}#{self.object_id} @ {self.region_code}"


class Webhook(models.Model):
    """A service account's subscription: the feed's events in its scope, posted to `url`, signed with `secret`."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接口服务账号"),
        on_delete=models.CASCADE,
        related_name="webhooks",
    )
    name = models.CharField(_("名称"), max_length=100)
    url = models.URLField(_("接收地址"), max_length=500)
    #: HMAC-SHA256 key, encrypted at rest (signing needs the value, so it is not a digest)
    secret = EncryptedCharField(_("签名密钥"))
    #: `<resource>.<action>` patterns (`*` matches any part): ["windows.case.*", "*.deleted"]
    event_types = models.JSONField(_("事件类型"), default=list)
    active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["owner_id", "name", "pk"]
        verbose_name = _("变更推送")
        verbose_name_plural = _("变更推送")

    def __str__(self) -> str:
        return self.name


class Delivery(models.Model):
    """One event for one webhook, until the receiver answered 2xx or the attempts ran out."""

    webhook = models.ForeignKey(
        Webhook, verbose_name=_("推送"), on_delete=models.CASCADE, related_name="deliveries"
    )
    change = models.ForeignKey(Change, verbose_name=_("变更"), on_delete=models.CASCADE, related_name="+")
    event = models.CharField(_("事件"), max_length=120)
    payload = models.JSONField(_("内容"))
    status = models.CharField(
        _("状态"), max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("已尝试次数"), default=0)
    next_attempt_at = models.DateTimeField(_("下次尝试"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("送达时间"), null=True, blank=True)
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("推送记录")
        verbose_name_plural = _("推送记录")
        constraints = [models.UniqueConstraint(fields=["webhook", "change"], name="delivery_once_per_change")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due")]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook_id}"


class DeliveryAttempt(models.Model):
    """The delivery log: every POST with the receiver's answer (status code) or the error."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="log")
    at = models.DateTimeField(_("时间"))
    status_code = models.PositiveSmallIntegerField(_("响应码"), null=True, blank=True)
    error = models.CharField(_("错误"), max_length=300, blank=True)
    manual = models.BooleanField(_("手动重发"), default=False)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("推送尝试")
        verbose_name_plural = _("推送尝试")

    def __str__(self) -> str:
        return f"{self.delivery_id} {self.status_code or self.error}"
