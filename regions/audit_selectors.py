"""Reads of the security audit trail: who may read it and which records (三员分立: the audit administrator reads and
exports the trail and changes nothing; nobody else but the installation superuser sees it)."""

from __future__ import annotations

from functools import reduce
from operator import or_
from typing import Any

from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import access
from .audit_models import AuditRecord
from .choices import AUDIT_ADMIN_ROLES, BUSINESS_ROLES, AuditAction, Role

#: the column headers of the Excel export, in order
EXPORT_HEADERS = [
    gettext_lazy("序号"),
    gettext_lazy("时间"),
    gettext_lazy("账号"),
    gettext_lazy("来源地址"),
    gettext_lazy("事件"),
    gettext_lazy("区划代码"),
    gettext_lazy("对象"),
    gettext_lazy("说明"),
    gettext_lazy("变更前后"),
    gettext_lazy("哈希"),
]


def audit_regions(user: Any) -> list[str]:
    """The region codes where the user holds the audit administrator's role."""
    return sorted({g.code for g in access.grants(user) if g.role in AUDIT_ADMIN_ROLES})


def may_read(user: Any) -> bool:
    return access.sees_everything(user) or bool(audit_regions(user))


def require_reader(user: Any) -> None:
    if not may_read(user):
        raise PermissionDenied(_("您没有查看审计记录的权限"))


def records_visible_to(user: Any) -> QuerySet[AuditRecord]:
    """Records of the regions the audit administrator is granted (a code prefix); a provincial one also sees the
    events of no region (failed logins of unknown accounts, the superuser's, the archive job's)."""
    records = AuditRecord.objects.select_related("actor").order_by("-seq")
    if access.sees_everything(user):
        return records
    codes = audit_regions(user)
    if not codes:
        return records.none()
    q = reduce(or_, (Q(region_code__startswith=code) for code in codes))
    if any(len(code) <= 2 for code in codes):
        q |= Q(region_code="")
    return records.filter(q)


def last_chain_check() -> AuditRecord | None:
    """The newest result of the chain check (each check is itself a record of the trail)."""
    return AuditRecord.objects.filter(action=AuditAction.CHAIN_CHECK).order_by("-seq").first()


def export_rows(records: QuerySet[AuditRecord]) -> list[list[Any]]:
    return [
        [
            r.seq,
            timezone.localtime(r.at).replace(tzinfo=None),  # local time: a spreadsheet keeps no time zone
            r.username,
            r.address,
            r.get_action_display(),
            r.region_code,
            r.target,
            r.summary,
            "; ".join(f"{k}: {v[0]} → {v[1]}" for k, v in r.changes.items()),
            r.hash,
        ]
        for r in records
    ]


def reference_history(
    user: Any, models: list[type[Any]], limit: int = 50, roles: frozenset[Role] = BUSINESS_ROLES
) -> list[Any]:
    """The change history (django-auditlog) of reference tables a page shows (time limits, holidays, the service
    catalogue …): the province-wide rows' and those of the regions the user sees. Each model keeps its row's region
    code with the entry (`get_additional_data` → {"region_code": …}, "" for a province-wide row)."""
    entries = (
        LogEntry.objects.filter(content_type__in=[ContentType.objects.get_for_model(m) for m in models])
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-id")
    )
    scope = access.scope_q(user, "additional_data__region_code", roles)
    if scope is not None:
        entries = entries.filter(Q(additional_data__region_code="") | scope)
    return list(entries[:limit])
