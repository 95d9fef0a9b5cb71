"""Region codes by id, read once per process; a region's code cannot be changed in the admin."""

from __future__ import annotations

import pytest
from django.urls import reverse

from regions import codes

pytestmark = pytest.mark.django_db


def test_codes_are_read_once_and_then_answered_without_a_query(regions, django_assert_num_queries):
    ids = [regions.a1.pk, regions.b1.pk]
    with django_assert_num_queries(1):
        assert codes.codes_of(ids) == {regions.a1.pk: "440106001", regions.b1.pk: "440303001"}
    with django_assert_num_queries(0):
        assert codes.codes_of([regions.a1.pk]) == {regions.a1.pk: "440106001"}
    with django_assert_num_queries(1):  # only the region not yet read
        assert codes.codes_of([regions.a1.pk, regions.a2.pk])[regions.a2.pk] == regions.a2.code


def test_an_unknown_id_is_left_out(regions):
    assert codes.codes_of([regions.a1.pk, 987654321]) == {regions.a1.pk: "440106001"}


def test_the_admin_shows_an_existing_regions_code_read_only(regions, admin_client):
    url = reverse("admin:regions_region_change", args=[regions.a1.pk])
    page = admin_client.get(url).content.decode()
    assert 'name="code"' not in page and "440106001" in page
    add = admin_client.get(reverse("admin:regions_region_add")).content.decode()
    assert 'name="code"' in add
