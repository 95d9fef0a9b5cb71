from __future__ import annotations

from django.urls import path
from rest_framework.routers import DefaultRouter

from . import ocds, views

router = DefaultRouter()
router.register("catalogue", views.CatalogueViewSet, basename="procurement-catalogue")
router.register("contractors", views.ContractorViewSet, basename="procurement-contractor")
router.register("projects", views.ProjectViewSet, basename="procurement-project")
router.register("contracts", views.ContractViewSet, basename="procurement-contract")
router.register("sanctions", views.SanctionViewSet, basename="procurement-sanction")
router.register(
    "subcontracting-findings",
    views.SubcontractingFindingViewSet,
    basename="procurement-subcontracting-finding",
)

urlpatterns = [
    path("ocds/releases/", ocds.ReleasePackageView.as_view(), name="procurement-ocds-releases"),
    path("projects/<int:pk>/ocds/", ocds.ProjectReleaseView.as_view(), name="procurement-ocds-project"),
    path("debarments/", ocds.DebarmentListView.as_view(), name="procurement-debarments"),
    *router.urls,
]
