"""Projects through the five stages of 粤民发〔2018〕170号 一(四): selection, publication, purchase (bids, scores,
award or failure), and the exits. One service per step; each moves the state with a conditional update and
leaves an event row."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.db.models import Sum

from core.exceptions import Conflict
from core.workflow import apply_transition, next_state
from regions.audit import set_actor
from regions.choices import RegionLevel
from regions.models import Region
from regions.rules import ancestor_codes

from ..choices import BidStatus, ContractStatus, Method, ProjectStatus, StandardDimension
from ..models import (
    Bid,
    BidScore,
    CatalogueItem,
    Contract,
    Contractor,
    Project,
    ScoringCriterion,
    ServiceStandard,
)
from ..rules import (
    PROJECT_TRANSITIONS,
    CriterionSpec,
    enough_bids,
    method_errors,
    minimum_valid_bids,
    scheme_errors,
    score_error,
)
from ..selectors import debarred_contractor_ids, eligible_work_kinds, project_work_kinds, ranking
from .common import check, fail, record_event, require_acting, thresholds_for, today

PURCHASER_LEVELS = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY, RegionLevel.TOWNSHIP)


def _decimal(value, field: str, errors: dict) -> Decimal | None:
    try:
        return Decimal(str(value))
    except (InvalidOperation, TypeError, ValueError):
        errors[field] = "须为数字 / must be a number"
        return None


def _step(actor, project: Project, action: str, *, note: str = "", **changes) -> Project:
    """Move the project by `action` (409 when the table does not allow it or someone moved it first)."""
    old = project.status
    new = next_state(PROJECT_TRANSITIONS, old, action, labels=ProjectStatus)
    apply_transition(Project.objects, project, new, **changes)
    record_event(project, action=action, from_status=old, actor=actor, note=note)
    return project


def _previous_additions(original: Contract | None, exclude_pk: int | None = None) -> Decimal:
    if original is None:
        return Decimal(0)
    rows = Project.objects.filter(original_contract=original).exclude(pk=exclude_pk)
    rows = rows.exclude(status__in=(ProjectStatus.FAILED, ProjectStatus.TERMINATED))
    return rows.aggregate(total=Sum("budget"))["total"] or Decimal(0)


def _method_errors(project: Project) -> dict[str, str]:
    original = project.original_contract
    return method_errors(
        method=project.method,
        condition=project.method_condition,
        approval_reference=project.approval_reference,
        budget=project.budget,
        in_central_catalogue=project.in_central_catalogue,
        thresholds=thresholds_for(project.purchaser.code, project.year),
        original_amount=original.amount if original else None,
        previous_additions=_previous_additions(original, exclude_pk=project.pk),
    )


@transaction.atomic
def project_create(
    *,
    actor,
    purchaser: Region,
    year: int,
    title: str,
    items: list[CatalogueItem],
    budget,
    funding_source: str,
    method: str,
    standards: list[dict],
    criteria: list[dict],
    in_central_catalogue: bool = False,
    method_condition: str = "",
    approval_reference: str = "",
    original_contract: Contract | None = None,
    public_call: bool = True,
    description: str = "",
) -> Project:
    """Select a project (项目选定): purchaser, catalogue items, budget and funding, method, standards and scoring.

    Refused, with nothing saved, when: the purchaser is a village; an item is government-only (一(二)); the method
    breaks domain.md section 9; the scoring scheme's weights do not sum to 100 or the price weight is out of range;
    a standard lacks a target or a dimension (quantity, quality, timeliness) is missing.
    """
    errors: dict[str, str] = {}
    if purchaser.level not in PURCHASER_LEVELS:
        errors["purchaser"] = (
            "购买主体须为县级以上人民政府或乡镇政府（街道办事处） / the purchaser is a county-or-higher government "
            "or a township"
        )
    require_acting(actor, purchaser.code)
    amount = _decimal(budget, "budget", errors)
    if amount is not None and amount <= 0:
        errors["budget"] = "预算金额须大于0 / the budget must be positive"
    if not items:
        errors["items"] = "须选择至少一个购买内容 / choose at least one catalogue item"
    forbidden = [item.name for item in items if item.government_only]
    if forbidden:
        # 粤民发〔2018〕170号 一(二): administrative affairs the government must do itself are not purchased
        errors["items"] = (
            f"以下事项应当由政府直接承担，不得向社会力量购买：{'、'.join(forbidden)} / government-only items "
            "cannot be purchased"
        )
    codes = {*ancestor_codes(purchaser.code), purchaser.code}
    foreign = [i.name for i in items if i.region_id and i.region.code not in codes]
    if foreign:
        errors["items"] = (
            f"不属于本地区目录的事项：{'、'.join(foreign)} / items of another region's catalogue"
        )
    inactive = [i.name for i in items if not i.active]
    if inactive:
        errors["items"] = f"已停用的目录事项：{'、'.join(inactive)} / inactive items"
    if original_contract is not None and original_contract.project.purchaser_id != purchaser.pk:
        errors["original_contract"] = (
            "原合同须为本购买主体的合同 / the original contract is another purchaser's"
        )
    thresholds = thresholds_for(purchaser.code, year)
    if amount is not None and amount > 0:
        errors.update(
            method_errors(
                method=method,
                condition=method_condition,
                approval_reference=approval_reference,
                budget=amount,
                in_central_catalogue=in_central_catalogue,
                thresholds=thresholds,
                original_amount=original_contract.amount if original_contract else None,
                previous_additions=_previous_additions(original_contract),
            )
        )
    standard_rows = []
    for entry in standards:
        row = ServiceStandard(
            dimension=entry.get("dimension", ""),
            indicator=(entry.get("indicator") or "").strip(),
            target=(entry.get("target") or "").strip(),
        )
        if not row.indicator or not row.target:
            errors["standards"] = (
                "每项服务标准须有指标和目标值 / every standard needs an indicator and a target"
            )
        standard_rows.append(row)
    missing = set(StandardDimension.values) - {row.dimension for row in standard_rows}
    if missing and "standards" not in errors:
        names = "、".join(str(StandardDimension(d).label) for d in sorted(missing))
        errors["standards"] = (
            f"服务标准须覆盖数量、质量、时效，缺少：{names} / standards must cover quantity, quality, timeliness"
        )
    specs = []
    for entry in criteria:
        weight = _decimal(entry.get("weight"), "criteria", errors)
        if weight is not None:
            specs.append(
                CriterionSpec((entry.get("name") or "").strip(), weight, bool(entry.get("is_price")))
            )
    if "criteria" not in errors:
        problems = scheme_errors(specs, thresholds)
        if problems:
            errors["criteria"] = "；".join(problems)
    fail(errors)
    project = Project(
        purchaser=purchaser,
        year=year,
        title=(title or "").strip(),
        budget=amount,
        funding_source=funding_source,
        in_central_catalogue=in_central_catalogue,
        method=method,
        method_condition=method_condition,
        approval_reference=(approval_reference or "").strip(),
        original_contract=original_contract,
        public_call=public_call,
        description=description,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    check(project)
    for row in standard_rows:
        check(row, exclude=["project"])
    with set_actor(actor):
        project.save()
        project.items.set(items)
        for row in standard_rows:
            row.project = project
            row.save()
        for spec in specs:
            ScoringCriterion.objects.create(
                project=project, name=spec.name, weight=spec.weight, is_price=spec.is_price
            )
        record_event(project, action="create", from_status="", actor=actor, note=description[:200])
    return project


@transaction.atomic
def project_publish(
    *,
    actor,
    project: Project,
    announced_on: dt.date | None = None,
    bid_deadline: dt.date | None = None,
    note: str = "",
) -> Project:
    """Publish the announcement (信息发布, 一(七): 按规定公开购买服务的相关信息); the project appears on the public pages."""
    require_acting(actor, project.purchaser.code)
    announced_on = announced_on or today()
    if bid_deadline and bid_deadline < announced_on:
        fail({"bid_deadline": "响应截止日期不能早于公告日期 / the deadline is before the announcement"})
    with set_actor(actor):
        return _step(
            actor, project, "publish", note=note, announced_on=announced_on, bid_deadline=bid_deadline
        )


@transaction.atomic
def project_open(*, actor, project: Project, note: str = "") -> Project:
    """Start the purchase (组织购买): bids can now be registered and scored."""
    require_acting(actor, project.purchaser.code)
    with set_actor(actor):
        return _step(actor, project, "open", note=note)


@transaction.atomic
def bid_submit(
    *,
    actor,
    project: Project,
    contractor: Contractor,
    price,
    submitted_on: dt.date | None = None,
    document=None,
) -> Bid:
    """Register a contractor's bid. Refused, with nothing saved, when it came after the deadline, when the
    contractor is debarred on the bid date
    anywhere in the province (一(七)), has no passed eligibility review for every category of the project (一(三)),
    has bid already in this round, or the price is not positive or above the budget."""
    require_acting(actor, project.purchaser.code)
    project = Project.objects.select_for_update().get(pk=project.pk)
    if project.status != ProjectStatus.PURCHASING:
        raise Conflict(
            f"项目当前阶段为“{project.get_status_display()}”，不能登记响应 / bids are taken only while purchasing",
            code="illegal_transition",
        )
    submitted_on = submitted_on or today()
    errors: dict[str, str] = {}
    amount = _decimal(price, "price", errors)
    if amount is not None and amount <= 0:
        errors["price"] = "报价须大于0 / the price must be positive"
    elif amount is not None and amount > project.budget:
        errors["price"] = f"报价超过项目预算（{project.budget} 元） / the price exceeds the budget"
    if submitted_on > today():
        errors["submitted_on"] = "响应日期不能在将来 / the bid date is in the future"
    elif project.bid_deadline and submitted_on > project.bid_deadline:
        errors["submitted_on"] = (
            f"已过响应截止日期（{project.bid_deadline:%Y-%m-%d}），逾期响应不予登记 / the bid came after the deadline"
        )
    if debarred_contractor_ids([contractor.pk], submitted_on):
        errors["contractor"] = (
            f"{contractor.name}处于禁止参与政府购买社会救助服务期内，响应无效 / the contractor is debarred"
        )
    else:
        missing = project_work_kinds(project) - eligible_work_kinds(
            contractor.pk, project.purchaser.code, submitted_on
        )
        if missing:
            from ..choices import WorkKind

            names = "、".join(str(WorkKind(k).label) for k in sorted(missing))
            errors["contractor"] = (
                f"{contractor.name}未通过本地区“{names}”承接资格审查 / the contractor has no passed eligibility "
                "review for this category"
            )
    if Bid.objects.filter(project=project, round=project.round, contractor=contractor).exists():
        errors["contractor"] = "该承接主体本轮已提交响应 / this contractor has already bid in this round"
    fail(errors)
    bid = Bid(
        project=project, round=project.round, contractor=contractor, price=amount, submitted_on=submitted_on
    )
    if document is not None:
        bid.document = document
    check(bid)
    with set_actor(actor):
        bid.save()
    return bid


@transaction.atomic
def bid_invalidate(*, actor, bid: Bid, reason: str) -> Bid:
    """Declare a bid invalid (e.g. documents not conforming), with the reason; it leaves the ranking."""
    require_acting(actor, bid.project.purchaser.code)
    if bid.project.status != ProjectStatus.PURCHASING or bid.round != bid.project.round:
        raise Conflict("只能在组织购买阶段处理本轮响应 / only bids of the current round while purchasing")
    if not (reason or "").strip():
        fail({"reason": "须写明无效原因 / state the reason"})
    with set_actor(actor):
        updated = Bid.objects.filter(pk=bid.pk, status=BidStatus.VALID).update(
            status=BidStatus.INVALID, invalid_reason=reason.strip()
        )
    if not updated:
        raise Conflict("该响应已是无效状态 / the bid is already invalid")
    bid.refresh_from_db()
    return bid


@transaction.atomic
def bid_score(*, actor, bid: Bid, scores: dict[int, object]) -> list[BidScore]:
    """An evaluator's scores of one bid, per non-price criterion (0 … its weight); scoring again replaces them."""
    project = bid.project
    require_acting(actor, project.purchaser.code)
    if project.status != ProjectStatus.PURCHASING:
        raise Conflict(
            "只能在组织购买阶段评分 / scores are given only while purchasing", code="illegal_transition"
        )
    if bid.status != BidStatus.VALID or bid.round != project.round:
        fail({"bid": "只能对本轮有效响应评分 / only valid bids of the current round are scored"})
    criteria = {c.pk: c for c in project.criteria.filter(is_price=False)}
    errors: dict[str, str] = {}
    parsed: dict[int, Decimal] = {}
    for key, value in scores.items():
        try:
            criterion = criteria[int(key)]
        except (KeyError, ValueError, TypeError):
            errors[str(key)] = (
                "不是本项目的非价格评分项（价格分按公式计算） / not a non-price criterion of this project"
            )
            continue
        score = _decimal(value, str(key), errors)
        if score is not None:
            problem = score_error(score, criterion.weight)
            if problem:
                errors[str(key)] = f"{criterion.name}：{problem}"
            parsed[criterion.pk] = score
    if not scores:
        errors["scores"] = "须至少给出一项得分 / give at least one score"
    fail(errors)
    saved = []
    with set_actor(actor):
        for criterion_id, score in parsed.items():
            row, _ = BidScore.objects.update_or_create(
                bid=bid, criterion_id=criterion_id, evaluator=actor, defaults={"score": score}
            )
            saved.append(row)
    return saved


