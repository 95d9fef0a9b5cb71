"""The admin is a support tool: every registered model's list opens for the superuser, and records that only the
product's services write cannot be added, changed or deleted there."""

import pytest
from django.contrib import admin
from django.urls import reverse

from core.admin import ReadOnlyAdmin

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("root", "root@example.org", "a-long-password-123")
    client.force_login(user)
    return client


def test_every_registered_model_list_opens(superuser_client):
    for model in admin.site._registry:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert superuser_client.get(url).status_code == 200, url


@pytest.mark.parametrize(
    "name", ["evaluation.Evaluation", "training.TrainingPlan", "supervision.Instruction", "oversight.Meeting"]
)
def test_records_written_by_services_are_read_only_in_the_admin(name, superuser_client):
    model = next(m for m in admin.site._registry if m._meta.label == name)
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, ReadOnlyAdmin)
    add = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    assert superuser_client.get(add).status_code == 403
