"""Every write of the evaluation app: `<entity>_<verb>(*, actor, ...)`, atomic, validated first, audited."""

from __future__ import annotations

from .templates import template_create, template_update

__all__ = ["template_create", "template_update"]
