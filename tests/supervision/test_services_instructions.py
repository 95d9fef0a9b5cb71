"""Supervision by upper levels (粤民发〔2018〕170号 一(七)): issue, answer, send back, close; scope; overdue notices."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from core.exceptions import Conflict
from regions.models import Notification
from supervision import services
from supervision.models import Instruction
from supervision.selectors import instructions_for, instructions_visible
from tests.factories.windows import ServiceWindowFactory

pytestmark = pytest.mark.django_db


def issue(actor, target, **over):
    fields = dict(
        kind="instruction",
        finding="窗口未公示救助政策",
        requirement="一周内在窗口公示低保、特困、临时救助政策",
        deadline=timezone.localdate() + dt.timedelta(days=7),
    )
    fields.update(over)
    return services.instruction_issue(actor=actor, target=target, **fields)


@pytest.fixture
def window(regions):
    return ServiceWindowFactory(region=regions.a1, name="五山街道窗口")


def test_an_instruction_answered_sent_back_and_closed(regions, actors, window):
    made = issue(actors.city_viewer, window)
    assert (made.status, made.region_code, made.issuer_region_code) == ("open", "440106001", "4401")
    services.instruction_answer(
        actor=actors.county_admin, instruction=made, rectification="已张贴政策", evidence="照片 IMG_0412.jpg"
    )
    services.instruction_return(actor=actors.city_viewer, instruction=made, note="未公示临时救助政策")
    made.refresh_from_db()
    assert (made.status, made.returned_count, made.review_note) == ("open", 1, "未公示临时救助政策")
    services.instruction_answer(
        actor=actors.county_admin,
        instruction=made,
        rectification="已补充临时救助政策",
        evidence="照片 IMG_0420.jpg",
    )
    services.instruction_close(actor=actors.city_viewer, instruction=made, note="整改到位")
    made.refresh_from_db()
    assert made.status == "closed" and made.closed_at is not None
    assert list(made.events.values_list("action", flat=True)) == [
        "issue",
        "answer",
        "return",
        "answer",
        "close",
    ]


def test_the_county_admin_is_told_of_a_new_instruction_and_of_a_return(regions, actors, window):
    made = issue(actors.city_viewer, window)
    services.instruction_answer(
        actor=actors.county_admin, instruction=made, rectification="已改", evidence="照片"
    )
    services.instruction_return(actor=actors.city_viewer, instruction=made, note="不到位")
    titles = list(
        Notification.objects.filter(user=actors.county_admin, kind="supervision").values_list(
            "title", flat=True
        )
    )
    assert len(titles) == 2 and any("退回" in t for t in titles)


def test_a_county_cannot_issue_and_an_outsider_does_not_see_the_window(regions, actors, window):
    with pytest.raises(PermissionDenied):
        issue(actors.county_admin, window)
    with pytest.raises(Http404):
        issue(actors.outsider, window)
    assert not Instruction.objects.exists()


def test_the_city_cannot_answer_and_the_county_cannot_close(regions, actors, window):
    made = issue(actors.city_viewer, window)
    with pytest.raises(PermissionDenied):
        services.instruction_answer(
            actor=actors.city_viewer, instruction=made, rectification="x", evidence="y"
        )
    services.instruction_answer(
        actor=actors.county_admin, instruction=made, rectification="已改", evidence="照片"
    )
    with pytest.raises(PermissionDenied):
        services.instruction_close(actor=actors.county_admin, instruction=made)


def test_an_answer_without_evidence_or_a_return_without_a_note_is_refused(regions, actors, window):
    made = issue(actors.city_viewer, window)
    with pytest.raises(ValidationError) as exc:
        services.instruction_answer(
            actor=actors.county_admin, instruction=made, rectification="已改", evidence=" "
        )
    assert "evidence" in exc.value.message_dict
    services.instruction_answer(
        actor=actors.county_admin, instruction=made, rectification="已改", evidence="照片"
    )
    with pytest.raises(ValidationError):
        services.instruction_return(actor=actors.city_viewer, instruction=made, note="")


def test_closing_an_unanswered_instruction_is_a_conflict(regions, actors, window):
    made = issue(actors.city_viewer, window)
    with pytest.raises(Conflict):
        services.instruction_close(actor=actors.city_viewer, instruction=made)


def test_a_deadline_in_the_past_and_a_city_level_target_are_refused(regions, actors, window):
    with pytest.raises(ValidationError) as exc:
        issue(actors.city_viewer, window, deadline=timezone.localdate() - dt.timedelta(days=1), finding="")
    assert {"deadline", "finding"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError):
        issue(actors.provincial_viewer, regions.city)


def test_the_county_sees_its_own_and_the_city_its_counties(regions, actors, window):
    mine = issue(actors.city_viewer, window)
    theirs = issue(actors.provincial_viewer, regions.county_b)
    assert list(instructions_visible(actors.county_admin)) == [mine]
    assert list(instructions_visible(actors.outsider)) == [theirs]
    assert list(instructions_visible(actors.city_viewer)) == [mine]
    assert set(instructions_visible(actors.provincial_viewer)) == {mine, theirs}
    assert list(instructions_for(actors.county_admin, window)) == [mine]


def test_five_overdue_instructions_make_one_notification_a_day_for_the_county_admin(regions, actors, window):
    made = [issue(actors.city_viewer, window) for _ in range(5)]
    Instruction.objects.filter(pk__in=[i.pk for i in made]).update(deadline=dt.date(2026, 3, 1))
    Notification.objects.all().delete()
    services.overdue_notify(today=dt.date(2026, 3, 2))
    services.overdue_notify(today=dt.date(2026, 3, 2))
    mine = Notification.objects.filter(user=actors.county_admin, kind="supervision_overdue")
    assert mine.count() == 1
    assert mine.get().title.startswith("5 条") and len(mine.get().body.splitlines()) == 5
    services.overdue_notify(today=dt.date(2026, 3, 3))
    assert mine.count() == 2


def test_overdue_instructions_notify_the_county_admins_once_a_day_while_unanswered(regions, actors, window):
    made = issue(actors.city_viewer, window)
    Instruction.objects.filter(pk=made.pk).update(deadline=dt.date(2026, 3, 1))
    Notification.objects.all().delete()
    assert services.overdue_notify(today=dt.date(2026, 3, 1)) == 0  # the deadline day itself is not overdue
    assert services.overdue_notify(today=dt.date(2026, 3, 2)) == 1
    assert services.overdue_notify(today=dt.date(2026, 3, 2)) == 0  # a second run the same day
    assert services.overdue_notify(today=dt.date(2026, 3, 3)) == 1  # the next day's reminder
    assert Notification.objects.filter(user=actors.county_admin, kind="supervision_overdue").count() == 2
    assert not Notification.objects.filter(user=actors.outsider).exists()
    made.refresh_from_db()
    services.instruction_answer(
        actor=actors.county_admin, instruction=made, rectification="已改", evidence="照片"
    )
    assert services.overdue_notify(today=dt.date(2026, 3, 4)) == 0  # answered: not overdue
    services.instruction_return(actor=actors.city_viewer, instruction=made, note="不到位")
    assert (
        services.overdue_notify(today=dt.date(2026, 3, 5)) == 1
    )  # sent back and past the deadline: a new round
