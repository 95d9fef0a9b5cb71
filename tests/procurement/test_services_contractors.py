"""Contractors, catalogue items, local conditions and eligibility reviews."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from procurement import services
from procurement.models import CatalogueItem, Contractor, EligibilityReview, ThresholdSet
from procurement.selectors import eligible_work_kinds
from tests.factories.procurement import ContractorFactory, credit_code
from tests.procurement.conftest import all_conditions


def create(actors, regions, **overrides):
    params = dict(
        actor=actors.county_admin,
        region=regions.county_a,
        name="天河区启明社会工作服务中心",
        credit_code=credit_code("52", 77),
        kind="social_org",
        legal_representative="陈启明",
    )
    params.update(overrides)
    return services.contractor_create(**params)


def test_contractor_is_registered_with_a_normalised_code(actors, regions):
    contractor = create(actors, regions, credit_code=credit_code("52", 77).lower())
    assert contractor.credit_code == credit_code("52", 77)


def test_a_wrong_check_character_is_refused(actors, regions):
    code = credit_code("52", 77)
    wrong = code[:-1] + ("0" if code[-1] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        create(actors, regions, credit_code=wrong)
    assert "校验码" in exc.value.message_dict["credit_code"][0]
    assert not Contractor.objects.exists()


def test_a_kind_that_disagrees_with_the_code_is_refused(actors, regions):
    with pytest.raises(ValidationError) as exc:
        create(actors, regions, kind="enterprise")
    assert "kind" in exc.value.message_dict


def test_a_code_with_letters_in_the_first_eight_is_accepted(actors, regions):
    contractor = create(actors, regions, credit_code=credit_code("N1", 5), kind="other_registered")
    assert contractor.pk


def test_a_duplicate_code_is_refused(actors, regions):
    create(actors, regions)
    with pytest.raises(ValidationError):
        create(actors, regions, name="另一家")


def test_a_contractor_update_rechecks_the_kind(actors, regions):
    contractor = create(actors, regions)
    with pytest.raises(ValidationError):
        services.contractor_update(actor=actors.county_admin, contractor=contractor, kind="enterprise")


def test_a_county_may_add_a_local_catalogue_item_but_a_township_may_not(actors, regions):
    item = services.catalogue_item_create(
        actor=actors.county_admin,
        region=regions.county_a,
        code="L-440106-1",
        name="困难群众探访",
        work_kind="service",
        assistance="all",
    )
    assert item.region == regions.county_a
    with pytest.raises(ValidationError):
        services.catalogue_item_create(
            actor=actors.township_a1,
            region=regions.a1,
            code="L-2",
            name="x",
            work_kind="service",
            assistance="all",
        )


def test_review_with_uploaded_evidence_passes_and_qualifies(actors, regions):
    contractor = ContractorFactory()
    conditions = all_conditions(
        staff={
            "condition": "staff",
            "met": True,
            "evidence_file": SimpleUploadedFile("社工证.pdf", b"%PDF-1.4"),
        }
    )
    review = services.review_create(
        actor=actors.county_admin,
        contractor=contractor,
        region=regions.county_a,
        work_kind="service",
        conditions=conditions,
        reviewed_on=dt.date(2026, 1, 5),
    )
    assert review.result == "passed"
    assert review.conditions.get(condition="staff").evidence_file.name.endswith(".pdf")
    assert eligible_work_kinds(contractor.pk, "440106001", dt.date(2026, 1, 5)) == {"service"}
    assert eligible_work_kinds(contractor.pk, "440106001", dt.date(2026, 1, 4)) == set()
    assert eligible_work_kinds(contractor.pk, "440303", dt.date(2026, 2, 1)) == set()


def test_a_review_missing_a_condition_is_refused_and_nothing_saved(actors, regions):
    with pytest.raises(ValidationError) as exc:
        services.review_create(
            actor=actors.county_admin,
            contractor=ContractorFactory(),
            region=regions.county_a,
            work_kind="service",
            conditions=all_conditions(finance=None),
        )
    assert "finance" in exc.value.message_dict
    assert not EligibilityReview.objects.exists()


def test_published_local_conditions_are_part_of_the_review(actors, regions):
    services.local_condition_publish(
        actor=actors.county_admin,
        region=regions.county_a,
        work_kind="service",
        text="须有2名以上持证社会工作者",
        published_on=dt.date(2026, 1, 1),
    )
    contractor = ContractorFactory()
    with pytest.raises(ValidationError) as exc:
        services.review_create(
            actor=actors.county_admin,
            contractor=contractor,
            region=regions.county_a,
            work_kind="service",
            conditions=all_conditions(),
            reviewed_on=dt.date(2026, 2, 1),
        )
    assert "local" in exc.value.message_dict
    conditions = all_conditions() + [{"condition": "local", "met": True, "evidence_note": "3名持证社工"}]
    review = services.review_create(
        actor=actors.county_admin,
        contractor=contractor,
        region=regions.county_a,
        work_kind="service",
        conditions=conditions,
        reviewed_on=dt.date(2026, 2, 1),
    )
    assert "持证社会工作者" in review.local_conditions


def test_a_later_failed_review_withdraws_an_earlier_pass(actors, regions):
    contractor = ContractorFactory()
    for day, met in ((dt.date(2026, 1, 1), True), (dt.date(2026, 5, 1), False)):
        services.review_create(
            actor=actors.county_admin,
            contractor=contractor,
            region=regions.county_a,
            work_kind="service",
            conditions=all_conditions(met=met),
            reviewed_on=day,
        )
    assert eligible_work_kinds(contractor.pk, "440106", dt.date(2026, 4, 30)) == {"service"}
    assert eligible_work_kinds(contractor.pk, "440106", dt.date(2026, 5, 1)) == set()


def test_a_contractor_from_another_county_is_visible_once_it_bids_or_is_reviewed_here(
    actors, regions, purchasing, eligible
):
    from procurement.models import Contractor

    (contractor,) = eligible(1, region=regions.county_b)  # registered and reviewed in county B
    assert contractor not in Contractor.objects.visible_to(actors.township_a1)
    services.review_create(
        actor=actors.county_admin,
        contractor=contractor,
        region=regions.county_a,
        work_kind="service",
        conditions=all_conditions(),
    )
    assert contractor in Contractor.objects.visible_to(actors.county_admin)
    assert contractor not in Contractor.objects.visible_to(actors.township_a1)
    services.bid_submit(
        actor=actors.township_a1, project=purchasing(purchaser=regions.a1), contractor=contractor, price="100"
    )
    assert list(Contractor.objects.visible_to(actors.township_a1)) == [contractor]
    assert contractor in Contractor.objects.visible_to(actors.outsider)


@pytest.mark.django_db
def test_catalogue_is_seeded_with_the_policy_items_for_each_assistance_type():
    purchasable = CatalogueItem.objects.filter(government_only=False, region=None)
    assert purchasable.filter(work_kind="transactional").count() == 6 * 3
    assert purchasable.filter(work_kind="service").count() == 7 * 3
    assert CatalogueItem.objects.filter(government_only=True).count() >= 3


@pytest.mark.django_db
def test_guangdong_thresholds_from_2018_are_seeded():
    row = ThresholdSet.objects.get(year=2018, region=None)
    assert (row.procurement_limit, row.open_tender_threshold) == (1000000, 2000000)