@transaction.atomic
def project_award(*, actor, project: Project, note: str = "") -> Project:
    """Award to the highest total (ties to the higher non-price score), never simply the lowest price (一(四)).

    Needs the method's minimum of valid bids (else declare the purchase failed), every valid bid scored on every
    non-price criterion, and no exact tie at the top.
    """
    require_acting(actor, project.purchaser.code)
    # lock the row so bids and a second award wait; work on the caller's instance so it sees the result
    locked = Project.objects.select_for_update().get(pk=project.pk)
    project.status, project.round = locked.status, locked.round
    next_state(PROJECT_TRANSITIONS, project.status, "award", labels=ProjectStatus)
    results, bids, criteria = ranking(project)
    needed = minimum_valid_bids(project.method)
    if not enough_bids(project.method, len(results)):
        raise Conflict(
            f"{project.get_method_display()}须有至少{needed}家有效响应，现有{len(results)}家，请宣布采购失败 / "
            f"{project.method} needs {needed} valid bids, there are {len(results)}: declare the purchase failed",
            code="too_few_bids",
        )
    non_price = [c.pk for c in criteria if not c.is_price]
    scored = set(BidScore.objects.filter(bid_id__in=list(bids)).values_list("bid_id", "criterion_id"))
    unscored = [
        bids[r.bid_id].contractor.name for r in results if any((r.bid_id, c) not in scored for c in non_price)
    ]
    if unscored:
        fail({"scores": f"以下响应尚未完成评分：{'、'.join(unscored)} / these bids are not fully scored"})
    top = results[0]
    if top.tied:
        raise Conflict(
            "最高得分且非价格得分相同的响应并列，须由评审委员会依法确定 / the top bids are tied on total and "
            "non-price score",
            code="tie",
        )
    winner = bids[top.bid_id]
    summary = (
        f"成交：{winner.contractor.name}，总分{top.total}（价格分{top.price_score}，其他{top.non_price}）"
    )
    with set_actor(actor):
        return _step(
            actor,
            project,
            "award",
            note=(note + "\n" + summary).strip(),
            awarded_bid=winner,
            awarded_on=today(),
        )


