"""Demo data: every stage through the real services; running it twice adds nothing; the pages render it."""

from __future__ import annotations

import io

from procurement import demo
from procurement.choices import ProjectStatus
from procurement.models import Contract, Contractor, Project, Sanction
from tests.conftest import make_user


def test_seed_fills_every_stage_idempotently_and_pages_render(regions, actors, web):
    make_user("admin", is_superuser=True, is_staff=True)
    demo.seed(scale="county", out=io.StringIO())
    statuses = set(Project.objects.values_list("status", flat=True))
    assert {
        ProjectStatus.CLOSED,
        ProjectStatus.SUPERVISION,
        ProjectStatus.TAKEN_OVER,
        ProjectStatus.PURCHASING,
        ProjectStatus.PUBLISHED,
        ProjectStatus.SELECTED,
    } <= statuses
    counts = (
        Contractor.objects.count(),
        Project.objects.count(),
        Contract.objects.count(),
        Sanction.objects.count(),
    )
    demo.seed(scale="county", out=io.StringIO())
    assert (
        Contractor.objects.count(),
        Project.objects.count(),
        Contract.objects.count(),
        Sanction.objects.count(),
    ) == counts
    client = web(actors.county_admin)
    for project in Project.objects.all():
        assert client.get(f"/procurement/projects/{project.pk}/").status_code == 200
        assert client.get(f"/procurement/projects/{project.pk}/bids/").status_code == 200
    for contract in Contract.objects.all():
        assert client.get(f"/procurement/contracts/{contract.pk}/").status_code == 200
    for contractor in Contractor.objects.all():
        assert client.get(f"/procurement/contractors/{contractor.pk}/").status_code == 200
    assert client.get("/procurement/public/").status_code == 200
