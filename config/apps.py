"""The domain apps, in dependency order; URLs, API routes and demo seeders are gathered from them."""

from __future__ import annotations

from importlib.util import find_spec

DOMAIN_APPS = ("regions", "staffing", "windows", "procurement", "evaluation", "training")


def has_module(name: str) -> bool:
    """True when the dotted module exists (an app gains its pages, API or demo data when it writes them)."""
    try:
        return find_spec(name) is not None
    except ModuleNotFoundError:
        return False
