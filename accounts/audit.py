"""Change history of accounts (django-auditlog): the phone masked, the password hashes never logged."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.contrib.auth import get_user_model

from regions.audit import track

from .models import Account

# the sign-in time and address change at every login: the login itself is the audit trail's record
track(Account, personal=["phone"], exclude=["last_login_at", "last_login_ip"])
# the account's own fields only (never the password hash, nor the reverse relations auditlog would list)
auditlog.register(
    get_user_model(),
    include_fields=["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser"],
)
