"""Connects the audit trail's receivers (regions.audit_signals) to Django's, django-axes' and the models' signals,
and puts every reference table of settings.AUDIT_REFERENCE_MODELS under django-auditlog (its entries are what the
trail copies)."""

from __future__ import annotations

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from axes.signals import user_locked_out
from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry as AdminLogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save

from . import audit, twofactor
from . import audit_signals as s
from .models import PersonalDataAccess, RegionUserObjectPermission


def connect() -> None:
    uid = "regions.audit."
    user_logged_in.connect(s.logged_in, dispatch_uid=uid + "login")
    user_logged_in.connect(twofactor.mark_login, dispatch_uid="regions.twofactor.login")
    user_logged_out.connect(s.logged_out, dispatch_uid=uid + "logout")
    user_login_failed.connect(s.login_failed, dispatch_uid=uid + "login_failed")
    user_locked_out.connect(s.locked_out, dispatch_uid=uid + "locked_out")
    user_model = get_user_model()
    pre_save.connect(s.account_before, sender=user_model, dispatch_uid=uid + "account_before")
    post_save.connect(s.account_saved, sender=user_model, dispatch_uid=uid + "account_saved")
    post_save.connect(s.grant_saved, sender=RegionUserObjectPermission, dispatch_uid=uid + "grant_saved")
    post_delete.connect(
        s.grant_deleted, sender=RegionUserObjectPermission, dispatch_uid=uid + "grant_deleted"
    )
    post_save.connect(s.personal_viewed, sender=PersonalDataAccess, dispatch_uid=uid + "personal")
    post_save.connect(s.reference_changed, sender=LogEntry, dispatch_uid=uid + "reference")
    post_save.connect(s.admin_logged, sender=AdminLogEntry, dispatch_uid=uid + "admin")
    for label in settings.AUDIT_REFERENCE_MODELS:
        model = apps.get_model(label)
        if not auditlog.contains(model):
            audit.track(model)
