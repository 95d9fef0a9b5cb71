"""The purchase stage (组织购买, 粤民发〔2018〕170号 一(四)): bids, the evaluators' scores and the award to the highest
total, never simply the lowest price."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.uploads import document_problem
from core.workflow import next_state
from regions.audit import set_actor

from ..choices import BidStatus, ProjectStatus, WorkKind
from ..models import Bid, BidScore, Contractor, Project
from ..rules import PROJECT_TRANSITIONS, enough_bids, minimum_valid_bids, score_error
from ..selectors import debarred_contractor_ids, eligible_work_kinds, project_work_kinds, ranking
from .common import check, decimal_or_error, fail, project_step, require_acting, today


def _contractor_problem(project: Project, contractor: Contractor, on: dt.date) -> str | None:
    """Why the contractor may not bid on `on`: debarred anywhere in the province (一(七)), or without a passed
    eligibility review for every category of the project (一(三))."""
    if debarred_contractor_ids([contractor.pk], on):
        return _("{name}处于禁止参与政府购买社会救助服务期内，响应无效").format(name=contractor.name)
    missing = project_work_kinds(project) - eligible_work_kinds(contractor.pk, project.purchaser.code, on)
    if missing:
        names = "、".join(str(WorkKind(k).label) for k in sorted(missing))
        return _("{name}未通过本地区“{names}”承接资格审查").format(name=contractor.name, names=names)
    return None


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
            _("项目当前阶段为“{get_status_display}”，不能登记响应").format(
                get_status_display=project.get_status_display()
            ),
            code="illegal_transition",
        )
    submitted_on = submitted_on or today()
    errors: dict[str, str] = {}
    amount = decimal_or_error(price, "price", errors)
    if amount is not None and amount <= 0:
        errors["price"] = _("报价须大于0")
    elif amount is not None and amount > project.budget:
        errors["price"] = _("报价超过项目预算（{budget} 元）").format(budget=project.budget)
    if submitted_on > today():
        errors["submitted_on"] = _("响应日期不能在将来")
    elif project.bid_deadline and submitted_on > project.bid_deadline:
        errors["submitted_on"] = _("已过响应截止日期（{bid_deadline:%Y-%m-%d}），逾期响应不予登记").format(
            bid_deadline=project.bid_deadline
        )
    if problem := _contractor_problem(project, contractor, submitted_on):
        errors["contractor"] = problem
    if Bid.objects.filter(project=project, round=project.round, contractor=contractor).exists():
        errors["contractor"] = _("该承接主体本轮已提交响应")
    if document and (problem := document_problem(document)):
        errors["document"] = problem
    fail(errors)
    bid = Bid(  # type: ignore[misc]  # fail(errors) above refused a missing price
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
        raise Conflict(_("只能在组织购买阶段处理本轮响应"))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("须写明无效原因")})
    with set_actor(actor):
        updated = Bid.objects.filter(pk=bid.pk, status=BidStatus.VALID).update(
            status=BidStatus.INVALID, invalid_reason=reason.strip()
        )
    if not updated:
        raise Conflict(_("该响应已是无效状态"))
    bid.refresh_from_db()
    return bid


@transaction.atomic
def bid_score(*, actor, bid: Bid, scores: dict[int, object]) -> list[BidScore]:
    """An evaluator's scores of one bid, per non-price criterion (0 … its weight); scoring again replaces them."""
    project = bid.project
    require_acting(actor, project.purchaser.code)
    if project.status != ProjectStatus.PURCHASING:
        raise Conflict(_("只能在组织购买阶段评分"), code="illegal_transition")
    if bid.status != BidStatus.VALID or bid.round != project.round:
        raise ValidationError({"bid": _("只能对本轮有效响应评分")})
    criteria = {c.pk: c for c in project.criteria.filter(is_price=False)}
    errors: dict[str, str] = {}
    parsed: dict[int, Decimal] = {}
    for key, value in scores.items():
        try:
            criterion = criteria[int(key)]
        except (KeyError, ValueError, TypeError):
            errors[str(key)] = _("不是本项目的非价格评分项（价格分按公式计算）")
            continue
        score = decimal_or_error(value, str(key), errors)
        if score is not None:
            problem = score_error(score, criterion.weight)
            if problem:
                errors[str(key)] = f"{criterion.name}：{problem}"
            parsed[criterion.pk] = score
    if not scores:
        errors["scores"] = _("须至少给出一项得分")
    fail(errors)
    saved = []
    with set_actor(actor):
        for criterion_id, score in parsed.items():
            row, _created = BidScore.objects.update_or_create(
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
            _("{get_method_display}须有至少{needed}家有效响应，现有{value}家，请宣布采购失败").format(
                get_method_display=project.get_method_display(),
                needed=needed,
                value=len(results),
            ),
            code="too_few_bids",
        )
    non_price = [c.pk for c in criteria if not c.is_price]
    scored = set(BidScore.objects.filter(bid_id__in=list(bids)).values_list("bid_id", "criterion_id"))
    unscored = [
        bids[r.bid_id].contractor.name for r in results if any((r.bid_id, c) not in scored for c in non_price)
    ]
    if unscored:
        raise ValidationError(
            {"scores": _("以下响应尚未完成评分：{value}").format(value="、".join(unscored))}
        )
    top = results[0]
    if top.tied:
        raise Conflict(
            _("最高得分且非价格得分相同的响应并列，须由评审委员会依法确定"),
            code="tie",
        )
    winner = bids[top.bid_id]
    summary = (
        f"成交：{winner.contractor.name}，总分{top.total}（价格分{top.price_score}，其他{top.non_price}）"
    )
    with set_actor(actor):
        return project_step(
            actor,
            project,
            "award",
            note=(note + "\n" + summary).strip(),
            awarded_bid=winner,
            awarded_on=today(),
        )
