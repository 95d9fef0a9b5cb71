"""verify_audit_chain: check the security audit trail's hash chain and name the first broken link."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from regions import audit_chain
from regions.audit_models import AuditArchive
from regions.audit_retention import check_archive

REASONS = {
    "hash": gettext_noop("记录内容与其哈希不符（记录被修改）"),
    "prev_hash": gettext_noop("记录的前一条哈希不符（前一条被修改或删除）"),
    "missing": gettext_noop("序号缺失（记录被删除）"),
    "file": gettext_noop("归档文件缺失或与登记的摘要不符"),
}


class Command(BaseCommand):
    help = "Verify the audit trail's hash chain from its anchor; --archives also checks every archive file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--archives", action="store_true", help="also check the archive files")

    def handle(self, *args: Any, archives: bool = False, **options: Any) -> None:
        if archives:
            previous = None
            for archive in AuditArchive.objects.order_by("first_seq"):
                status = check_archive(archive)
                if status.ok and previous is not None and archive.first_prev_hash != previous.last_hash:
                    status = audit_chain.ChainStatus(False, 0, archive.first_seq, "prev_hash")
                self._report(status, where=archive.path)
                previous = archive
        self._report(audit_chain.verify(), where=_("数据库"))

    def _report(self, status: audit_chain.ChainStatus, *, where: str) -> None:
        if not status.ok:
            raise CommandError(
                _("审计记录链在 %(where)s 第 %(seq)s 条断开：%(reason)s（此前 %(n)s 条完好）")
                % {
                    "where": where,
                    "seq": status.broken_seq,
                    "reason": _(REASONS.get(status.reason, status.reason)),
                    "n": status.checked,
                }
            )
        self.stdout.write(_("审计记录链完好：%(where)s 共 %(n)s 条") % {"where": where, "n": status.checked})
