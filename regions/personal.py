"""Personal data: encrypted at rest, found by keyed hash, shown masked, full view behind a permission and logged.

`EncryptedCharField` stores a Fernet token (key derived from settings.FIELD_ENCRYPTION_KEY) and, when given
`hash_field`, keeps an HMAC of the normalised value in that field so records can be found without decrypting.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from collections.abc import Callable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from . import access
from .choices import PERSONAL_DATA_ROLES
from .models import PersonalDataAccess

if (
    TYPE_CHECKING
):  # Field is generic only in the stubs (set type, get type); at runtime it is not subscriptable
    from django.db.models.expressions import Combinable

    _TextField = models.TextField[str | Combinable, str]
else:
    _TextField = models.TextField


@cache
def _keys(secret: str) -> tuple[Fernet, bytes]:
    """Derive separate encryption and hashing keys from one configured secret."""
    root = hashlib.sha256(secret.encode()).digest()
    enc = hmac.new(root, b"field-encryption", hashlib.sha256).digest()
    mac = hmac.new(root, b"lookup-hash", hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(enc)), mac


def _fernet() -> Fernet:
    return _keys(settings.FIELD_ENCRYPTION_KEY)[0]


def encrypt(value: str) -> str:
    return _fernet().encrypt(value.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:  # a wrong key must fail loudly, never show ciphertext as data
        raise ValueError("encrypted value cannot be decrypted with FIELD_ENCRYPTION_KEY") from exc


def keyed_hash(value: str) -> str:
    """HMAC-SHA256 of a normalised value: equal values find each other, the hash reveals nothing without the key."""
    return hmac.new(_keys(settings.FIELD_ENCRYPTION_KEY)[1], value.encode(), hashlib.sha256).hexdigest()


class EncryptedCharField(_TextField):
    """A text value encrypted at rest. Filtering by it is impossible by design: filter on its hash field."""

    def __init__(
        self,
        *args: Any,
        hash_field: str | None = None,
        normalise: Callable[[str], str] | None = None,
        **kw: Any,
    ) -> None:
        self.hash_field = hash_field
        self.normalise = normalise
        super().__init__(*args, **kw)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if self.hash_field:
            kwargs["hash_field"] = self.hash_field
        return name, path, args, kwargs

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt(str(value))

    def pre_save(self, model_instance: models.Model, add: bool) -> Any:
        value = getattr(model_instance, self.attname)
        if self.normalise and value:
            value = self.normalise(value)
            setattr(model_instance, self.attname, value)
        if self.hash_field:
            setattr(model_instance, self.hash_field, keyed_hash(value) if value else "")
        return value


def hash_lookup(value: str, normalise: Callable[[str], str] | None = None) -> str:
    """The hash to filter on for a plain value (normalised the same way the field normalises)."""
    return keyed_hash(normalise(value) if normalise else value)


def can_reveal(user: Any, region_code: str) -> bool:
    """Full personal data: the permission, and a role that needs it on the record's region."""
    if getattr(user, "is_superuser", False):
        return True
    return user.has_perm("regions.reveal_personal_data") and access.has_role(
        user, region_code, PERSONAL_DATA_ROLES
    )


def reveal(user: Any, obj: models.Model, field: str, *, region_code: str, reason: str = "") -> str:
    """The full value of a personal field, logged. 404 out of scope, 403 without the right to see it."""
    access.require_visible(user, region_code)
    if not can_reveal(user, region_code):
        raise PermissionDenied(_("您无权查看完整个人信息"))
    PersonalDataAccess.objects.create(
        user=user,
        model=obj._meta.label,
        object_pk=str(obj.pk),
        field=field,
        region_code=region_code,
        reason=reason,
    )
    value: str = getattr(obj, field)
    return value
