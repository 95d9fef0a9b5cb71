"""Celery tasks: an unexpected error in an import step marks the import failed and re-raises."""

from __future__ import annotations

import pytest

from staffing import services
from staffing.choices import ImportState
from staffing.models import CaseloadImport
from staffing.tasks import caseload_import_validate_task
from tests.factories.staffing import caseload_xlsx


def test_an_unexpected_import_error_marks_the_import_failed(regions, actors, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    imp = CaseloadImport.objects.create(
        file=caseload_xlsx([]), filename="x.xlsx", uploaded_by=actors.county_admin
    )

    def boom(imp):
        raise RuntimeError("disk gone")

    monkeypatch.setattr(services, "caseload_import_validate", boom)

    with pytest.raises(RuntimeError):
        caseload_import_validate_task(imp.pk)
    imp.refresh_from_db()
    assert imp.state == ImportState.FAILED and "disk gone" in imp.errors[0]["message"]
