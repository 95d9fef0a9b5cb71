"""The provincial government-procurement cloud platform's reference on a project (广东省政府采购云平台).

Projects in Guangdong are run on the provincial platform; the bureau records the platform's project number and the
links of its procurement and result notices, so the public page and the OCDS release point at the official record.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.services import model_update
from regions.audit import set_actor

from ..models import Project
from .common import require_acting

PLATFORM_FIELDS = ("platform_number", "platform_notice_url", "platform_result_url")


@transaction.atomic
def project_platform_set(*, actor, project: Project, **fields: str) -> Project:
    """Record (or correct) the platform number and notice links; an empty value clears it. Only http(s) links."""
    require_acting(actor, project.purchaser.code)
    project = Project.objects.select_for_update().get(pk=project.pk)
    cleaned = {name: (value or "").strip() for name, value in fields.items()}
    model_update(project, cleaned, allowed=PLATFORM_FIELDS)
    errors = {
        name: _("链接须以 http:// 或 https:// 开头")
        for name in ("platform_notice_url", "platform_result_url")
        if getattr(project, name) and not getattr(project, name).lower().startswith(("http://", "https://"))
    }
    if errors:
        raise ValidationError(errors)
    project.full_clean(validate_constraints=False)
    with set_actor(actor):
        project.save(update_fields=list(PLATFORM_FIELDS))
    return project