@transaction.atomic
def project_fail(*, actor, project: Project, reason: str) -> Project:
    """The purchase failed (too few or no qualified bids, …): record why; then re-tender or switch method."""
    require_acting(actor, project.purchaser.code)
    if not (reason or "").strip():
        fail({"reason": "须写明采购失败的原因 / state why the purchase failed"})
    with set_actor(actor):
        return _step(actor, project, "fail", note=reason.strip(), failure_reason=reason.strip())


@transaction.atomic
def project_retender(*, actor, project: Project, note: str = "") -> Project:
    """Publish again for a new round of bids (重新招标)."""
    require_acting(actor, project.purchaser.code)
    with set_actor(actor):
        return _step(
            actor,
            project,
            "retender",
            note=note,
            round=project.round + 1,
            announced_on=today(),
            awarded_bid=None,
        )


@transaction.atomic
def project_switch_method(
    *, actor, project: Project, method: str, method_condition: str, reason: str, approval_reference: str = ""
) -> Project:
    """After a failed purchase, switch method (e.g. to competitive negotiation because the tender failed, 第三十条)
    with the recorded reason; the method rules apply to the new method."""
    require_acting(actor, project.purchaser.code)
    if not (reason or "").strip():
        fail({"reason": "须写明变更采购方式的理由 / state the reason"})
    if method == project.method:
        fail({"method": "新采购方式与原方式相同，请选择重新招标 / same method: re-tender instead"})
    candidate = Project(
        pk=project.pk,
        purchaser=project.purchaser,
        year=project.year,
        budget=project.budget,
        in_central_catalogue=project.in_central_catalogue,
        method=method,
        method_condition=method_condition,
        approval_reference=(approval_reference or "").strip(),
        original_contract=project.original_contract,
    )
    fail(_method_errors(candidate))
    old_method = project.get_method_display()
    with set_actor(actor):
        return _step(
            actor,
            project,
            "switch_method",
            note=f"{old_method} → {Method(method).label}：{reason.strip()}",
            method=method,
            method_condition=method_condition,
            approval_reference=candidate.approval_reference,
            failure_reason=reason.strip(),
            round=project.round + 1,
            announced_on=today(),
        )


