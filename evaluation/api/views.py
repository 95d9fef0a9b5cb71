"""The evaluation API: /api/v1/evaluation/templates/, /evaluations/ (+ /scores/, /publish/), /surveys/{id}/responses/."""

from __future__ import annotations

from rest_framework import mixins, permissions, status, viewsets
from rest_framework.response import Response

from .. import services
from ..models import EvaluationTemplate
from .serializers import TemplateSerializer


class TemplateViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Evaluation templates the caller may use: its regions' own and the province-wide default. A county admin
    creates templates for its county; a template used by an evaluation is frozen (409 on update)."""

    serializer_class = TemplateSerializer
    permission_classes = [permissions.IsAuthenticated]
    http_method_names = ["get", "post", "put", "head", "options"]

    def get_queryset(self):
        return (
            EvaluationTemplate.objects.visible_to(self.request.user)
            .select_related("region")
            .prefetch_related("parties__indicators")
        )

    def _fields(self, data: dict) -> dict:
        parties = [
            {
                "party": p["party"],
                "weight": p["weight"],
                "indicators": [dict(i) for i in p.get("indicators", [])],
            }
            for p in data.get("parties", [])
        ]
        fields = {
            "name": data["name"],
            "parties": parties,
            "service_category": data.get("service_category", ""),
        }
        for key in ("excellent_min", "good_min", "pass_min", "min_sample"):
            if key in data:
                fields[key] = data[key]
        return fields

    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        template = services.template_create(
            actor=request.user,
            region=serializer.validated_data.get("region"),
            **self._fields(serializer.validated_data),
        )
        return Response(self.get_serializer(template).data, status=status.HTTP_201_CREATED)

    def update(self, request, *args, **kwargs):
        template = self.get_object()
        serializer = self.get_serializer(template, data=request.data)
        serializer.is_valid(raise_exception=True)
        fields = self._fields(serializer.validated_data)
        fields["active"] = serializer.validated_data.get("active", True)
        template = services.template_update(actor=request.user, template=template, **fields)
        return Response(self.get_serializer(self.get_queryset().get(pk=template.pk)).data)
