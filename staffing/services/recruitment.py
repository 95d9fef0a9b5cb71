"""Recruitment of dispatched staff (粤民发〔2018〕170号 二(二)): open rounds, merit ranking with the policy's
priorities at equal score, and hiring in rank order, which creates the worker."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import cast

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import Conflict
from core.workflow import apply_transition, next_state
from regions import access
from regions.audit import set_actor
from regions.models import Region
from regions.personal import hash_lookup
from regions.rules import (
    birth_date_from_id,
    credit_code_error,
    id_number_error,
    normalise_credit_code,
    normalise_id_number,
)

from .. import rules
from ..choices import CandidateStatus, Employment, RoundStatus
from ..models import Candidate, RecruitmentPost, RecruitmentRound
from .workers import worker_create

CANDIDATE_FIELDS = (
    "name",
    "id_number",
    "phone",
    "education",
    "full_time",
    "computer_literate",
    "social_work_qualification",
    "veteran",
    "graduation_date",
    "score",
)


def _require(actor, region: Region) -> None:
    if actor is not None:
        access.require_role(actor, region.code)


@transaction.atomic
def round_create(
    *,
    actor,
    region: Region,
    title: str,
    round_date: dt.date,
    dispatching_org_name: str,
    dispatching_org_credit_code: str,
) -> RecruitmentRound:
    """A county opens a round; the dispatching organisation's credit code must be valid (GB 32100-2015)."""
    _require(actor, region)
    errors = {}
    if region.level != "county":
        errors["region"] = _("招聘由县（市、区）统一组织")
    if not (title or "").strip():
        errors["title"] = _("请填写名称")
    if not (dispatching_org_name or "").strip():
        errors["dispatching_org_name"] = _("请填写派遣机构名称")
    code = normalise_credit_code(dispatching_org_credit_code)
    problem = credit_code_error(code)
    if problem:
        errors["dispatching_org_credit_code"] = problem
    if errors:
        raise ValidationError(errors)
    with set_actor(actor):
        return RecruitmentRound.objects.create(
            region=region,
            title=title.strip(),
            round_date=round_date,
            dispatching_org_name=dispatching_org_name.strip(),
            dispatching_org_credit_code=code,
        )


@transaction.atomic
def round_post_add(
    *, actor, round: RecruitmentRound, region: Region, post: str, openings: int
) -> RecruitmentPost:
    """Openings of a post at a region inside the round's county."""
    _require(actor, round.region)
    errors = {}
    if not region.code.startswith(round.region.code):
        errors["region"] = _("岗位须在本县（市、区）内")
    else:
        problem = rules.post_level_error(post, region.level)
        if problem:
            errors["post"] = problem
    if not isinstance(openings, int) or openings < 1:
        errors["openings"] = _("招聘人数应为正整数")
    if round.status == RoundStatus.CLOSED:
        raise Conflict(_("招聘已结束"))
    if errors:
        raise ValidationError(errors)
    with set_actor(actor):
        return RecruitmentPost.objects.create(round=round, region=region, post=post, openings=openings)


@transaction.atomic
def candidate_add(*, actor, round: RecruitmentRound, today: dt.date | None = None, **fields) -> Candidate:
    """Register an applicant while the round is open; the ID number is validated and unique in the round."""
    today = today or timezone.localdate()
    _require(actor, round.region)
    if round.status != RoundStatus.OPEN:
        raise Conflict(_("报名已截止（已排名或已结束）"))
    unknown = set(fields) - set(CANDIDATE_FIELDS)
    if unknown:
        raise ValidationError({name: _("未知字段") for name in sorted(unknown)})
    errors = {}
    number = normalise_id_number(fields.get("id_number", ""))
    problem = id_number_error(number, today)
    if problem:
        errors["id_number"] = problem
    elif Candidate.objects.filter(
        round=round, id_number_hash=hash_lookup(number, normalise_id_number)
    ).exists():
        errors["id_number"] = _("该身份证号码已报名本批次")
    try:
        score = Decimal(str(fields.get("score", "")))
        if not (Decimal(0) <= score <= Decimal(100)):
            raise InvalidOperation
    except (InvalidOperation, ValueError):
        errors["score"] = _("成绩应为 0-100 的数字")
        score = Decimal(0)
    candidate = Candidate(
        round=round,
        **{**fields, "id_number": number, "score": score},
        birth_date=birth_date_from_id(number) if "id_number" not in errors else today,
    )
    try:
        candidate.full_clean(exclude=["id_number_hash", "phone_hash", "birth_date", *errors])
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            errors.setdefault(name, " ".join(messages))
    if errors:
        raise ValidationError(errors)
    with set_actor(actor):
        candidate.save()
    return candidate