@transaction.atomic
def project_terminate(*, actor, project: Project, reason: str) -> Project:
    """End the project early with the reason (the contract, if any, is ended separately by a sanction)."""
    require_acting(actor, project.purchaser.code)
    if not (reason or "").strip():
        fail({"reason": "须写明终止原因 / state the reason"})
    with set_actor(actor):
        return _step(actor, project, "terminate", note=reason.strip())


@transaction.atomic
def project_mark_evaluated(*, actor, project: Project, note: str = "") -> Project:
    """The performance evaluation (一(六)) is done: called by the evaluation app when it publishes a result."""
    require_acting(actor, project.purchaser.code)
    with set_actor(actor):
        return _step(actor, project, "evaluate", note=note)


@transaction.atomic
def project_close(*, actor, project: Project, note: str = "") -> Project:
    """Close a project whose contracts have all ended (accepted, terminated)."""
    require_acting(actor, project.purchaser.code)
    running = project.contracts.exclude(status__in=(ContractStatus.COMPLETED, ContractStatus.TERMINATED))
    if project.status == ProjectStatus.EVALUATED and running.exists():
        raise Conflict(
            "尚有合同未验收或终止，不能结项 / a contract has not ended yet", code="contract_running"
        )
    with set_actor(actor):
        return _step(actor, project, "close", note=note)
