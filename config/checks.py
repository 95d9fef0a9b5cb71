"""System checks of the shell: settings that must be right before anything starts."""

from __future__ import annotations

import binascii
from typing import Any

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, register


@register()
def field_encryption_key_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    """FIELD_ENCRYPTION_KEY must be a real Fernet key (32 random bytes, URL-safe base64), as `make run` generates
    and `python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"` prints: a
    password-like phrase would be the only secret protecting every encrypted ID number and phone."""
    key = getattr(settings, "FIELD_ENCRYPTION_KEY", "")
    try:
        Fernet(key)
    except (ValueError, TypeError, binascii.Error):
        return [
            Error(
                "FIELD_ENCRYPTION_KEY 不是有效的 Fernet 密钥（应为 32 字节随机数的 URL 安全 Base64 编码）。",
                hint='生成：python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"',
                id="shell.E001",
            )
        ]
    return []
