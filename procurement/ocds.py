"""OCDS 1.1 releases of procurement projects (domain.md section 9 mapping), for provincial and public exchange.

Only organisation data: purchasers, contractors (by credit code), amounts, periods. Never recipients.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import models
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from .choices import Assistance, ContractStatus, Method, MethodCondition, ProjectStatus
from .models import Bid, Contract, Project, ProjectEvent

#: a Project with its related sets, or an `ocds_rows` record with the same attributes (the release package's pages)
Releasable = Any

OCDS_VERSION = "1.1"
#: an OCID prefix (register one with the OCDS helpdesk for production; settable in settings)
OCID_PREFIX = getattr(settings, "PROCUREMENT_OCID_PREFIX", "ocds-gdmz44")
PUBLISHER = {"name": "广东省民政厅（社会救助服务政府购买信息）"}
SHANGHAI = ZoneInfo("Asia/Shanghai")

# domain.md section 9: open tender → open; invited → limited; negotiation / consultation → limited (open where
# the call is public); single source → direct with the rationale.
#: the relatedProcess scheme naming the provincial government-procurement cloud platform's project numbers
PLATFORM_SCHEME = "CN-GD-GPO"

METHOD_CODES: dict[str, str] = {
    Method.OPEN_TENDER: "open",
    Method.INVITED_TENDER: "limited",
    Method.NEGOTIATION: "limited",
    Method.CONSULTATION: "limited",
    Method.SINGLE_SOURCE: "direct",
    Method.BELOW_LIMIT: "limited",
}

TENDER_STATUS: dict[str, str] = {
    ProjectStatus.SELECTED: "planned",
    ProjectStatus.PUBLISHED: "active",
    ProjectStatus.PURCHASING: "active",
    ProjectStatus.FAILED: "unsuccessful",
    ProjectStatus.TERMINATED: "cancelled",
}

CONTRACT_STATUS: dict[str, str] = {
    ContractStatus.SIGNED: "pending",
    ContractStatus.ACTIVE: "active",
    ContractStatus.SUSPENDED: "active",
    ContractStatus.COMPLETED: "terminated",
    ContractStatus.TERMINATED: "terminated",
}


def _label(choices: type[models.TextChoices], value: str) -> str:
    """A choice's label in the current language. `get_FOO_display()` hashes every lazy label of the field's choices
    on each call: at 100 releases a page that was most of the package's time."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _datetime(value: dt.date | dt.datetime | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time(), tzinfo=SHANGHAI)
    return timezone.localtime(value, SHANGHAI).isoformat()


def _money(amount) -> dict:
    return {"amount": float(amount), "currency": "CNY"}


def ocid(project: Releasable) -> str:
    return f"{OCID_PREFIX}-{project.purchaser.code}-{project.pk}"


def _buyer(project: Releasable) -> dict:
    region = project.purchaser
    return {"id": f"CN-DIV-{region.code}", "name": f"{region.name}人民政府（民政部门）"}


def _org(contractor) -> dict:
    return {"id": f"CN-USCC-{contractor.credit_code}", "name": contractor.name}