@transaction.atomic
def round_rank(*, actor, round: RecruitmentRound) -> list[Candidate]:
    """Rank every candidate (二(二)): eligible (full-time 大专 or above, computer literate) by score; at equal score,
    social-work qualification, veterans and fresh graduates under 30 (on the round's date) first. Each rank
    keeps its reason. Closes applications; ranking again is allowed until the round is closed."""
    _require(actor, round.region)
    round = RecruitmentRound.objects.select_for_update().get(pk=round.pk)
    if round.status == RoundStatus.CLOSED:
        raise Conflict(_("招聘已结束"))
    candidates = list(round.candidates.all())
    applicants = []
    problems_of: dict[int, list[str]] = {}
    for c in candidates:
        problems = problems_of[c.pk] = list(
            rules.eligibility_problems(c.education, c.full_time, c.computer_literate)
        )
        # 原则上: a recorded reason admits a candidate who falls short of the in-principle requirements
        c.eligible = not problems or bool(c.exception_reason)
        applicants.append(
            rules.Applicant(
                key=c,
                score=float(c.score),
                social_work_qualification=c.social_work_qualification,
                veteran=c.veteran,
                fresh_graduate_under_30=rules.is_fresh_graduate_under_30(
                    c.birth_date, c.graduation_date, round.round_date
                ),
                eligible=c.eligible,
            )
        )
    for applicant, rank, reason in rules.rank_applicants(applicants):
        candidate = cast(Candidate, applicant.key)
        candidate.rank = rank or None
        problems = problems_of[candidate.pk]
        if candidate.eligible and problems:
            reason += f"；破格（{'；'.join(problems)}），理由：{candidate.exception_reason}"
        candidate.rank_reason = (reason if candidate.eligible else "不符合条件：" + "；".join(problems))[:300]
    with set_actor(actor):
        Candidate.objects.bulk_update(candidates, ["eligible", "rank", "rank_reason"])
        if round.status == RoundStatus.OPEN:
            round.status = RoundStatus.RANKED
            round.save(update_fields=["status"])
    return sorted(candidates, key=lambda c: (c.rank is None, c.rank or 0, -c.score))


@transaction.atomic
def candidate_admit_exception(*, actor, candidate: Candidate, reason: str) -> Candidate:
    """Admit a candidate who lacks the full-time college degree (or another in-principle requirement) to the
    ranking, with the reason recorded (粤民发〔2018〕170号 二(二) "原则上具有全日制大专以上学历"). The reason is shown
    with the rank; a ranked round is ranked again at once."""
    _require(actor, candidate.round.region)
    locked = Candidate.objects.select_for_update().select_related("round").get(pk=candidate.pk)
    if locked.round.status == RoundStatus.CLOSED or locked.status != CandidateStatus.APPLIED:
        raise Conflict(_("招聘已结束或该人员已录用、放弃，不能破格"))
    text = (reason or "").strip()
    if not text:
        raise ValidationError({"reason": _("请填写破格参加排名的理由")})
    if not rules.eligibility_problems(locked.education, locked.full_time, locked.computer_literate):
        raise ValidationError({"reason": _("该人员符合条件，无需破格")})
    with set_actor(actor):
        locked.exception_reason = text[:300]
        locked.save(update_fields=["exception_reason"])
    if locked.round.status == RoundStatus.RANKED:
        round_rank(actor=actor, round=locked.round)
    locked.refresh_from_db()
    return locked


CANDIDATE_TRANSITIONS = {
    (CandidateStatus.APPLIED, "hire"): CandidateStatus.HIRED,
    (CandidateStatus.APPLIED, "decline"): CandidateStatus.DECLINED,
}


@transaction.atomic
def candidate_decline(*, actor, candidate: Candidate, reason: str = "") -> Candidate:
    """A candidate gives up (or is not taken up): the next in rank may then be hired."""
    _require(actor, candidate.round.region)
    new = next_state(CANDIDATE_TRANSITIONS, candidate.status, "decline", labels=CandidateStatus)
    with set_actor(actor):
        apply_transition(
            Candidate.objects, candidate, new, rank_reason=(candidate.rank_reason + f"；放弃：{reason}")[:300]
        )
    return candidate


@transaction.atomic
def candidate_hire(*, actor, candidate: Candidate, post: RecruitmentPost, start_date: dt.date | None = None):
    """Hire a ranked, eligible candidate into a post with openings left, in rank order (择优录取): nobody ranked
    better may still be waiting. Creates the worker (dispatched by the round's organisation) and its posting."""
    round = candidate.round
    _require(actor, round.region)
    if round.status != RoundStatus.RANKED:
        raise Conflict(_("请先排名，且招聘未结束"))
    if post.round_id != round.pk:
        raise ValidationError({"post": _("岗位不属于本批次")})
    post = RecruitmentPost.objects.select_for_update().get(pk=post.pk)
    if post.hires.count() >= post.openings:
        raise Conflict(_("该岗位已招满"))
    if not candidate.eligible or candidate.rank is None:
        raise ValidationError({"candidate": _("该人员不符合条件")})
    better = round.candidates.filter(status=CandidateStatus.APPLIED, eligible=True, rank__lt=candidate.rank)
    if better.exists():
        names = "、".join(better.order_by("rank").values_list("name", flat=True)[:3])
        raise Conflict(_("须按名次录用：{names} 名次更前且尚未录用或放弃").format(names=names))
    new = next_state(CANDIDATE_TRANSITIONS, candidate.status, "hire", labels=CandidateStatus)
    worker = worker_create(
        actor=actor,
        region=post.region,
        name=candidate.name,
        id_number=candidate.id_number,
        phone=candidate.phone,
        post=post.post,
        employment=Employment.DISPATCHED,
        dispatching_org_name=round.dispatching_org_name,
        dispatching_org_credit_code=round.dispatching_org_credit_code,
        education=candidate.education,
        full_time=candidate.full_time,
        social_work_qualification=candidate.social_work_qualification,
        veteran=candidate.veteran,
        birth_date=candidate.birth_date,
        graduation_date=candidate.graduation_date,
        computer_literate=candidate.computer_literate,
        start_date=start_date or timezone.localdate(),
    )
    with set_actor(actor):
        apply_transition(Candidate.objects, candidate, new, worker=worker, hired_post=post)
    return worker


@transaction.atomic
def round_close(*, actor, round: RecruitmentRound) -> RecruitmentRound:
    _require(actor, round.region)
    with set_actor(actor):
        apply_transition(RecruitmentRound.objects, round, RoundStatus.CLOSED)
    return round
