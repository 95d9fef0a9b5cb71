"""The access contract every region-owned API resource passes (NetBox-style generic API tests).

Subclass `AccessContract` in a test module, set `list_url`, and implement `make(regions, region)` (create one record
in `region`), `detail_url(obj)` and, for writable resources, `create_payload(regions, region)`. The tests:
anonymous refused, outsider gets 404, list shows only what is in scope, writes outside scope refused,
an audit row for each write.
"""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry


class AccessContract:
    list_url: str = ""
    #: the model whose audit rows a create must leave (None: read-only resource)
    model = None
    #: key in list results that identifies a record, and how to get it from an object
    id_key: str = "id"

    def make(self, regions, region):  # pragma: no cover - must be overridden
        raise NotImplementedError

    def detail_url(self, obj) -> str:
        return f"{self.list_url}{getattr(obj, self.id_key)}/"

    def create_payload(self, regions, region) -> dict | None:
        return None

    def result_ids(self, response) -> set:
        data = response.json()
        items = data["results"] if isinstance(data, dict) and "results" in data else data
        return {str(item[self.id_key]) for item in items}

    # --- the contract ---

    def test_anonymous_is_refused(self, regions, api):
        self.make(regions, regions.a1)
        assert api().get(self.list_url).status_code in (401, 403)

    def test_outsider_gets_404_on_a_record_in_another_county(self, regions, actors, api):
        obj = self.make(regions, regions.a1)
        assert api(actors.outsider).get(self.detail_url(obj)).status_code == 404

    def test_list_shows_only_records_in_scope(self, regions, actors, api):
        mine = self.make(regions, regions.a1)
        sibling = self.make(regions, regions.a2)
        other = self.make(regions, regions.b1)
        ids = self.result_ids(api(actors.township_a1).get(self.list_url))
        assert str(getattr(mine, self.id_key)) in ids
        assert str(getattr(sibling, self.id_key)) not in ids
        assert str(getattr(other, self.id_key)) not in ids
        ids = self.result_ids(api(actors.county_admin).get(self.list_url))
        assert {str(getattr(mine, self.id_key)), str(getattr(sibling, self.id_key))} <= ids
        assert str(getattr(other, self.id_key)) not in ids
        ids = self.result_ids(api(actors.provincial_viewer).get(self.list_url))
        assert str(getattr(other, self.id_key)) in ids

    def test_write_outside_scope_is_refused(self, regions, actors, api):
        payload = self.create_payload(regions, regions.b1)
        if payload is None:
            pytest.skip("read-only resource")
        before = self.model.objects.count()
        response = api(actors.county_admin).post(self.list_url, payload, format="json")
        assert response.status_code in (400, 404), response.content
        assert self.model.objects.count() == before
        obj = self.make(regions, regions.b1)
        response = api(actors.county_admin).patch(self.detail_url(obj), {}, format="json")
        assert response.status_code in (404, 405)

    def test_write_in_scope_leaves_an_audit_row(self, regions, actors, api):
        payload = self.create_payload(regions, regions.a1)
        if payload is None:
            pytest.skip("read-only resource")
        response = api(actors.county_admin).post(self.list_url, payload, format="json")
        assert response.status_code == 201, response.content
        created = self.model.objects.order_by("-pk").first()
        assert LogEntry.objects.get_for_object(created).exists()
