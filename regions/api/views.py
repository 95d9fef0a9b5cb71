from __future__ import annotations

from regions.api.base import RegionScopedReadOnlyViewSet
from regions.filters import RegionFilterSet
from regions.models import Region

from .serializers import RegionSerializer


class RegionViewSet(RegionScopedReadOnlyViewSet):
    """Regions in the caller's scope: `?level=county&parent=4401`, `/regions/440106/`."""

    queryset = Region.objects.order_by("code")
    serializer_class = RegionSerializer
    filterset_class = RegionFilterSet
    lookup_field = "code"
