"""Password validators of the level-3 policy (GB/T 22239-2019 8.1.4.1 身份鉴别: 口令具有复杂度要求并定期更换), set in
settings.AUTH_PASSWORD_VALIDATORS beside Django's minimum length (12)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import rules
from .models import Account, PasswordHistory


class CharacterClassesValidator:
    """At least PASSWORD_MIN_CLASSES (default 3) of four classes: lower-case, upper-case, digits, symbols."""

    def validate(self, password: str, user: Any = None) -> None:
        needed = settings.PASSWORD_MIN_CLASSES
        if rules.character_classes(password) < needed:
            raise ValidationError(
                _("密码须包含小写字母、大写字母、数字、符号中的至少%(n)d类") % {"n": needed},
                code="password_too_simple",
            )

    def get_help_text(self) -> str:
        return _("密码须包含小写字母、大写字母、数字、符号中的至少%(n)d类") % {
            "n": settings.PASSWORD_MIN_CLASSES
        }


class PasswordHistoryValidator:
    """No reuse of the last PASSWORD_HISTORY_COUNT passwords (default 5); every password set is remembered (its
    hash) when it is saved, and the account's password date is set then."""

    def validate(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        count = settings.PASSWORD_HISTORY_COUNT
        recent = PasswordHistory.objects.filter(user=user).values_list("password", flat=True)[:count]
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(_("不能使用最近%(n)d次用过的密码") % {"n": count}, code="password_reused")

    def password_changed(self, password: str, user: Any = None) -> None:
        if user is None or not getattr(user, "pk", None):
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        keep = PasswordHistory.objects.filter(user=user).values_list("pk", flat=True)[
            : max(settings.PASSWORD_HISTORY_COUNT, 1)
        ]
        PasswordHistory.objects.filter(user=user).exclude(pk__in=list(keep)).delete()
        Account.objects.filter(user=user).update(password_changed_at=timezone.now())

    def get_help_text(self) -> str:
        return _("不能使用最近%(n)d次用过的密码") % {"n": settings.PASSWORD_HISTORY_COUNT}
