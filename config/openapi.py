"""OpenAPI naming: every app's choice classes get a stable, app-qualified enum component name.

Several apps have fields of the same name with different choices (a case's `channel`, a survey response's
`channel`); without explicit names drf-spectacular invents hashed names and warns. The classes are found by reading
`<app>/choices.py` as text, so settings import no app code.
"""

from __future__ import annotations

import re
from pathlib import Path

from config.apps import DOMAIN_APPS  # the app list, no discovery

_CLASS = re.compile(r"^class (\w+)\(models\.(?:TextChoices|IntegerChoices)\)", re.MULTILINE)


def enum_name_overrides(base_dir: Path) -> dict[str, str]:
    overrides: dict[str, str] = {}
    for app in DOMAIN_APPS:
        path = base_dir / app / "choices.py"
        if not path.exists():
            continue
        for name in _CLASS.findall(path.read_text(encoding="utf-8")):
            overrides[f"{app.capitalize()}{name}Enum"] = f"{app}.choices.{name}"
    return overrides
