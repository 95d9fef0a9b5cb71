"""一次性告知书 (粤民发〔2018〕170号 二(一): 一次性告知, 首问负责制) and the 办事指南 edits (province: the guide;
county: its local note)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from regions import access
from regions.audit import set_actor
from regions.choices import ADMIN_ROLES, RegionLevel
from regions.models import Region
from regions.notifications import notify

from ..choices import CaseStatus, NoticeKind
from ..models import Case, CaseNotice, GuideNote, MatterGuide
from .calendar import is_province_admin
from .cases import require_actor

MAX_ITEMS = 30


def checklist_for(category: str) -> list[str]:
    """The documents of a matter's guide: the choices of its 一次性告知书."""
    guide = MatterGuide.objects.filter(category=category).first()
    return list(guide.documents) if guide else []


def _notice_items(category: str, items, other: str) -> tuple[list[str], dict[str, str]]:
    checklist = checklist_for(category)
    chosen = [str(i).strip() for i in (items or []) if str(i).strip()]
    unknown = [i for i in chosen if i not in checklist]
    extra = [line.strip() for line in (other or "").splitlines() if line.strip()]
    errors: dict[str, str] = {}
    if unknown:
        errors["items"] = _("不在本事项材料清单中：{items}").format(items="、".join(unknown))
    listed = list(dict.fromkeys(chosen + [e[:200] for e in extra]))
    if len(listed) > MAX_ITEMS:
        errors["items"] = _("一次最多列出 {count} 项材料").format(count=MAX_ITEMS)
    return listed, errors


def notice_issue(*, actor, case: Case, kind: str, reason: str, items=(), other: str = "") -> CaseNotice:
    """Give the applicant one notice listing every missing document and the reason (一次性告知). A notice of
    missing documents is for an open case and lists at least one item; a notice of non-acceptance is for a case
    not accepted. The first responder is told when someone else issued it (首问负责制)."""
    require_actor(actor, case)
    listed, errors = _notice_items(case.category, items, other)
    reason = (reason or "").strip()
    if kind not in NoticeKind.values:
        errors["kind"] = _("请选择告知类型")
    elif kind == NoticeKind.MISSING:
        if not case.is_open:
            errors["kind"] = _("事项已办结，不能再告知补正材料")
        if not listed:
            errors.setdefault("items", _("请至少选择或填写一项需补充的材料"))
    elif case.status != CaseStatus.NOT_ACCEPTED:
        errors["kind"] = _("事项未作不予受理，不能出具不予受理告知书")
    if not reason:
        errors["reason"] = _("请填写告知事由")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic(), set_actor(actor):
        notice = CaseNotice.objects.create(
            case=case, kind=kind, items=listed, reason=reason, issued_by=actor, issued_at=timezone.now()
        )
        if case.first_responder_id != actor.pk:
            notify(
                [case.first_responder],
                title=_("您首问的事项 %(number)s：已出具一次性告知书") % {"number": case.number},
                body="、".join(listed)[:500],
                url=reverse("windows:notice_print", args=[case.number, notice.pk]),
                kind="case_notice",
                key=f"case_notice:{notice.pk}",
            )
    return notice


def guide_save(
    *, actor, guide: MatterGuide, eligibility: str, documents, legal_basis: str, **links
) -> MatterGuide:
    """Edit a matter's guide: the province's text (a province admin; a county adds its local note instead)."""
    if not is_province_admin(actor):
        raise PermissionDenied(_("办事指南由省级统一维护，县级可添加本地说明"))
    guide.eligibility = (eligibility or "").strip()
    guide.documents = [str(d).strip()[:200] for d in documents if d and str(d).strip()][:MAX_ITEMS]
    guide.legal_basis = (legal_basis or "").strip()
    errors = {
        name: message
        for name, message in (
            ("eligibility", _("须写明申请条件")),
            ("documents", _("须列出至少一项申请材料")),
            ("legal_basis", _("须写明设定依据")),
        )
        if not getattr(guide, name)
    }
    if errors:
        raise ValidationError(errors)
    guide.online_url = links.get("online_url", guide.online_url) or ""
    guide.appointment_url = links.get("appointment_url", guide.appointment_url) or ""
    guide.updated_by = actor
    guide.full_clean()
    with transaction.atomic(), set_actor(actor):
        guide.save()
    return guide


def guide_note_save(*, actor, region: Region, category: str, note: str) -> GuideNote | None:
    """A county's local note on a matter's guide (its county admin); an empty note removes it."""
    if region.level != RegionLevel.COUNTY:
        raise ValidationError({"region": _("本地说明由县（市、区）添加")})
    access.require_role(actor, region.code, ADMIN_ROLES)
    note = (note or "").strip()
    with transaction.atomic(), set_actor(actor):
        if not note:
            GuideNote.objects.filter(region=region, category=category).delete()
            return None
        obj, _created = GuideNote.objects.update_or_create(
            region=region, category=category, defaults={"note": note[:2000], "updated_by": actor}
        )
    return obj