def releases_queryset(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Everything a release needs, as model instances, in a fixed number of queries (one project's release; the
    package's pages are built from rows by `ocds_rows`, which is tested against this)."""
    return projects.select_related("purchaser", "awarded_bid__contractor").prefetch_related(  # type: ignore[type-var]  # stubs cannot type Prefetch objects
        "items",
        "criteria",
        Prefetch("bids", Bid.objects.select_related("contractor").order_by("id")),
        Prefetch("contracts", Contract.objects.select_related("contractor").order_by("id")),
        Prefetch("events", ProjectEvent.objects.order_by("id")),
    )


def _tenderer(contractor) -> dict:
    org = _org(contractor)
    return {
        **org,
        "identifier": {"scheme": "CN-USCC", "id": contractor.credit_code, "legalName": contractor.name},
        "roles": [],
    }


def _tender(project: Releasable, identifier: str, buyer: dict, bids: list) -> dict:
    """The tender section: items, budget, method with its rationale, the scoring scheme, the tenderers."""
    criteria = "；".join(
        f"{c.name}{c.weight}分" + ("（价格分）" if c.is_price else "") for c in project.criteria.all()
    )
    tender = {
        "id": f"{identifier}-tender-{project.round}",
        "title": project.title,
        "description": project.description or project.title,
        "status": TENDER_STATUS.get(project.status, "complete"),
        "procuringEntity": buyer,
        "items": [
            {"id": item.code, "description": f"{item.name}（{_label(Assistance, item.assistance)}）"}
            for item in project.items.all()
        ],
        "value": _money(project.budget),
        "procurementMethod": (
            "open"
            if project.public_call and project.method in (Method.NEGOTIATION, Method.CONSULTATION)
            else METHOD_CODES[project.method]
        ),
        "procurementMethodDetails": str(Method(project.method).label),
        "mainProcurementCategory": "services",
        "awardCriteria": "ratedCriteria",
        "awardCriteriaDetails": f"综合评分法：{criteria}；价格分=价格分值×最低有效报价÷本报价",
        "numberOfTenderers": len(bids),
        "tenderers": [_org(b.contractor) for b in bids],
    }
    if project.method != Method.OPEN_TENDER and project.method_condition:
        tender["procurementMethodRationale"] = _label(MethodCondition, project.method_condition) + (
            f"（批准文号：{project.approval_reference}）" if project.approval_reference else ""
        )
    documents = [
        {"id": f"{identifier}-{kind}", "documentType": kind, "title": title, "url": url, "language": "zh"}
        for kind, title, url in (
            ("tenderNotice", "采购公告（广东省政府采购云平台）", project.platform_notice_url),
            ("awardNotice", "结果公告（广东省政府采购云平台）", project.platform_result_url),
        )
        if url
    ]
    if documents:
        tender["documents"] = documents
    if project.announced_on:
        tender["tenderPeriod"] = {
            "startDate": _datetime(project.announced_on),
            "endDate": _datetime(project.bid_deadline),
        }
    return tender


def _contract(contract: Releasable, award_id: str, title: str) -> dict:
    return {
        "id": contract.number,
        "awardID": award_id,
        "title": title,
        "status": CONTRACT_STATUS[contract.status],
        "value": _money(contract.amount),
        "period": {"startDate": _datetime(contract.start_date), "endDate": _datetime(contract.end_date)},
        "dateSigned": _datetime(contract.signed_on),
    }


def _add_award(
    project: Releasable, winner: Releasable, identifier: str, data: dict, parties: dict[str, dict]
) -> None:
    """The award to the winner and the contracts signed on it, with the tags they bring."""
    org = _org(winner.contractor)
    parties.setdefault(org["id"], {**org, "roles": []})["roles"].append("supplier")
    award_id = f"{identifier}-award-{winner.pk}"
    data["awards"] = [
        {
            "id": award_id,
            "status": "active",
            "date": _datetime(project.awarded_on),
            "value": _money(winner.price),
            "suppliers": [org],
        }
    ]
    tags = data["tag"]
    tags.append("award")
    contracts = list(project.contracts.all())
    if contracts:
        data["contracts"] = [_contract(contract, award_id, project.title) for contract in contracts]
        tags.append("contract")
        if any(c.status == ContractStatus.TERMINATED for c in contracts):
            tags.append("contractTermination")
        elif any(c.status != ContractStatus.SIGNED for c in contracts):
            tags.append("implementation")


def release(project: Releasable) -> dict:
    """One OCDS release describing the project as it stands (a compiled view of its current state)."""
    events = list(project.events.all())
    last = events[-1] if events else None
    identifier = ocid(project)
    bids = [b for b in project.bids.all() if b.round == project.round]
    buyer = _buyer(project)
    parties: dict[str, dict] = {buyer["id"]: {**buyer, "roles": ["buyer", "procuringEntity"]}}
    for bid in bids:
        org = parties.setdefault(_org(bid.contractor)["id"], _tenderer(bid.contractor))
        org["roles"].append("tenderer")
    data: dict[str, Any] = {
        "ocid": identifier,
        "id": f"{identifier}-{last.pk if last else 0}",
        "date": _datetime(last.at if last else project.created_at),
        "tag": ["tender"] if project.status != ProjectStatus.SELECTED else ["planning"],
        "initiationType": "tender",
        "language": "zh",
        "buyer": buyer,
        "tender": _tender(project, identifier, buyer, bids),
    }
    if project.platform_number:
        # the same process on the provincial platform, by its number there (an open-codelist scheme, domain.md 12)
        data["relatedProcesses"] = [
            {
                "id": "gdgpo",
                "relationship": ["sameProcess"],  # an open codelist: our own code, documented in domain.md 12
                "title": "广东省政府采购云平台项目",
                "scheme": PLATFORM_SCHEME,
                "identifier": project.platform_number,
                **({"uri": project.platform_notice_url} if project.platform_notice_url else {}),
            }
        ]
    winner = project.awarded_bid
    if project.status not in TENDER_STATUS and winner is not None:
        _add_award(project, winner, identifier, data, parties)
    data["parties"] = [{**p, "roles": sorted(set(p["roles"]))} for p in parties.values()]
    return data


def package(projects: Iterable[Releasable], *, uri: str) -> dict:
    """A release package of the projects' releases."""
    releases = [release(p) for p in projects]
    published = max((r["date"] for r in releases), default=_datetime(timezone.now()))
    return {
        "uri": uri,
        "version": OCDS_VERSION,
        "publishedDate": published,
        "publisher": PUBLISHER,
        "releases": releases,
    }
