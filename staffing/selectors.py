"""Reads for the dashboard and the compliance API, always scoped to the user's regions."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Max, Q, Sum
from django.db.models.functions import Substr
from django.http import Http404

from regions import access
from regions.choices import RegionLevel
from regions.models import Region
from regions.rules import LEVEL_CODE_LENGTH, level_for_code

from .choices import ComplianceStatus
from .models import ComplianceSnapshot

CHILD_LEVEL = {
    RegionLevel.PROVINCE: RegionLevel.CITY,
    RegionLevel.CITY: RegionLevel.COUNTY,
    RegionLevel.COUNTY: RegionLevel.TOWNSHIP,
    RegionLevel.TOWNSHIP: RegionLevel.VILLAGE,
}


def latest_period(user) -> str | None:
    """The latest period with snapshots the user can see."""
    return ComplianceSnapshot.objects.visible_to(user).aggregate(p=Max("period"))["p"]


def periods(user) -> list[str]:
    return list(
        ComplianceSnapshot.objects.visible_to(user)
        .filter(level=RegionLevel.COUNTY)
        .values_list("period", flat=True)
        .distinct()
        .order_by("-period")[:36]
    )


def default_focus(user) -> str:
    """The region a user's dashboard opens on: their widest grant (superuser: the province)."""
    prefixes = access.visible_prefixes(user)
    if access.sees_everything(user) or not prefixes:
        return "44"
    return min(prefixes, key=len)


@dataclass
class Figures:
    """Counts of one area: regions by status per level, total shortfall, villages without a coordinator."""

    code: str
    name: str = ""
    level: str = ""
    counties: int = 0
    counties_short: int = 0
    townships: int = 0
    townships_short: int = 0
    no_data: int = 0
    required: int = 0
    actual: int = 0
    shortfall: int = 0
    villages: int = 0
    villages_without: int = 0
    villages_flagged: int = 0
    own: ComplianceSnapshot | None = None
    extra: dict = field(default_factory=dict)

    @property
    def regions_short(self) -> int:
        return self.counties_short + self.townships_short

    @property
    def regions_compliant(self) -> int:
        return self.counties + self.townships - self.counties_short - self.townships_short - self.no_data


def _aggregate(period: str, prefix: str, group_len: int) -> dict[str, Figures]:
    """One query: snapshot counts under `prefix`, grouped by the first `group_len` code characters."""
    rows = (
        ComplianceSnapshot.objects.filter(period=period, region_code__startswith=prefix)
        .annotate(group=Substr("region_code", 1, group_len))
        .values("group", "level")
        .annotate(
            total=Count("pk"),
            short=Count("pk", filter=Q(status=ComplianceStatus.SHORT)),
            no_data=Count("pk", filter=Q(status=ComplianceStatus.NO_DATA)),
            flagged=Count("pk", filter=Q(status=ComplianceStatus.FLAGGED)),
            required=Sum("required_staff"),
            actual=Sum("actual_staff"),
            shortfall=Sum("shortfall"),
        )
        .order_by()
    )
    out: dict[str, Figures] = {}
    for r in rows:
        if len(r["group"]) != group_len:
            continue  # the area's own row (shorter code) belongs to the summary, not to a child
        f = out.setdefault(r["group"], Figures(code=r["group"]))
        if r["level"] == RegionLevel.VILLAGE:
            f.villages += r["total"]
            f.villages_without += r["short"]
            f.villages_flagged += r["flagged"]
            continue
        if r["level"] == RegionLevel.COUNTY:
            f.counties += r["total"]
            f.counties_short += r["short"]
        else:
            f.townships += r["total"]
            f.townships_short += r["short"]
        f.no_data += r["no_data"]
        f.required += r["required"] or 0
        f.actual += r["actual"] or 0
        f.shortfall += r["shortfall"] or 0
    return out


@dataclass
class Dashboard:
    period: str | None
    focus: Region
    summary: Figures
    children: list[Figures]
    child_level: str | None
    breadcrumbs: list[Region]
    computed_at: object = None


def dashboard(user, *, period: str | None, focus_code: str | None) -> Dashboard:
    """The dashboard of one area for one period: its figures, and one row per region directly below it.

    Queries: the focus region and its ancestors (1), the summary aggregate (1), the children aggregate (1), the
    children's own snapshot rows (1), their names (1). 404 when the area is out of scope.
    """
    focus_code = focus_code or default_focus(user)
    if level_for_code(focus_code) is None or level_for_code(focus_code) == RegionLevel.VILLAGE:
        raise Http404
    access.require_visible(user, focus_code)
    chain = {r.code: r for r in Region.objects.filter(code__in=[*_ancestors(focus_code), focus_code])}
    if focus_code not in chain:
        raise Http404
    focus = chain[focus_code]
    breadcrumbs = [chain[c] for c in _ancestors(focus_code) if c in chain and access.can_see_code(user, c)]
    child_level = CHILD_LEVEL.get(focus.level)
    if period is None:
        return Dashboard(None, focus, Figures(code=focus_code), [], child_level, breadcrumbs)
    summary = _aggregate(period, focus_code, len(focus_code)).get(focus_code, Figures(code=focus_code))
    summary.name, summary.level = focus.name, focus.level
    child_len = LEVEL_CODE_LENGTH[child_level]
    groups = _aggregate(period, focus_code, child_len)
    own = {
        s.region_code: s
        for s in ComplianceSnapshot.objects.filter(
            period=period, level=child_level, region_code__startswith=focus_code
        )
    }
    summary.own = ComplianceSnapshot.objects.filter(period=period, region_code=focus_code).first()
    names = dict(Region.objects.filter(parent=focus).values_list("code", "name"))
    children = []
    for code in sorted(set(names) | set(groups)):
        f = groups.get(code, Figures(code=code))
        f.name, f.level, f.own = names.get(code, code), child_level, own.get(code)
        children.append(f)
    computed = [s.computed_at for s in own.values()]
    if summary.own:
        computed.append(summary.own.computed_at)
    return Dashboard(
        period, focus, summary, children, child_level, breadcrumbs, max(computed) if computed else None
    )


def _ancestors(code: str) -> list[str]:
    from regions.rules import ancestor_codes

    return ancestor_codes(code)
