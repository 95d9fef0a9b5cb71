"""Change history of accounts (django-auditlog): the phone masked, the password hashes never logged."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from regions.audit import track

from .models import Account

track(Account, personal=["phone"])
track(get_user_model(), exclude=["password", "last_login"])
