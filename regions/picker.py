"""Reads behind the region picker (issue 14: places by name, never by code): search by name or code, the children
of a region, and the chain of choices down to a chosen region — each a few queries, never one per row.

Two scopes:
- ``own`` (the default): what the user may see (`Region.objects.visible_to`), the scope of every form that acts in a
  region and of every list filter;
- ``all``: the whole province, for the fields whose region may lie outside the user's own — an applicant's
  household (异地申请, 粤民发〔2018〕170号 二(二)) and the region a case is transferred to. Division codes and names
  are published reference data (国家统计局 统计用区划代码); a signed-in user gets every level, a visitor of the
  public pages the levels a public list filters by (down to townships, never the demo villages).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from . import access
from .choices import RegionLevel
from .models import Region
from .rules import LEVEL_CODE_LENGTH, LEVEL_ORDER, ancestor_codes

#: the most search results sent back; the clerk types more to narrow
SEARCH_LIMIT = 20
SCOPES = ("own", "all")
PUBLIC_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


@dataclass(frozen=True)
class Pick:
    """What the picker asked for: whose scope, which levels may be chosen."""

    user: Any
    scope: str = "own"
    levels: tuple[str, ...] = ()

    def regions(self) -> QuerySet[Region]:
        if self.scope == "all":
            qs = Region.objects.all()
            if not getattr(self.user, "is_authenticated", False):
                qs = qs.filter(level__in=PUBLIC_LEVELS)
            return qs
        return Region.objects.visible_to(self.user)

    @property
    def deepest(self) -> str:
        """The deepest level the cascade offers: the lowest level the field accepts."""
        wanted = [level for level in LEVEL_ORDER if not self.levels or level in self.levels]
        return wanted[-1] if wanted else RegionLevel.VILLAGE


def parse_levels(value: str) -> tuple[str, ...]:
    """`township,village` → the known levels among them (unknown words are dropped)."""
    known = set(RegionLevel.values)
    return tuple(level for level in (value or "").split(",") if level in known)


def _row(region: Region, names: dict[str, str], pick: Pick) -> dict[str, Any]:
    path = [names[c] for c in ancestor_codes(region.code) if c in names and len(c) > 2]
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "level_label": str(RegionLevel(region.level).label),
        "path": " ".join(path),
        "selectable": not pick.levels or region.level in pick.levels,
        "leaf": region.level == pick.deepest,
    }


def _names_above(regions: list[Region]) -> dict[str, str]:
    """The names of every region above the given ones (one query)."""
    codes = {c for r in regions for c in ancestor_codes(r.code)}
    return dict(Region.objects.filter(code__in=codes).values_list("code", "name")) if codes else {}


def search(pick: Pick, text: str) -> list[dict[str, Any]]:
    """Regions in scope whose name contains `text` or whose code starts with it, at the levels the field accepts,
    higher levels first (two queries)."""
    text = text.strip()
    if not text:
        return []
    match = Q(code__startswith=text) if text.isdigit() else Q(name__contains=text)
    qs = pick.regions().filter(match)
    if pick.levels:
        qs = qs.filter(level__in=pick.levels)
    found = list(qs.order_by("code")[: SEARCH_LIMIT * 5])
    found.sort(key=lambda r: (len(r.code), r.code))
    found = found[:SEARCH_LIMIT]
    names = _names_above(found)
    return [_row(r, names, pick) for r in found]


def roots(pick: Pick) -> list[Region]:
    """The top of the cascade: the user's granted regions (the cities for the whole province)."""
    if pick.scope == "all" or access.sees_everything(pick.user):
        return list(Region.objects.filter(level=RegionLevel.CITY).order_by("code"))
    codes = access.visible_prefixes(pick.user)
    tops = list(Region.objects.filter(code__in=codes).order_by("code"))
    if len(tops) == 1 and tops[0].level == RegionLevel.PROVINCE:
        return list(Region.objects.filter(parent=tops[0]).order_by("code"))
    return tops


def _at_bottom(pick: Pick, code: str) -> bool:
    return len(code) >= LEVEL_CODE_LENGTH[pick.deepest]


def children(pick: Pick, code: str) -> list[dict[str, Any]]:
    """The regions directly below `code` in scope (the roots for an empty code); nothing below the deepest level."""
    if not code:
        found = roots(pick)
    elif _at_bottom(pick, code):
        found = []
    else:
        found = list(pick.regions().filter(parent__code=code).order_by("code"))
    names = _names_above(found)
    return [_row(r, names, pick) for r in found]


def chain(pick: Pick, code: str) -> dict[str, Any]:
    """The region `code` (if in scope) with, for each step of the cascade from the top down to it (and the step
    below it, unless it is at the deepest level), the choices offered and the one chosen: what the picker shows for a
    value already in the form (four queries)."""
    region = pick.regions().filter(code=code).first() if code.isdigit() else None
    top = roots(pick)
    names = _names_above([region, *top] if region else top)
    steps: list[dict[str, Any]] = [{"selected": "", "options": top}]
    if region is not None and top:
        names[region.code] = region.name
        path = [c for c in [*ancestor_codes(region.code), region.code] if len(c) >= len(top[0].code)]
        opened = path if not _at_bottom(pick, region.code) else path[:-1]
        below = (
            list(pick.regions().filter(parent__code__in=opened).select_related("parent").order_by("code"))
            if opened
            else []
        )
        for selected in path:
            steps[-1]["selected"] = selected
            options = [r for r in below if r.parent is not None and r.parent.code == selected]
            if options:
                steps.append({"selected": "", "options": options})
    for step in steps:
        step["options"] = [_row(r, names, pick) for r in step["options"]]
    return {"region": _row(region, names, pick) if region else None, "steps": steps}
