"""Reads of the public 办事指南 per matter (粤民发〔2018〕170号 二(一) 公示救助政策): the province's guide, the steps with
their time limits from the time-limit table (a county's own rows over the province's), the windows of a chosen
township with hours and phone, and the county's local note. Nothing here is personal; no login needed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404
from django.utils.translation import gettext_lazy

from regions.choices import RegionLevel
from regions.models import Region

from .choices import CaseCategory, DeadlineStep
from .models import DeadlineRule, GuideNote, MatterGuide, ServiceWindow

#: the public steps of the guide and the time-limit row that bounds each (申请 → 受理 → 审核/分办 → 办结)
GUIDE_STEPS = (
    (
        gettext_lazy("受理"),
        gettext_lazy("登记后在时限内决定是否受理；材料不全的，一次性告知需补齐的全部材料"),
        DeadlineStep.ACCEPT,
    ),
    (
        gettext_lazy("审核/分办"),
        gettext_lazy("受理后分办承办单位审核，并将结果反馈申请人"),
        DeadlineStep.FEEDBACK,
    ),
    (gettext_lazy("办结"), gettext_lazy("反馈后办结"), DeadlineStep.CLOSE),
    (gettext_lazy("全程"), gettext_lazy("从登记到办结的总时限，不因分办、转办重新起算"), DeadlineStep.CASE),
)


@dataclass(frozen=True)
class GuideStep:
    name: str
    what: str
    working_days: int | None
    source: str


@dataclass(frozen=True)
class GuidePage:
    guide: MatterGuide
    county: Region | None
    township: Region | None
    steps: list[GuideStep]
    windows: list[ServiceWindow] = field(default_factory=list)
    note: GuideNote | None = None


def guides() -> list[MatterGuide]:
    return list(MatterGuide.objects.order_by("category"))


def guide_for(category: str) -> MatterGuide:
    if category not in CaseCategory.values:
        raise Http404
    guide = MatterGuide.objects.filter(category=category).first()
    if guide is None:
        raise Http404
    return guide


def _place(code: str) -> tuple[Region | None, Region | None]:
    """The county and township a code names (a township's county is its parent; anything else names nothing)."""
    if not code.isdigit():  # region codes are digits; anything else (a NUL byte included) names nothing
        return None, None
    region = Region.objects.filter(code=code).select_related("parent").first()
    if region is None:
        return None, None
    if region.level == RegionLevel.TOWNSHIP:
        return region.parent, region
    if region.level == RegionLevel.COUNTY:
        return region, None
    return None, None


def guide_page(category: str, region_code: str = "") -> GuidePage:
    """The guide of one matter as seen from a county or township (`region_code`, optional): the county's time limits
    over the province's, the active windows of the township (or of the county's townships), the county's note."""
    guide = guide_for(category)
    county, township = _place(region_code)
    rows = DeadlineRule.objects.filter(
        category=category, region_code__in=["", county.code if county else ""]
    ).order_by("region_code")
    limits = {r.step: r for r in rows}  # the county's row, read last, wins
    steps = []
    for name, what, step in GUIDE_STEPS:
        row = limits.get(step)
        steps.append(
            GuideStep(str(name), str(what), row.working_days if row else None, row.source if row else "")
        )
    windows: list[ServiceWindow] = []
    note = None
    if county is not None:
        place = township.code if township else county.code
        windows = list(
            ServiceWindow.objects.filter(active=True, region__code__startswith=place)
            .select_related("region")
            .order_by("region__code", "name")[:50]
        )
        note = GuideNote.objects.filter(region=county, category=category).first()
    return GuidePage(guide=guide, county=county, township=township, steps=steps, windows=windows, note=note)


def counties() -> list[Region]:
    return list(Region.objects.filter(level=RegionLevel.COUNTY).order_by("code"))


def townships_of(county: Region | None) -> list[Region]:
    if county is None:
        return []
    return list(Region.objects.filter(parent=county, level=RegionLevel.TOWNSHIP).order_by("code"))
