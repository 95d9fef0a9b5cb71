from __future__ import annotations

import pytest

from procurement.models import CatalogueItem, Contract, ThresholdSet
from tests.factories.procurement import ContractFactory


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


def test_contracts_are_scoped_by_the_purchaser_region(regions, actors):
    mine = ContractFactory(project__purchaser=regions.a1)
    ContractFactory(project__purchaser=regions.b1)
    assert list(Contract.objects.visible_to(actors.township_a1)) == [mine]
    assert mine.region == regions.a1
