"""A provincial client replays the change feed from the start, reading each record at its URL, and ends with the
same records as the lists (issue 16, done when); then it follows the changes made after and is still in step."""

from __future__ import annotations

import pytest
from django.urls import reverse

from changes import registry, services
from staffing.models import Worker
from tests.oversight.scenario import seed_all
from windows.models import Case

pytestmark = pytest.mark.django_db


class Client:
    """What a provincial system keeps: every record it was told of, as the record's own API answered."""

    def __init__(self, http):
        self.http = http
        self.cursor = "0"
        self.records: dict[tuple[str, int], dict] = {}

    def sync(self) -> None:
        more = True
        while more:
            page = self.http.get("/api/v1/changes/", {"since": self.cursor, "limit": 50}).json()
            for entry in page["results"]:
                key = (entry["resource"], entry["id"])
                if entry["action"] == "deleted":
                    self.records.pop(key, None)
                    continue
                response = self.http.get(entry["url"])
                assert response.status_code == 200, (entry["resource"], entry["url"], response.content[:200])
                self.records[key] = response.json()
            self.cursor, more = page["next_cursor"], page["has_more"]

    def ids(self, resource: str) -> set:
        return {pk for name, pk in self.records if name == resource}

    def keys(self, resource: registry.Resource) -> set:
        """The records' lookup values (id, a case's number, a region's code), as the list shows them."""
        field = "id" if resource.lookup_field == "pk" else resource.lookup_field
        return {r[field] for (name, _), r in self.records.items() if name == resource.name}


def read_all(http, url: str) -> list[dict]:
    """Every row of a list: paginated (following `next`) or a plain list (the reference tables)."""
    rows: list[dict] = []
    while url:
        response = http.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        data = response.json()
        if isinstance(data, list):
            return data
        rows += data["results"]
        url = data.get("next")
    return rows


def lists(http) -> dict[str, set]:
    """Every resource's list, read to the end: the ids each list holds."""
    found = {}
    for name, resource in registry.resources().items():
        url = reverse(resource.url_name.removesuffix("-detail") + "-list")
        rows = read_all(http, f"{url}?page_size=500")
        field = "id" if resource.lookup_field == "pk" else resource.lookup_field
        found[name] = {row[field] for row in rows}
    return found


def assert_in_step(client, http):
    for name, ids in lists(http).items():
        assert client.keys(registry.resources()[name]) == ids, name
    for (name, pk), record in client.records.items():
        resource = registry.resources()[name]
        lookup = pk if resource.lookup_field == "pk" else record[resource.lookup_field]
        assert http.get(reverse(resource.url_name, args=[lookup])).json() == record, (name, pk)


def test_a_city_service_account_replays_the_feed_and_holds_what_the_lists_hold(regions, actors, api):
    seed_all(regions, actors)
    services.changes_sequence_all()
    http = api(actors.service_account)
    client = Client(http)
    client.sync()
    assert client.ids("windows.case") and client.ids("staffing.worker")
    assert_in_step(client, http)

    # then the county works on: a change by conditional UPDATE, a deletion, a record leaving the city
    case = Case.objects.filter(region_code__startswith="4401").order_by("pk").first()
    Case.objects.filter(pk=case.pk).update(department="区民政局")
    moved = Worker.objects.filter(region__code__startswith="4401").order_by("pk").first()
    Worker.objects.filter(pk=moved.pk).update(region=regions.b1)
    services.changes_sequence_all()
    client.sync()
    assert ("staffing.worker", moved.pk) not in client.records
    assert client.records[("windows.case", case.pk)]["department"] == "区民政局"
    assert_in_step(client, http)
