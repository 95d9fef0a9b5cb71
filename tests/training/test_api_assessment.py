"""Assessment API: access contract, an unsuited grade reassigns."""

from __future__ import annotations

import pytest

from tests.contract import AccessContract
from tests.factories.training import WorkerFactory
from training.models import Assessment

pytestmark = pytest.mark.django_db


class TestAssessmentAccessContract(AccessContract):
    list_url = "/api/v1/training/assessments/"
    model = Assessment

    def make(self, regions, region):
        return Assessment.objects.create(
            worker=WorkerFactory(region=region),
            year=2025,
            grade="competent",
            suggested_grade="competent",
            judgement="称职",
        )

    def create_payload(self, regions, region):
        return {
            "worker": WorkerFactory(region=region).pk,
            "year": 2025,
            "grade": "excellent",
            "judgement": "优秀",
        }


class TestAssessmentApi:
    def test_unsuited_over_the_api_reassigns(self, regions, actors, api):
        worker = WorkerFactory(region=regions.a1)
        response = api(actors.county_admin).post(
            "/api/v1/training/assessments/",
            {
                "worker": worker.pk,
                "year": 2025,
                "grade": "unsuited",
                "judgement": "不适宜",
                "to_region": "440106002",
            },
            format="json",
        )
        assert response.status_code == 201, response.content
        worker.refresh_from_db()
        assert worker.region == regions.a2
