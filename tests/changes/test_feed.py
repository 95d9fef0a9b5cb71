"""The change feed: scope, deletions, a record moving out of a region, writes by conditional UPDATE, the cursor,
and the query count of a page."""

from __future__ import annotations

import pytest

from changes import services
from changes.models import Change, PendingChange
from oversight.models import Issue
from staffing.models import Worker
from tests.factories.staffing import WorkerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _reference_data_in_the_feed(db):
    """The reference data the migrations wrote is queued when the triggers are made: take it into the feed first."""
    services.changes_sequence_all()


def entries(api, user, since=0, **params):
    response = api(user).get("/api/v1/changes/", {"since": since, **params})
    assert response.status_code == 200, response.content
    return response.json()


def keyed(data):
    return [(e["resource"], e["id"], e["action"], e["region"]) for e in data["results"]]


class TestScope:
    def test_each_county_sees_only_its_own_records(self, regions, actors, api):
        a = WorkerFactory(region=regions.a1)
        b = WorkerFactory(region=regions.b1)
        services.changes_sequence_all()
        mine = keyed(entries(api, actors.county_admin, resource="staffing.worker"))
        theirs = keyed(entries(api, actors.outsider, resource="staffing.worker"))
        assert mine == [("staffing.worker", a.pk, "created", "440106001")]
        assert theirs == [("staffing.worker", b.pk, "created", "440303001")]

    def test_the_province_viewer_sees_both_and_a_user_without_grants_nothing(self, regions, actors, api):
        WorkerFactory(region=regions.a1)
        WorkerFactory(region=regions.b1)
        services.changes_sequence_all()
        assert len(entries(api, actors.provincial_viewer, resource="staffing.worker")["results"]) == 2
        assert entries(api, actors.no_grant)["results"] == []

    def test_anonymous_is_refused(self, api):
        assert api().get("/api/v1/changes/").status_code in (401, 403)


class TestActions:
    def test_a_change_and_a_deletion_follow_the_creation(self, regions, actors, api):
        worker = WorkerFactory(region=regions.a1)
        services.changes_sequence_all()
        Worker.objects.filter(pk=worker.pk).update(name="李四")  # an UPDATE that sends no signal
        services.changes_sequence_all()
        worker.postings.all().delete()
        worker.delete()
        services.changes_sequence_all()
        actions = [e[2] for e in keyed(entries(api, actors.county_admin, resource="staffing.worker"))]
        # the postings' deletion and the worker's fall in one batch: one entry, what the record is at its end
        assert actions == ["created", "updated", "deleted"]

    def test_a_deleted_record_keeps_its_url(self, regions, actors, api):
        worker = WorkerFactory(region=regions.a1)
        pk = worker.pk
        services.changes_sequence_all()
        worker.postings.all().delete()
        worker.delete()
        services.changes_sequence_all()
        last = entries(api, actors.county_admin, resource="staffing.worker")["results"][-1]
        assert last["action"] == "deleted"
        assert last["url"] == f"http://testserver/api/v1/staffing/workers/{pk}/"

    def test_a_record_moved_out_is_deleted_for_the_old_region_and_created_for_the_new(
        self, regions, actors, api
    ):
        worker = WorkerFactory(region=regions.a1)
        services.changes_sequence_all()
        cursor_a = services.head()
        Worker.objects.filter(pk=worker.pk).update(region=regions.b1)
        services.changes_sequence_all()
        moved = entries(api, actors.county_admin, since=cursor_a)["results"]
        assert [(e["action"], e["moved"], e["region"]) for e in moved] == [("deleted", True, "440106001")]
        arrived = entries(api, actors.outsider, resource="staffing.worker")["results"]
        assert [(e["action"], e["region"]) for e in arrived] == [("updated", "440303001")]

    def test_a_created_and_deleted_record_between_two_runs_never_appears(self, regions, actors, api):
        worker = WorkerFactory(region=regions.a1)
        worker.postings.all().delete()
        worker.delete()
        services.changes_sequence_all()
        assert entries(api, actors.county_admin, resource="staffing.worker")["results"] == []
        assert not PendingChange.objects.exists()

    def test_a_nested_row_changes_its_resource(self, regions, actors, api):
        from oversight import services as oversight_services

        issue = make_issue(regions, actors)
        services.changes_sequence_all()
        cursor = services.head()
        oversight_services.issue_follow_up(actor=actors.county_admin, issue=issue, note="已约谈", close=False)
        services.changes_sequence_all()
        after = keyed(entries(api, actors.county_admin, since=cursor))
        assert ("oversight.issue", issue.pk, "updated", "440106") in after


def make_issue(regions, actors) -> Issue:
    import datetime as dt

    from oversight import services as oversight_services

    meeting = oversight_services.meeting_create(
        actor=actors.county_admin,
        region=regions.county_a,
        held_on=dt.date(2026, 11, 2),
        title="第四季度联席会议",
        departments=["civil_affairs", "finance"],
    )
    return oversight_services.issue_raise(
        actor=actors.county_admin,
        meeting=meeting,
        area="staffing",
        region=regions.county_a,
        description="乡镇经办人员不足",
        owner_department="civil_affairs",
        deadline=dt.date(2026, 12, 31),
    )


class TestCursor:
    def test_cursors_increase_without_gaps_across_batches(self, regions, actors, api):
        for _ in range(3):
            WorkerFactory(region=regions.a1)
            services.changes_sequence_all()
        seqs = list(Change.objects.order_by("seq").values_list("seq", flat=True))
        assert seqs == list(range(1, len(seqs) + 1))

    def test_paging_with_next_cursor_reads_every_entry_once(self, regions, actors, api):
        made = [WorkerFactory(region=regions.a1).pk for _ in range(5)]
        services.changes_sequence_all()
        seen, cursor, more = [], 0, True
        while more:
            page = entries(api, actors.county_admin, since=cursor, limit=2, resource="staffing.worker")
            seen += [e["id"] for e in page["results"]]
            cursor, more = page["next_cursor"], page["has_more"]
        assert seen == made

    def test_an_empty_page_keeps_the_cursor(self, regions, actors, api):
        services.changes_sequence_all()  # the regions and grants the fixtures made
        head = services.head()
        assert entries(api, actors.county_admin, since=head) == {
            "results": [],
            "next_cursor": str(head),
            "has_more": False,
        }

    @pytest.mark.parametrize("since", ["abc", "-1", "1.5"])
    def test_a_bad_cursor_is_400(self, actors, api, since):
        response = api(actors.county_admin).get("/api/v1/changes/", {"since": since})
        assert response.status_code == 400
        assert "since" in response.json()["fields"]

    def test_a_limit_over_1000_is_400(self, actors, api):
        assert api(actors.county_admin).get("/api/v1/changes/", {"limit": 1001}).status_code == 400

    def test_a_reader_sequences_what_is_pending(self, regions, actors, api):
        """Without a broker the reader's queued sequencing runs at once, so the page includes the new write."""
        worker = WorkerFactory(region=regions.a1)
        assert PendingChange.objects.exists()
        ids = [e["id"] for e in entries(api, actors.county_admin, resource="staffing.worker")["results"]]
        assert ids == [worker.pk]

    def test_a_page_is_a_fixed_number_of_queries(self, regions, actors, api, django_assert_num_queries):
        for _ in range(20):
            WorkerFactory(region=regions.a1)
        services.changes_sequence_all()
        client = api(actors.county_admin)
        # the pruned-through cursor, the pending check, the grants, the page
        with django_assert_num_queries(4):
            assert len(client.get("/api/v1/changes/").json()["results"]) > 20
