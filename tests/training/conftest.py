from __future__ import annotations

import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed(): service(...)` runs the on-commit tasks (compliance recomputes) as a real commit would."""

    def make():
        return django_capture_on_commit_callbacks(execute=True)

    return make
