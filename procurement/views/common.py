"""What the procurement pages share."""

from __future__ import annotations

from regions import access
from regions.choices import ACTING_ROLES


def acts_somewhere(user) -> bool:
    """Whether the user may act (write) in at least one region: the create/add forms are offered then."""
    return user.is_superuser or any(g.role in ACTING_ROLES for g in access.grants(user))
