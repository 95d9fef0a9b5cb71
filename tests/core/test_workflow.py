from __future__ import annotations

import pytest

from core.exceptions import Conflict
from core.workflow import allowed_actions, apply_transition, next_state
from regions.models import Region

TABLE = {("draft", "publish"): "published", ("published", "close"): "closed"}


def test_next_state_follows_the_table():
    assert next_state(TABLE, "draft", "publish") == "published"
    assert allowed_actions(TABLE, "published") == ["close"]


def test_illegal_step_is_a_conflict_naming_what_is_allowed():
    with pytest.raises(Conflict) as exc:
        next_state(TABLE, "draft", "close")
    assert "publish" in exc.value.message and exc.value.code == "illegal_transition"


@pytest.mark.django_db
def test_conditional_update_lets_only_the_first_writer_win(regions):
    # Region.level stands in for a status field: the second writer read the old value and must lose.
    first = Region.objects.get(code="440106001")
    second = Region.objects.get(code="440106001")
    apply_transition(Region.objects, first, "village", status_field="level")
    with pytest.raises(Conflict):
        apply_transition(Region.objects, second, "county", status_field="level")
    assert Region.objects.get(code="440106001").level == "village"
