"""Reads that are more than a filter."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import chinese_calendar
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from regions.rules import ancestor_codes

from .choices import BidStatus, ContractStatus, ProjectStatus
from .models import (
    BidScore,
    CatalogueItem,
    Contractor,
    ContractorResult,
    EligibilityReview,
    Project,
    Sanction,
)
from .rules import compute_results, enough_bids, minimum_valid_bids, response_period_error


def debarments_on(on: dt.date) -> QuerySet[Sanction]:
    """Debarments in force on `on`, in the whole province (粤民发〔2018〕170号 一(七)): not scoped on purpose,
    a debarment decided anywhere binds everywhere."""
    return Sanction.objects.filter(debar_from__lte=on, debar_to__gte=on)


def debarred_contractor_ids(ids, on: dt.date) -> set[int]:
    return set(debarments_on(on).filter(contractor_id__in=list(ids)).values_list("contractor_id", flat=True))


#: the most contractors the picker sends back; the clerk types more to narrow
PICK_LIMIT = 20


def contractor_search(text: str, on: dt.date) -> list[dict[str, str]]:
    """Registered contractors whose name contains `text` or whose credit code starts with it, with their region and
    a debarment in force said (two queries): the rows of the contractor picker."""
    text = text.strip()
    if not text:
        return []
    found = list(
        Contractor.objects.filter(Q(name__icontains=text) | Q(credit_code__startswith=text.upper()))
        .select_related("region")
        .order_by("name", "id")[:PICK_LIMIT]
    )
    debarred = debarred_contractor_ids([c.pk for c in found], on)
    return [
        {
            "code": c.credit_code,
            "name": c.name,
            "detail": "、".join(
                [c.region.name, str(c.get_kind_display()), *([_("禁入期内")] if c.pk in debarred else [])]
            ),
        }
        for c in found
    ]


def debarment_list(on: dt.date) -> QuerySet[Sanction]:
    """The public debarment list: in force or still to come, organisations only."""
    return (
        Sanction.objects.filter(debar_to__gte=on)
        .filter(~Q(debar_from=None))
        .select_related("contractor", "region")
        .order_by("debar_to", "contractor__name")
    )


def eligible_work_kinds(contractor_id: int, purchaser_code: str, on: dt.date) -> set[str]:
    """The service categories the contractor may bid for with this purchaser on `on` (粤民发〔2018〕170号 一(三)).

    Reviews count when made by the purchaser's region or one above it, on or before `on`, and still valid;
    per category the latest review decides (a later failed review withdraws an earlier pass).
    """
    codes = [*ancestor_codes(purchaser_code), purchaser_code]
    reviews = (
        EligibilityReview.objects.filter(
            contractor_id=contractor_id, region__code__in=codes, reviewed_on__lte=on
        )
        .filter(Q(valid_until=None) | Q(valid_until__gte=on))
        .order_by("work_kind", "-reviewed_on", "-id")
        .values_list("work_kind", "result")
    )
    latest: dict[str, str] = {}
    for work_kind, result in reviews:
        latest.setdefault(work_kind, result)
    return {kind for kind, result in latest.items() if result == "passed"}


def project_work_kinds(project) -> set[str]:
    return set(project.items.values_list("work_kind", flat=True))


def catalogue_visible_to(user):
    """Province-wide catalogue items and the local items of regions the user sees."""
    local = CatalogueItem.objects.visible_to(user).values("pk")
    return CatalogueItem.objects.filter(Q(region=None) | Q(pk__in=local)).order_by("code")


def ranking(project: Project, *, on: dt.date | None = None):
    """The valid bids of the current round with totals, breakdown and rank (see rules.compute_results).

    Bids of contractors debarred on `on` (default today) are left out: their bids are invalid while it lasts.
    Returns (results, bids by id, criteria).
    """
    on = on or timezone.localdate()
    bids = list(
        project.bids.filter(round=project.round, status=BidStatus.VALID)
        .select_related("contractor")
        .order_by("id")
    )
    debarred = debarred_contractor_ids([b.contractor_id for b in bids], on)
    bids = [b for b in bids if b.contractor_id not in debarred]
    criteria = list(project.criteria.all())
    scores: dict[tuple[int, int], list[Decimal]] = {}
    for bid_id, criterion_id, score in BidScore.objects.filter(bid__in=bids).values_list(
        "bid_id", "criterion_id", "score"
    ):
        scores.setdefault((bid_id, criterion_id), []).append(score)
    results = compute_results(
        [(b.pk, b.price) for b in bids], [(c.pk, c.weight, c.is_price) for c in criteria], scores
    )
    return results, {b.pk: b for b in bids}, criteria


def project_blockers(project: Project) -> list[str]:
    """What is missing before the project can take its next step (shown on the project page)."""
    status = project.status
    missing: list[str] = []
    if status == ProjectStatus.SELECTED:
        if not project.standards.exists():
            missing.append(_("尚未设定服务标准"))
    elif status == ProjectStatus.PURCHASING:
        results, bids, criteria = ranking(project)
        needed = minimum_valid_bids(project.method)
        if not enough_bids(project.method, len(results)):
            missing.append(
                _(
                    "{method}须有至少{needed}家有效响应，现有{count}家"
                    "（不足时可宣布采购失败后重新招标或变更采购方式）"
                ).format(method=project.get_method_display(), needed=needed, count=len(results))
            )
        non_price = [c.pk for c in criteria if not c.is_price]
        scored = set(BidScore.objects.filter(bid_id__in=list(bids)).values_list("bid_id", "criterion_id"))
        unscored = [
            bids[r.bid_id].contractor.name
            for r in results
            if any((r.bid_id, c) not in scored for c in non_price)
        ]
        if unscored:
            missing.append(_("尚未完成评分：{names}").format(names="、".join(unscored)))
        if results and results[0].tied:
            missing.append(_("最高得分并列且非价格得分相同，须由评审委员会确定"))
    elif status == ProjectStatus.AWARDED:
        missing.append(_("尚未签订合同"))
    elif status == ProjectStatus.CONTRACTED:
        for contract in project.contracts.all():
            if not hasattr(contract, "takeover_plan"):
                missing.append(
                    _("合同{number}尚未制定临时接管预案，不能开始履行").format(number=contract.number)
                )
            elif contract.status == ContractStatus.SIGNED:
                missing.append(_("合同{number}尚未开始履行").format(number=contract.number))
    elif status in (ProjectStatus.SUPERVISION, ProjectStatus.TAKEN_OVER):
        for contract in project.contracts.all():
            if contract.status in (ContractStatus.ACTIVE, ContractStatus.SUSPENDED):
                missing.append(_("合同{number}尚未验收").format(number=contract.number))
        missing.append(_("绩效评价尚未完成"))
    elif status == ProjectStatus.EVALUATED:
        for contract in project.contracts.all():
            if contract.status not in (ContractStatus.COMPLETED, ContractStatus.TERMINATED):
                missing.append(_("合同{number}尚未验收或终止，不能结项").format(number=contract.number))
    return missing


TRACK_RECORD_LIMIT = 5


def track_record(contractor_ids) -> dict[int, list[dict]]:
    """The recent published evaluation results of each contractor (newest first, at most five each), shown where
    bids are scored (粤民发〔2018〕170号 一(六): results are a reference when choosing contractors in later years).

    {contractor_id: [{"date", "project", "score", "grade", "failed", "url"}]}; contractors without results are
    absent. One query.
    """
    rows = (
        ContractorResult.objects.filter(contractor_id__in={int(i) for i in contractor_ids})
        .select_related("contract__project")
        .order_by("-published_on", "-evaluation_ref")
    )
    out: dict[int, list[dict]] = {}
    for result in rows:
        entries = out.setdefault(result.contractor_id, [])
        if len(entries) >= TRACK_RECORD_LIMIT:
            continue
        entries.append(
            {
                "date": result.published_on,
                "project": f"{result.contract.project.title}（{result.period}）",
                "score": result.score,
                "grade": result.grade,
                "failed": result.failed,
                "url": result.url,
            }
        )
    return out


def holiday_calendar(start: dt.date, end: dt.date) -> dict[dt.date, bool]:
    """The State Council holiday schedule between two dates (holidays False, weekend make-up workdays True).

    Procurement sits below windows, whose holiday table it may not read (docs/architecture.md layers), so it takes
    the schedule from the maintained chinese-calendar package, the same source windows' table is seeded from. A year
    the package does not know yet counts Monday–Friday only (domain.md 12 on provisional years).
    """
    calendar: dict[dt.date, bool] = {}
    day = start
    while day <= end:
        if day in chinese_calendar.holidays:
            calendar[day] = False
        elif day in chinese_calendar.workdays:
            calendar[day] = True
        day += dt.timedelta(days=1)
    return calendar


def response_period_message(method: str, issued_on: dt.date, deadline: dt.date) -> str | None:
    """The clause a response deadline breaks for `method` (None when it is long enough); for the form and services."""
    return response_period_error(method, issued_on, deadline, holiday_calendar(issued_on, deadline))
