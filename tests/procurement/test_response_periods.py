"""Minimum periods from issuing the documents to the response deadline (issue 11 item 4, domain.md 12).

The dates are counted by hand on a calendar; the 2026 National Day schedule is the State Council's published one
(国办发明电〔2025〕7号: 10月1日至7日放假, 9月20日（周日）、10月10日（周六）上班)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from procurement import rules, services
from procurement.choices import Method as M
from procurement.choices import MethodCondition as C
from procurement.choices import ProjectStatus
from tests.factories.procurement import ProjectFactory

D = dt.date
NATIONAL_DAY_2026 = {
    **{D(2026, 10, d): False for d in range(1, 8)},
    D(2026, 9, 20): True,
    D(2026, 10, 10): True,
}


@pytest.mark.parametrize(
    ("method", "issued", "deadline", "allowed"),
    [
        (M.OPEN_TENDER, D(2026, 3, 2), D(2026, 3, 21), False),  # 19 days
        (M.OPEN_TENDER, D(2026, 3, 2), D(2026, 3, 22), True),  # 20 days
        (M.INVITED_TENDER, D(2026, 3, 2), D(2026, 3, 21), False),
        (M.INVITED_TENDER, D(2026, 3, 2), D(2026, 3, 22), True),
        (M.CONSULTATION, D(2026, 3, 2), D(2026, 3, 11), False),  # 9 days
        (M.CONSULTATION, D(2026, 3, 2), D(2026, 3, 12), True),  # 10 days
        # Friday 6 March 2026: Mon 9 + Tue 10 = 2 working days, + Wed 11 = 3
        (M.NEGOTIATION, D(2026, 3, 6), D(2026, 3, 10), False),
        (M.NEGOTIATION, D(2026, 3, 6), D(2026, 3, 11), True),
        # Wed 30 Sep 2026: 1–7 Oct off, Thu 8 + Fri 9 = 2; Sat 10 Oct is a make-up workday = 3
        (M.NEGOTIATION, D(2026, 9, 30), D(2026, 10, 9), False),
        (M.NEGOTIATION, D(2026, 9, 30), D(2026, 10, 10), True),
        (M.SINGLE_SOURCE, D(2026, 3, 2), D(2026, 3, 3), True),
        (M.BELOW_LIMIT, D(2026, 3, 2), D(2026, 3, 2), True),
    ],
)
def test_minimum_response_periods_at_their_edges(method, issued, deadline, allowed):
    error = rules.response_period_error(method, issued, deadline, NATIONAL_DAY_2026)
    assert (error is None) is allowed


def test_the_refusal_names_the_clause():
    assert "政府采购法 第三十五条" in rules.response_period_error(
        M.OPEN_TENDER, D(2026, 3, 2), D(2026, 3, 4), {}
    )
    assert "财政部令第74号" in rules.response_period_error(M.NEGOTIATION, D(2026, 3, 6), D(2026, 3, 10), {})
    assert "财库〔2014〕214号" in rules.response_period_error(
        M.CONSULTATION, D(2026, 3, 2), D(2026, 3, 4), {}
    )


def test_an_open_tender_with_a_two_day_deadline_is_refused_and_nothing_is_saved(actors, project_kwargs):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    with pytest.raises(ValidationError) as exc:
        services.project_publish(
            actor=actors.county_admin, project=project, announced_on=D(2026, 3, 2), bid_deadline=D(2026, 3, 4)
        )
    assert "第三十五条" in exc.value.message_dict["bid_deadline"][0]
    project.refresh_from_db()
    assert project.status == ProjectStatus.SELECTED and project.bid_deadline is None
    services.project_publish(
        actor=actors.county_admin, project=project, announced_on=D(2026, 3, 2), bid_deadline=D(2026, 3, 22)
    )


def test_negotiation_over_national_day_2026_counts_the_state_council_schedule(actors, project_kwargs):
    project = services.project_create(
        actor=actors.county_admin,
        **project_kwargs(budget="800000.00", method=M.NEGOTIATION, method_condition=C.URGENT),
    )
    with pytest.raises(ValidationError):
        services.project_publish(
            actor=actors.county_admin,
            project=project,
            announced_on=D(2026, 9, 30),
            bid_deadline=D(2026, 10, 9),
        )
    services.project_publish(
        actor=actors.county_admin, project=project, announced_on=D(2026, 9, 30), bid_deadline=D(2026, 10, 10)
    )


def test_the_api_answers_400_with_a_stable_code(api, actors, project_kwargs):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    response = api(actors.county_admin).post(
        f"/api/v1/procurement/projects/{project.pk}/publish/",
        {"announced_on": "2026-03-02", "bid_deadline": "2026-03-21"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "response_period_too_short"
    assert "第三十五条" in response.json()["fields"]["bid_deadline"][0]


def test_the_form_checks_the_period_as_you_type(client, actors, project_kwargs):
    project = services.project_create(actor=actors.county_admin, **project_kwargs())
    client.force_login(actors.county_admin)
    page = client.get(f"/procurement/projects/{project.pk}/").content.decode()
    assert f"/procurement/projects/{project.pk}/period-check/" in page and 'id="period-check"' in page
    url = f"/procurement/projects/{project.pk}/period-check/"
    short = client.get(url, {"publish-announced_on": "2026-03-02", "publish-bid_deadline": "2026-03-21"})
    assert "第三十五条" in short.content.decode()
    enough = client.get(url, {"publish-announced_on": "2026-03-02", "publish-bid_deadline": "2026-03-22"})
    assert enough.status_code == 200 and "第三十五条" not in enough.content.decode()


def test_the_period_check_is_scoped(client, actors, regions):
    other = ProjectFactory(purchaser=regions.county_b)
    client.force_login(actors.county_admin)
    assert client.get(f"/procurement/projects/{other.pk}/period-check/").status_code == 404
