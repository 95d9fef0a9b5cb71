from __future__ import annotations

from types import SimpleNamespace

import pytest

from tests.factories.windows import ServiceWindowFactory


@pytest.fixture
def windows(regions, actors):
    """A window in A1 (township_a1 on duty), one in A2, one in B1 (outsider's county)."""
    w_a1 = ServiceWindowFactory(
        region=regions.a1, name="五山街道社会救助窗口", duty_officer=actors.township_a1
    )
    w_a1.staff.add(actors.township_a1)
    w_a2 = ServiceWindowFactory(
        region=regions.a2, name="员村街道社会救助窗口", duty_officer=actors.township_a2
    )
    w_b1 = ServiceWindowFactory(region=regions.b1, name="桂园街道社会救助窗口", duty_officer=actors.outsider)
    return SimpleNamespace(a1=w_a1, a2=w_a2, b1=w_b1)
