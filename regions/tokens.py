"""API tokens: the key is shown once, only its SHA-256 digest is stored; the DRF authentication that checks a key
against the digest, the expiry and the revocation (issue 12 item 6).

A client sends `Authorization: Token <key>` as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.authentication import TokenAuthentication
from rest_framework.exceptions import AuthenticationFailed

from .models import ApiToken

#: how often the last use is written (a busy integration must not write on every request)
LAST_USED_EVERY = dt.timedelta(minutes=1)


def new_key() -> str:
    """A fresh random key (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def key_digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_prefix(key: str) -> str:
    return key[:8]


class ApiTokenAuthentication(TokenAuthentication):
    """`Authorization: Token <key>` → the token's user, while the token is neither revoked nor expired."""

    keyword = "Token"

    def authenticate_credentials(self, key: str) -> tuple[Any, ApiToken]:
        token = ApiToken.objects.select_related("user").filter(digest=key_digest(key)).first()
        if token is None:
            raise AuthenticationFailed(_("令牌无效"), code="token_invalid")
        now = timezone.now()
        if token.revoked_at is not None:
            raise AuthenticationFailed(_("令牌已撤销"), code="token_revoked")
        if now >= token.expires_at:
            raise AuthenticationFailed(_("令牌已过期，请重新申请"), code="token_expired")
        if not token.user.is_active:
            raise AuthenticationFailed(_("用户已停用"), code="user_inactive")
        if token.last_used_at is None or now - token.last_used_at >= LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token


def tokens_visible_to(actor: Any) -> QuerySet[ApiToken]:
    """The tokens `actor` may list: their own; an administrator (superuser) sees everyone's."""
    qs = ApiToken.objects.select_related("user", "revoked_by")
    return qs if getattr(actor, "is_superuser", False) else qs.filter(user=actor)
