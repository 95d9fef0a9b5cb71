"""OCDS 1.1 export: valid against the 1.1.5 schemas (offline), with the domain.md section 9 mapping."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import jsonschema
import pytest
from referencing import Registry, Resource

from procurement import demo, ocds, ocds_rows, services
from procurement.choices import Method
from procurement.models import Contract, Project
from tests.conftest import make_user
from tests.factories.procurement import ProjectFactory
from tests.procurement.conftest import PLAN_PAYLOAD

SCHEMAS = Path(__file__).resolve().parents[2] / "procurement" / "data" / "ocds-1.1.5"
BASE = "/api/v1/procurement"


@pytest.fixture(scope="module")
def validator():
    release = json.loads((SCHEMAS / "release-schema.json").read_text())
    package = json.loads((SCHEMAS / "release-package-schema.json").read_text())
    registry = Registry().with_resource(release["id"], Resource.from_contents(release))
    cls = jsonschema.validators.validator_for(package)
    return cls(package, registry=registry, format_checker=cls.FORMAT_CHECKER)


def assert_valid(validator, data):
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


def test_package_of_a_contracted_project_is_valid_and_rated(api, actors, awarded, validator):
    contract = services.contract_create(
        actor=actors.county_admin,
        project=awarded.project,
        number="OCDS-1",
        amount="1400000.00",
        signed_on=dt.date(2026, 3, 1),
        start_date=dt.date(2026, 3, 15),
        end_date=dt.date(2027, 3, 14),
        takeover_plan=PLAN_PAYLOAD,
    )
    services.contract_start(actor=actors.county_admin, contract=contract)
    response = api(actors.county_admin).get(f"{BASE}/projects/{awarded.project.pk}/ocds/")
    assert response.status_code == 200
    data = response.json()
    assert_valid(validator, data)
    release = data["releases"][0]
    assert release["tender"]["procurementMethod"] == "open"
    assert release["tender"]["awardCriteria"] == "ratedCriteria"
    assert release["tender"]["numberOfTenderers"] == 3
    assert release["awards"][0]["suppliers"][0]["name"] == awarded.bids[1].contractor.name
    assert release["contracts"][0]["status"] == "active"
    assert set(release["tag"]) == {"tender", "award", "contract", "implementation"}


def test_single_source_is_direct_with_rationale(api, actors, project_kwargs, validator):
    project = services.project_create(
        actor=actors.county_admin,
        **project_kwargs(method=Method.SINGLE_SOURCE, method_condition="only_supplier", budget="900000"),
    )
    data = api(actors.county_admin).get(f"{BASE}/projects/{project.pk}/ocds/").json()
    assert_valid(validator, data)
    tender = data["releases"][0]["tender"]
    assert tender["procurementMethod"] == "direct"
    assert "唯一供应商" in tender["procurementMethodRationale"]
    assert data["releases"][0]["tag"] == ["planning"]


@pytest.mark.parametrize(
    ("method", "public_call", "code"),
    [
        (Method.INVITED_TENDER, True, "limited"),
        (Method.NEGOTIATION, False, "limited"),
        (Method.NEGOTIATION, True, "open"),
        (Method.CONSULTATION, True, "open"),
    ],
)
def test_method_codes(api, actors, regions, method, public_call, code, validator):
    project = ProjectFactory(
        purchaser=regions.a1, method=method, public_call=public_call, method_condition="urgent"
    )
    data = api(actors.county_admin).get(f"{BASE}/projects/{project.pk}/ocds/").json()
    assert_valid(validator, data)
    assert data["releases"][0]["tender"]["procurementMethod"] == code
    assert data["releases"][0]["tender"]["procurementMethodDetails"] == str(method.label)


def test_release_package_covers_the_projects_in_scope_only(
    api, actors, regions, validator, django_assert_num_queries
):
    mine = [ProjectFactory(purchaser=regions.a1) for _ in range(8)]
    ProjectFactory(purchaser=regions.b1)
    client = api(actors.township_a1)
    # grants, one page of projects + purchaser + awarded bid, items, criteria, bids, contracts, events (no count)
    with django_assert_num_queries(7):
        response = client.get(f"{BASE}/ocds/releases/")
    data = response.json()
    assert_valid(validator, data)
    assert {r["ocid"].rsplit("-", 1)[1] for r in data["releases"]} == {str(p.pk) for p in mine}
    assert "links" not in data  # one page: no next


def test_release_package_pages_by_links_next_in_id_order(api, actors, regions, validator):
    mine = [ProjectFactory(purchaser=regions.a1) for _ in range(7)]
    client = api(actors.county_admin)
    url, pages, links = f"{BASE}/ocds/releases/?page_size=3", [], []
    while url:
        data = client.get(url).json()
        assert_valid(validator, data)
        pages.append([int(r["ocid"].rsplit("-", 1)[1]) for r in data["releases"]])
        links.append(sorted(data.get("links", {})))
        url = data.get("links", {}).get("next")
    assert [len(p) for p in pages] == [3, 3, 1]
    assert [pk for page in pages for pk in page] == sorted(p.pk for p in mine)
    assert links == [["next"], ["next", "prev"], ["prev"]]


def test_release_package_of_an_empty_scope_is_404(api, actors):
    assert api(actors.outsider).get(f"{BASE}/ocds/releases/").status_code == 404


def test_project_release_out_of_scope_is_404(api, actors, regions):
    project = ProjectFactory(purchaser=regions.a1)
    assert api(actors.outsider).get(f"{BASE}/projects/{project.pk}/ocds/").status_code == 404


def test_release_package_can_be_narrowed_by_year(api, actors, regions, validator):
    ProjectFactory(purchaser=regions.a1, year=2025)
    wanted = ProjectFactory(purchaser=regions.a1, year=2026)
    data = api(actors.county_admin).get(f"{BASE}/ocds/releases/?year=2026").json()
    assert_valid(validator, data)
    assert [r["ocid"] for r in data["releases"]] == [f"ocds-gdmz44-440106001-{wanted.pk}"]


def test_releases_built_from_rows_are_the_model_releases_key_for_key(regions, actors, api, validator):
    """The package's pages are built from `.values()` rows (procurement.ocds_rows); the model path (prefetched
    instances, procurement.ocds.releases_queryset) is the reference, on the demo's projects in every stage."""
    make_user("admin", is_superuser=True, is_staff=True)
    demo.seed(scale="county", out=io.StringIO())
    projects = Project.objects.order_by("id")
    assert projects.count() >= 7 and Contract.objects.exists()
    by_model = [ocds.release(p) for p in ocds.releases_queryset(projects)]
    by_rows = [
        ocds.release(p) for p in ocds_rows.release_projects(list(projects.values(*ocds_rows.PROJECT_COLUMNS)))
    ]
    assert json.dumps(by_rows, ensure_ascii=False) == json.dumps(by_model, ensure_ascii=False)
    assert {"award", "contract"} <= {tag for r in by_rows for tag in r["tag"]}
    body = api(actors.superuser).get(f"{BASE}/ocds/releases/?page_size=500").json()
    assert_valid(validator, body)
    assert body["releases"] == json.loads(json.dumps(by_model))
