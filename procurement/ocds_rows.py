"""The OCDS releases of a page of projects built from `.values()` rows (issue 17).

`ocds.releases_queryset` prefetched a page as model instances: ≈ 1,700 of them for 100 projects (items, criteria,
bids, contracts, events), ≈ 60 % of a page's time in Django's model and prefetch machinery. Here each related
table is one `.values_list()` query for the page's projects, grouped by project in Python into light records
with the attributes `ocds.release()` reads, so the release is the same function's output, key for key (tested
against the model path on the demo's projects). Same queries as the prefetch: items, criteria, bids (the
awarded bid among them), contracts, events.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from types import SimpleNamespace
from typing import Any

from .models import Bid, Contract, Project, ProjectEvent, ScoringCriterion

#: the project columns a release reads (one query with the purchaser joined); the page is read with these
PROJECT_COLUMNS = (
    "id",
    "round",
    "status",
    "title",
    "description",
    "budget",
    "method",
    "public_call",
    "method_condition",
    "approval_reference",
    "platform_number",
    "platform_notice_url",
    "platform_result_url",
    "announced_on",
    "bid_deadline",
    "awarded_on",
    "awarded_bid_id",
    "created_at",
    "purchaser__code",
    "purchaser__name",
)


class _Related(list[Any]):
    """A related set already read, in the order the prefetch gave it: `.all()` is itself."""

    def all(self) -> _Related:
        return self


def _grouped(rows: Iterable[tuple[Any, ...]], make: Any) -> dict[int, _Related]:
    """{project id: [make(*rest) for its rows]}, in the rows' order."""
    out: dict[int, _Related] = defaultdict(_Related)
    for project_id, *rest in rows:
        out[project_id].append(make(*rest))
    return out


def _item(code: str, name: str, assistance: str) -> SimpleNamespace:
    return SimpleNamespace(code=code, name=name, assistance=assistance)


def _criterion(name: str, weight: Any, is_price: bool) -> SimpleNamespace:
    return SimpleNamespace(name=name, weight=weight, is_price=is_price)


def _bid(pk: int, round_: int, price: Any, credit_code: str, name: str) -> SimpleNamespace:
    return SimpleNamespace(
        pk=pk, round=round_, price=price, contractor=SimpleNamespace(credit_code=credit_code, name=name)
    )


def _contract(number: str, status: str, amount: Any, start: Any, end: Any, signed: Any) -> SimpleNamespace:
    return SimpleNamespace(
        number=number, status=status, amount=amount, start_date=start, end_date=end, signed_on=signed
    )


def _event(pk: int, at: Any) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, at=at)


def release_projects(rows: list[dict[str, Any]]) -> list[SimpleNamespace]:
    """The page's projects (rows of PROJECT_COLUMNS) with their related sets, as `ocds.release()` reads them."""
    ids = [row["id"] for row in rows]
    items = _grouped(
        Project.items.through.objects.filter(project_id__in=ids)
        .order_by("catalogueitem__code")  # CatalogueItem's ordering, as the prefetch of `items`
        .values_list("project_id", "catalogueitem__code", "catalogueitem__name", "catalogueitem__assistance"),
        _item,
    )
    criteria = _grouped(
        ScoringCriterion.objects.filter(project_id__in=ids)
        .order_by("project_id", "-is_price", "id")  # the model's ordering within a project
        .values_list("project_id", "name", "weight", "is_price"),
        _criterion,
    )
    bids = _grouped(
        Bid.objects.filter(project_id__in=ids)
        .order_by("id")
        .values_list("project_id", "id", "round", "price", "contractor__credit_code", "contractor__name"),
        _bid,
    )
    contracts = _grouped(
        Contract.objects.filter(project_id__in=ids)
        .order_by("id")
        .values_list("project_id", "number", "status", "amount", "start_date", "end_date", "signed_on"),
        _contract,
    )
    events = _grouped(
        ProjectEvent.objects.filter(project_id__in=ids).order_by("id").values_list("project_id", "id", "at"),
        _event,
    )
    by_pk = {b.pk: b for project_bids in bids.values() for b in project_bids}
    missing = {row["awarded_bid_id"] for row in rows} - set(by_pk) - {None}
    if missing:  # an awarded bid is one of its project's bids; read apart should one ever not be
        by_pk.update(
            (b[0], _bid(*b))
            for b in Bid.objects.filter(pk__in=missing).values_list(
                "id", "round", "price", "contractor__credit_code", "contractor__name"
            )
        )
    projects = []
    for row in rows:
        pk = row["id"]
        fields = {k: v for k, v in row.items() if k not in ("id", "awarded_bid_id") and "__" not in k}
        project_bids = bids.get(pk, _Related())
        winner = by_pk.get(row["awarded_bid_id"]) if row["awarded_bid_id"] is not None else None
        projects.append(
            SimpleNamespace(
                pk=pk,
                purchaser=SimpleNamespace(code=row["purchaser__code"], name=row["purchaser__name"]),
                awarded_bid=winner,
                items=items.get(pk, _Related()),
                criteria=criteria.get(pk, _Related()),
                bids=project_bids,
                contracts=contracts.get(pk, _Related()),
                events=events.get(pk, _Related()),
                **fields,
            )
        )
    return projects
