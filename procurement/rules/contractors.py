"""Contractors (粤民发〔2018〕170号 一(三); GB 32100-2015): kind against the credit code, eligibility reviews,
debarment (一(七))."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext as _

from ..choices import (
    REQUIRED_CONDITIONS,
    ContractorKind,
)

K = ContractorKind
#: kinds a credit code's registering authority (first character) and organisation type (second) allow
CODE_KINDS: dict[str, dict[str, frozenset[str]]] = {
    "5": {  # civil affairs: 1 社会团体, 2 民办非企业单位, 3 基金会, 9 other
        "1": frozenset({K.SOCIAL_ORG}),
        "2": frozenset({K.SOCIAL_ORG}),
        "3": frozenset({K.SOCIAL_ORG}),
        "9": frozenset({K.SOCIAL_ORG}),
    },
    "1": {  # institutional staffing authority: 2 事业单位; 3 mass organisations exempt from registration
        "2": frozenset({K.PUBLIC_WELFARE_2, K.PUBLIC_BUSINESS}),
        "3": frozenset({K.SOCIAL_ORG_EXEMPT}),
    },
    "9": {  # market regulation: 1 企业, 2 个体工商户, 3 农民专业合作社
        "1": frozenset({K.ENTERPRISE}),
        "2": frozenset({K.ENTERPRISE}),
        "3": frozenset({K.ENTERPRISE}),
    },
}


def kind_error(credit_code: str, kind: str) -> str | None:
    """Why `kind` disagrees with the credit code's first characters (domain.md section 9), or None.

    Registering authorities other than 5, 1 and 9 (A, N, Y …) are accepted with the kind the user chose.
    """
    if kind not in ContractorKind.values:
        return _("未知的主体类型")
    authority, org_type = credit_code[:1], credit_code[1:2]
    if authority not in CODE_KINDS:
        return None
    allowed = CODE_KINDS[authority].get(org_type)
    if not allowed:
        return _("统一社会信用代码“{authority}{org_type}”开头的机构不属于可承接的社会力量").format(
            authority=authority, org_type=org_type
        )
    if kind not in allowed:
        names = "、".join(str(ContractorKind(k).label) for k in sorted(allowed))
        return _("主体类型与统一社会信用代码不一致：代码“{authority}{org_type}”开头应为{names}").format(
            authority=authority, org_type=org_type, names=names
        )
    return None


def review_errors(conditions: Mapping[str, tuple[bool, bool]], *, local_published: bool) -> dict[str, str]:
    """Missing pieces of an eligibility review: each of the five conditions of 一(三) (and the local conditions
    when the county published some) must be assessed, each with evidence. `conditions` = {condition: (met,
    has_evidence)}."""
    errors: dict[str, str] = {}
    needed = list(REQUIRED_CONDITIONS) + (["local"] if local_published else [])
    for condition in needed:
        if condition not in conditions:
            errors[condition] = _("须逐项审查该条件")
        elif not conditions[condition][1]:
            errors[condition] = _("须上传证明材料或填写证明说明")
    return errors


def review_passes(conditions: Mapping[str, tuple[bool, bool]], *, local_published: bool) -> bool:
    """A review passes only when every required condition is met (粤民发〔2018〕170号 一(三))."""
    needed = list(REQUIRED_CONDITIONS) + (["local"] if local_published else [])
    return all(conditions.get(c, (False, False))[0] for c in needed)


def is_debarred(periods: Iterable[tuple[dt.date, dt.date]], on: dt.date) -> bool:
    """Debarred on `on` when a period covers it, both ends included (粤民发〔2018〕170号 一(七))."""
    return any(start <= on <= end for start, end in periods)
