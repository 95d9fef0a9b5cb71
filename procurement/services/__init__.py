"""Every write of the procurement app: `<entity>_<verb>(*, actor, ...)`, atomic, validated first, audited.

Split by responsibility; import from here (`from procurement.services import sanction_open`).
"""

from __future__ import annotations

from .common import thresholds_for
from .sanctions import sanction_open

__all__ = ["sanction_open", "thresholds_for"]
