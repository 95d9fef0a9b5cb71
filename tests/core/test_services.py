from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.services import model_update
from regions.models import Region


def test_model_update_sets_allowed_fields_without_saving():
    region = Region(code="440106", name="天河区")
    model_update(region, {"name": "天河"}, allowed={"name"})
    assert region.name == "天河" and region.pk is None


def test_model_update_refuses_every_field_outside_the_list_and_sets_none():
    region = Region(code="440106", name="天河区")
    with pytest.raises(ValidationError) as raised:
        model_update(region, {"name": "天河", "code": "440303", "level": "county"}, allowed={"name"})
    assert set(raised.value.message_dict) == {"code", "level"}
    assert region.name == "天河区" and region.code == "440106"
